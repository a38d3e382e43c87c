from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data
from pipeline.rules.translation.ordinal_article import running_text

# A decade after a preposition, with no "the": "in 1990s", "to early 1970s", "during mid-80s".
_DECADE = re.compile(r"\b(?P<prep>in|during|since|to|from|until|till|through|throughout|by|into|"
                     r"of)\s+(?P<decade>(?:(?:early|late|mid)[- ])?(?:1[5-9]|20)?\d0[’']?s)\b",
                     re.IGNORECASE)
# what may stand before a bare definite modifier: a preposition, a verb, "to", or nothing
_GOVERNORS = ("IN", "TO", "VB", "VBZ", "VBP", "VBD", "VBN", "VBG")
# "following" + a plural is a bare noun phrase only after these ("in following days"); after
# "by", "after", "of" ... it is a gerund ("by following instructions")
_FOLLOWING_AFTER = frozenset(("in", "for", "on", "during", "at", "within", "over"))


class DefiniteWithoutThe(Rule):
    """A noun phrase that is definite by its meaning, written without "the": "at same time",
    "due to mentioned reasons", "in following days", "in 1990s".

    What it does
    In running text (sentences with a verb; not headings), finds a noun phrase opened by a word
    that picks out one known thing (pipeline/rules/data/grammar_words.yaml
    `definite_modifiers`: "same", "(afore/above-)mentioned", "following") with nothing before it
    but a preposition, a verb or the start of the sentence: "at same time", "is same as",
    "Due to mentioned reasons", "for following weeks" ("following" only after "in", "for",
    "on", "during", "at", "within", "over", as after "by" or "after" it is a verb: "by
    following instructions"). It also finds, in any sentence, a decade after a preposition
    with no "the" ("in 1990s", "to early 1970s"). Passes: "the same", "this same", "same-day surgery", "same day
    appointments", "Following surgery, ...", "in their 30s", and a phrase after "and", "or" or
    a comma (it may share the determiner before it).

    Why is this bad?
    Persian has no definite article; machine translation from Persian drops "the" where the
    meaning makes English require it. "Same", "aforementioned" and a decade name one known thing
    or span, and English marks that with "the".

    Example
    Both eyes are treated at same time. Due to mentioned reasons, the method spread in 1990s.

    Use instead
    Both eyes are treated at the same time. For the reasons mentioned, the method spread in the
    1990s.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    M. Swan, Practical English Usage, 3rd ed., Oxford University Press 2005 (articles: "the" for things already known; "the same")
    Macmillan Dictionary, same (in written English "same" is almost always used with "the"): https://www.macmillandictionary.com/dictionary/british/same_1
    Cambridge Dictionary, Grammar, Dates (in the 1990s): https://dictionary.cambridge.org/grammar/british-grammar/dates
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR095"
    name = "definite-without-the"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        words = grammar_data.load()["definite_modifiers"]
        for seg in ctx.segments:
            toks = seg.tokens if running_text(seg) else []
            for i, tok in enumerate(toks):
                if tok.text.lower() in words and _bare(toks, i):
                    end = _phrase_end(toks, i)
                    if end is None:
                        continue
                    phrase = ctx.text[tok.start:toks[end].end]
                    fixed = f"The {phrase[0].lower()}{phrase[1:]}" if i == 0 else f"the {phrase}"
                    yield Match(tok.start, toks[end].end,
                                f'"{phrase}" needs "the": it names one known thing, and English '
                                f'marks that with the definite article ("{fixed}").',
                                suggestion=fixed, evidence={"word": tok.text.lower()},
                                confidence=0.65)
            for m in _DECADE.finditer(seg.text):
                decade = m.group("decade")
                yield Match(seg.start + m.start("decade"), seg.start + m.end("decade"),
                            f'"{m.group(0)}" needs "the" before the decade: "{m.group("prep")} '
                            f'the {decade}".', suggestion=f"the {decade}",
                            evidence={"word": decade}, confidence=0.7)


def _bare(toks, i: int) -> bool:
    """Nothing but a preposition, a verb or the sentence start before token i ("at same",
    "is same", "Same ..."); "following" only after a preposition of time or place."""
    low = toks[i].text.lower()
    gov = toks[i - 1] if i > 0 else None
    if low == "following":
        return gov is not None and gov.text.lower() in _FOLLOWING_AFTER
    if gov is None:
        return toks[i].text[0].isupper()
    return gov.tag in _GOVERNORS and gov.text.lower() not in ("than", "as", "like")


def _phrase_end(toks, i: int) -> int | None:
    """The last token of the noun phrase the modifier at i opens (a noun, or "as" after
    "same"), or None when it opens none ("same-day", "same day surgery")."""
    low = toks[i].text.lower()
    k = i + 1
    if k >= len(toks) or toks[i].end != toks[k].start - 1:
        return None  # "same-day": a hyphen, not a space
    if low == "same" and toks[k].text.lower() == "as":
        return k
    if toks[k].tag in ("JJ", "VBN") and k + 1 < len(toks):
        k += 1  # "mentioned common causes"
    nxt = toks[k]
    if nxt.tag not in ("NN", "NNS") or not nxt.text.isalpha() or not nxt.text.islower():
        return None
    if low == "following" and nxt.tag != "NNS":
        return None
    if k + 1 < len(toks) and toks[k + 1].tag in ("NN", "NNS") and toks[k + 1].text.islower():
        if low == "same":
            return None  # "same day surgery": a compound modifier
        k += 1
    return k
