from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data
from pipeline.rules.translation.harper_lints import harper_lints, harper_match, overlaps

_NOUNISH = ("NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "VBG", "CD", "HYPH", "POS", "PRP$", "CC")
_ADJ = ("JJ", "JJR", "VBN")
_VERB = ("VBZ", "VBD", "VBP", "MD")


class ItsForItIs(Rule):
    """"its" (possessive) written for "it's" (it is, it has).

    What it does
    Finds "its" followed by what cannot follow a possessive: an article ("its a good idea"), "been"
    or "not", a verb ("its usually fades"), or a predicate adjective or participle with no noun
    after it ("its normal to feel", "its recommended that"). "its own", "its main side effect"
    and "its known effects" are possessives and pass. Harper's ItsContraction rule is off by
    default (it took "its known side effects" for "it's known"); mapped to TR016 in the
    settings, its lints are merged in, one "its" giving one finding.

    Why is this bad?
    "its" for "it is" is among the first things a reader notices; on a clinic page it makes the
    whole text look careless, and "its not safe" misread as a possessive can hide the advice.

    Example
    After the injection its normal to feel some pain. Its been shown to help.

    Use instead
    After the injection it's normal to feel some pain. It has been shown to help.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, "its" and "it's": https://dictionary.cambridge.org/grammar/british-grammar/it-s-or-its
    """

    code = "TR016"
    name = "its-for-it-is"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        words = grammar_data.load()
        found = []
        for seg in ctx.segments:
            toks = seg.tokens
            for i, tok in enumerate(toks):
                if tok.text.lower() == "its" and _contraction(toks, i, words):
                    found.append((tok.start, tok.end))
                    yield Match(tok.start, tok.end,
                                f'"{tok.text}" is the possessive; this sentence needs "it\'s" '
                                f'("it is" or "it has").',
                                suggestion="It's" if tok.text[0].isupper() else "it's",
                                evidence={"engine": "clinic-audit"}, confidence=0.8)
        for lint in harper_lints(ctx, self.code):
            if not overlaps((lint.start, lint.end), found):
                yield harper_match(lint, confidence=0.8)


def _contraction(toks, i: int, words: dict) -> bool:
    """Whether "its" at toks[i] stands for "it is" / "it has"."""
    j = i + 1
    if j >= len(toks):
        return False
    first = toks[j].text.lower()
    if first in words["its_always"]:
        return True
    adverbs = 0
    while j < len(toks) and toks[j].tag == "RB" and toks[j].text.lower() != "own":
        j, adverbs = j + 1, adverbs + 1
    if j >= len(toks):
        return False
    word, after = toks[j], (toks[j + 1] if j + 1 < len(toks) else None)
    noun_follows = after is not None and after.tag in _NOUNISH
    if word.tag in _VERB:
        return True
    if word.text.lower() in ("own", "best", "most", "least", "very"):
        return False
    if word.tag in _ADJ or word.text.lower() in words["its_predicates"] or adverbs:
        return not noun_follows and (word.tag in _ADJ or word.tag == "RB" or adverbs > 0 or
                                     word.text.lower() in words["its_predicates"])
    return False
