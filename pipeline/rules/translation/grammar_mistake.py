from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.agreement import (agreement_errors, object_you_errors,
                                                  plural_apostrophe_errors)
from pipeline.rules.translation.harper_lints import harper_lints, harper_match, overlaps


class GrammarMistake(Rule):
    """A grammar mistake found by the offline grammar engine (Harper).

    What it does
    Lints each title, heading, list item and paragraph with Harper (harper-py, in process, no
    server) and reports the lints of the rules that pipeline/rules/data/grammar_harper.yaml maps
    to TR015 (Harper's groups "Grammar and Agreement", "Pronouns and Possession" and
    "Miscellaneous"): agreement, verb forms, "a"/"an", pronoun case, mass nouns in the
    plural. Harper's message is the finding's message and its replacement the suggestion.
    Errors Harper misses are added from spaCy's tags: a verb in -s or in the past after a modal
    or "do" ("can causes", "didn't felt"); a plural subject at the start of a clause followed by
    a verb in -s ("Most patients returns"); "you" before a noun after a verb, where "your" is
    meant ("review you medical history"; "give you advice" passes: a verb with two objects); a
    plural written with an apostrophe, which its verb shows ("Starch's are"); and "can not"
    before a verb, which English writes as one word ("cannot walk"; "can not only ... but"
    passes).
    Spelling (TR003), spacing (content rules), style and readability lints are not run;
    "its" for "it's" (TR016), lower-case sentence starts (TR017) and missing determiners
    (TR019) are reported by their own rules.

    Why is this bad?
    Machine translation leaves agreement errors, wrong verb forms and broken constructions that
    make a clinic page read as machine output and can blur who does what to whom.

    Example
    Most patients returns to work within two weeks. He don't need antibiotics. It can causes
    redness.

    Use instead
    Most patients return to work within two weeks. He doesn't need antibiotics. It can cause
    redness.

    Severity
    Minor: grammar errors rarely change the medical meaning (MQM Fluency/Grammar).

    References
    Harper, the grammar checker: https://writewithharper.com/docs/rules
    harper-py, its Python bindings: https://pypi.org/project/harper-py/
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    Cambridge Dictionary, "cannot" (the negative of "can", one word): https://dictionary.cambridge.org/dictionary/english/cannot
    """

    code = "TR015"
    name = "grammar-mistake"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        spans = []
        for lint in harper_lints(ctx, self.code):
            spans.append((lint.start, lint.end))
            if not _article_before_letters(ctx.text, lint) and not _plural_head_follows(ctx, lint) \
                    and not _tagger_disagrees(ctx, lint) \
                    and not _be_after_apostrophe_s(ctx.text, lint):
                yield harper_match(lint)
        for seg in ctx.segments:
            if seg.block_kind not in ("paragraph", "list_item"):
                continue
            for start, end, message, suggestion in (
                    *agreement_errors(seg.tokens), *object_you_errors(seg.tokens),
                    *plural_apostrophe_errors(seg.tokens, ctx.resources.vocabulary.frequency),
                    *_can_not(seg.tokens)):
                if not overlaps((start, end), spans):
                    yield Match(start, end, message, suggestion=suggestion,
                                evidence={"engine": "clinic-audit", "check": "agreement"},
                                confidence=0.7)


# "can not only ... but also": "not" belongs to the words after it, not to "can"
_NOT_OF_NEXT = {"only", "just", "merely", "simply", "so", "always", "necessarily"}


def _can_not(toks):
    """"can not" + a verb: English writes "cannot" (spaCy splits "cannot" into "can" and
    "not" with no space between: that passes)."""
    for a, b, c in zip(toks, toks[1:], toks[2:]):
        if a.text.lower() == "can" and a.tag == "MD" and b.text.lower() == "not" \
                and b.start > a.end and c.tag in ("VB", "RB") \
                and c.text.lower() not in _NOT_OF_NEXT:
            fixed = a.text[0] + "annot"
            yield (a.start, b.end, f'"{a.text} not" is written as one word in English: '
                                   f'"{fixed}".', fixed)


_MODIFIER_TAGS = {"JJ", "JJR", "JJS", "RB", "RBS", "CC", ",", "HYPH", "NN", "NNP", "VBN", "VBG"}


def _plural_head_follows(ctx, lint) -> bool:
    """Harper's "one of the ..." check reads the first word after "the most" as the noun: in
    "one of the most popular and practical beauty procedures" the noun is the plural at the end
    of the modifiers, and nothing is wrong."""
    if lint.harper_rule != "OneOfTheSingular":
        return False
    for seg in ctx.segments:
        if seg.start <= lint.start < seg.end:
            toks = seg.tokens
            k = next((n for n, t in enumerate(toks) if t.start >= lint.start), len(toks))
            for t in toks[k:k + 8]:
                if t.tag in ("NNS", "NNPS"):
                    return True
                if t.tag not in _MODIFIER_TAGS:
                    return False
    return False


_ARTICLE = re.compile(r"^(?:a|an)$", re.IGNORECASE)
_SPELLED = re.compile(r"\s+(?:[A-Z]{2,}|[A-Z])\b(?![a-z'’])")


def _article_before_letters(text: str, lint) -> bool:
    """Harper's a/an check misreads an article before an abbreviation or a letter, which is
    said letter by letter ("a NYPD officer"), the letter A itself ("vitamin A is"), and the "an" of a word split at
    its apostrophe ("Qur 'an"): neither is a wrong article."""
    word = text[lint.start:lint.end]
    if not _ARTICLE.match(word):
        return False
    before = text[:lint.start]
    if word == "A" and re.search(r"[a-z]\s+$", before):
        return True  # the letter A after a word ("vitamin A", "hepatitis A"), not an article
    if word == "A" and text[lint.end:lint.end + 1] in (")", "."):
        return True  # a list label: "A) Implant material B) Implant parts"
    return bool(_SPELLED.match(text, lint.end)) or before.rstrip(" ").endswith(("'", "’"))


def _be_after_apostrophe_s(text: str, lint) -> bool:
    """Harper's "be" twice reads the "'s" of "doctor's are" (a plural written with an
    apostrophe, which this rule reports itself) and "the doctor's is" (the doctor's surgery) as
    "is"."""
    return lint.harper_rule == "SingleBe" and \
        re.search(r"[A-Za-z]['’]s\s*$", text[max(0, lint.start - 40):lint.start + 1]) is not None


def _tagger_disagrees(ctx, lint) -> bool:
    """Two Harper checks that read a word's part of speech differently from the pipeline's
    tagger, which sees the whole sentence: "your patient" is a possessive before a noun, not
    "you're" before a predicate adjective; "is he able" is a question, and "able" no verb;
    "show you exercises" has a noun after "you", not a verb that disagrees with it."""
    if lint.harper_rule not in ("YourPredicateAdjective", "PronounVerbAgreement"):
        return False
    for seg in ctx.segments:
        if seg.start <= lint.start < seg.end:
            toks = seg.tokens
            k = next((n for n, t in enumerate(toks) if t.end > lint.start), len(toks))
            if lint.harper_rule == "YourPredicateAdjective":
                nxt = toks[k + 1] if k + 1 < len(toks) else None
                return nxt is not None and nxt.tag in ("NN", "NNS")
            return k < len(toks) and toks[k].tag in ("JJ", "JJR", "JJS", "NN", "NNS")
    return False
