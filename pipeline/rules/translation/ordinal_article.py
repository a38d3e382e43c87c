from __future__ import annotations

from pipeline.article_need.phrases import sentence_like
from pipeline.rules.base import Match, Rule

ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
                     "twelfth final".split())
# "last"/"next" + a singular time ("last year", "next week") need no article; + a plural
# ("during last weeks", "in next days") they do
LAST_NEXT = frozenset(("last", "next"))
# superlatives that are quantities, never reported ("most patients", "at least")
NOT_SUPERLATIVE = frozenset(("most", "least", "fewest", "latter", "utmost"))
# nouns an ordinal or superlative takes bare in set phrases ("first aid", "at first sight",
# "second nature", "third party", "first-degree")
SET_NOUNS = frozenset("aid sight glance hand nature party class place person name cousin "
                      "degree line lady priority opinion opinions chance language home thoughts "
                      "grade impressions "
                      "regards wishes practice practices seller sellers friend friends".split())
_GOVERNORS = ("IN", "VB", "VBZ", "VBP", "VBD", "VBN", "VBG")
_SKIPPED = ("RB", "RBS")  # "in very first days"


class OrdinalWithoutArticle(Rule):
    """An ordinal or a superlative before a noun with no "the": "in first days after surgery",
    "with lowest price", "uses newest devices".

    What it does
    Finds, in running text (sentences with a verb; not headings or title-like lines), an ordinal
    ("first", "second", ..., "final"; "last" and "next" before a plural) or a superlative
    adjective ("highest", "newest"; an adverb may come before it: "very first") that
    modifies the next noun, with no article, possessive, number or other determiner before it,
    where the phrase follows a preposition or a verb or opens the sentence ("Largest hospital of
    the city is ..."). "most"/"least" + an adjective + a singular noun counts as a superlative
    ("Most important factor is ..."). What English says bare passes: "last year", "next week",
    "most patients", "at least", "best regards", set phrases with their noun ("first aid", "at
    first sight", "second nature", "third party", "first class"), a phrase after "and", "or" or
    a comma (it may share the determiner before it: "the first and second weeks"), capitalised
    names ("Second World War"), and a plural after a superlative at the start of a sentence
    ("Best results come from ...").

    Why is this bad?
    Persian has no definite article; English marks an ordinal or a superlative with "the"
    because it picks out one thing or one set. Machine translation from Persian drops it, and
    the sentence reads as a telegram.

    Example
    In first days after the surgery, patients with highest risk stay in hospital.

    Use instead
    In the first days after the surgery, patients with the highest risk stay in hospital.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Superlative adjectives (the + -est): https://dictionary.cambridge.org/grammar/british-grammar/comparison-adjectives-bigger-biggest-more-interesting
    Cambridge Dictionary, Grammar, Ordinal numbers (the first, the second): https://dictionary.cambridge.org/grammar/british-grammar/numbers
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR067"
    name = "ordinal-without-article"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            if not running_text(seg):
                continue
            toks = seg.tokens
            for i, t in enumerate(toks):
                found = _phrase(toks, i)
                if found is None:
                    continue
                start, noun = found
                g = start - 1
                while g >= 0 and toks[g].tag in _SKIPPED:
                    g -= 1
                governor = toks[g] if g >= 0 else None
                if governor is not None and (governor.tag not in _GOVERNORS or
                                             governor.text.lower() in ("than", "as", "of")
                                             and toks[start].text.lower() != "first"):
                    continue  # a determiner, "and", a comma ...: not a bare phrase
                if governor is None and toks[noun].tag == "NNS" and \
                        toks[start].text.lower() not in ORDINALS:
                    continue  # "Best results come from ...": advertising style
                if governor is not None and governor.tag == "IN" and \
                        toks[start].text.lower() in ("most", "least"):
                    continue  # "in most international competition": a quantity
                if governor is not None and governor.text.lower() == "at" and \
                        toks[start].text.lower() in ("first", "last"):
                    continue  # "at first", "at last"
                phrase = ctx.text[toks[start].start:toks[noun].end]
                fixed = f"The {phrase[0].lower()}{phrase[1:]}" if start == 0 else f"the {phrase}"
                yield Match(toks[start].start, toks[noun].end,
                            f'"{phrase}" needs "the": English marks an ordinal or a superlative '
                            f'with the definite article ("{fixed}").', suggestion=fixed,
                            evidence={"word": toks[i].text.lower(), "noun": toks[noun].text},
                            confidence=0.65)


def running_text(seg) -> bool:
    """A sentence of running text: a paragraph's or a list item's, with a verb (an imperative
    anywhere: "In first months, avoid the sun"), at least four words, not title-like (at most
    half its words after the first capitalised)."""
    if seg.block_kind not in ("paragraph", "list_item"):
        return False
    toks = seg.tokens
    if not any(t.tag.startswith("VB") or t.tag == "MD" for t in toks):
        return False
    return sentence_like([t.text for t in toks])


def _phrase(toks, i: int) -> tuple[int, int] | None:
    """(first token, noun) of an ordinal or superlative phrase starting at token i, or None."""
    t = toks[i]
    low = t.text.lower()
    shape = t.text.islower() or (i == 0 and t.text[1:].islower())
    if not shape or not t.text.isalpha():
        return None
    k = i + 1
    if low in ("most", "least") and t.tag in ("RBS", "JJS") and k < len(toks) and \
            toks[k].tag == "JJ" and toks[k].text.islower():
        k += 1  # "most important factor"
        plural_ok = False
    elif (low in ORDINALS or low in LAST_NEXT) and t.tag in ("JJ", "RB", "JJS"):
        plural_ok = True
    elif t.tag == "JJS" and low not in NOT_SUPERLATIVE and low.endswith("est"):
        plural_ok = True
    else:
        return None
    if k < len(toks) and toks[k].text.lower() in ("few", "many") and low in ORDINALS | LAST_NEXT:
        k += 1  # "in first few months"
    if k >= len(toks) or toks[k].tag not in ("NN", "NNS") or not toks[k].text.isalpha() or \
            not toks[k].text.islower() or toks[k - 1].end != toks[k].start - 1:
        return None
    while k + 1 < len(toks) and toks[k + 1].tag in ("NN", "NNS") and toks[k + 1].text.islower() \
            and toks[k + 1].text.isalpha():
        k += 1  # "newest laser devices"
    noun = toks[k]
    if noun.tag == "NNS" and not plural_ok:
        return None
    if low in LAST_NEXT and noun.tag != "NNS":
        return None  # "last year", "next week"
    if noun.text.lower() in SET_NOUNS or toks[i + 1].text.lower() in SET_NOUNS:
        return None
    if k + 1 < len(toks) and toks[k + 1].tag == "HYPH":
        return None  # "first-degree", "third-party"
    return i, k
