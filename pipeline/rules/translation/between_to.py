from __future__ import annotations

from pipeline.rules.base import Match, Rule

_LEAD = ("DT", "JJ", "NN", "NNS", "IN")  # "between the ages of 6 to 12"
_WINDOW = 5


class BetweenTo(Rule):
    """A range written "between X to Y": "between two to three weeks", "between 30 to 45
    minutes".

    What it does
    Finds "between" followed, within five words, by a number, at most one word (a unit) and
    "to" before a second number, with no "and" in the range: "between 5 to 10 million",
    "between the ages of 6 to 12", "between 5 mg to 10 mg". "Between two drugs to find ..." (no
    number after "to") and "between 5 and 10" pass.

    Why is this bad?
    Persian writes a range as "beyn-e X ta Y" (between X until Y), and machine translation renders
    "ta" as "to". English pairs "between" with "and" and "from" with "to"; the mixed form reads as
    a translation error.

    Example
    The recovery takes between two to three weeks.

    Use instead
    The recovery takes between two and three weeks (or: from two to three weeks).

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Merriam-Webster, between (usage): https://www.merriam-webster.com/dictionary/between
    Cambridge Dictionary, Grammar, Between: https://dictionary.cambridge.org/grammar/british-grammar/between
    """

    code = "TR047"
    name = "between-to"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i, tok in enumerate(toks):
                if tok.text.lower() != "between":
                    continue
                end = _range_end(toks, i)
                if end is not None:
                    yield Match(tok.start, toks[end].end,
                                f'"{ctx.text[tok.start:toks[end].end]}" mixes two ways of '
                                f'giving a range: "between ... and ..." or "from ... to ...".',
                                evidence={"range": "between-to"}, confidence=0.85)


def _amount(tok) -> bool:
    """A number, or "half" ("between half to 5 kilograms")."""
    return tok.tag == "CD" or tok.text.lower() == "half"


def _range_end(toks, i: int) -> int | None:
    """Index of the second number of "between X to Y" opened at toks[i], or None."""
    k = i + 1
    while k < len(toks) and k - i <= _WINDOW and not _amount(toks[k]):
        if toks[k].tag not in _LEAD or toks[k].text.lower() in ("and", "to"):
            return None
        k += 1
    if k >= len(toks) or not _amount(toks[k]):
        return None
    j = k + 1
    if j < len(toks) and toks[j].tag in ("NN", "NNS") and toks[j].text.lower() != "to":
        j += 1  # "between 5 mg to 10 mg"
    if j + 1 < len(toks) and toks[j].text.lower() == "to" and toks[j + 1].tag == "CD":
        return j + 1
    return None
