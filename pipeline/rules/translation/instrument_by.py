from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns

_DETERMINERS = ("a", "an", "the", "one", "this", "that")
_MODIFIERS = ("JJ", "CD", "NN", "NNS", "NNP", "HYPH", "VBN", "JJR")  # "a 20 cc syringe"


class InstrumentBy(Rule):
    """An instrument given with "by" after a passive verb: "injected by a syringe", "done by a
    tiny needle", where English says "with".

    What it does
    Finds a passive participle ("done", "injected", "cleaned") followed by "by", a determiner
    ("a", "an", "the", "one"), any adjectives, numbers or modifying nouns ("a 20 cc"), and a
    hand-held instrument or device from the list `instruments` in
    pipeline/rules/data/grammar_patterns.yaml (needle, syringe, brush, swab, cannula, ...).
    "by" stays right for the agent: a person ("by a trained nurse") is not an instrument, and
    verbs whose agent can be a device (`device_agent_verbs`: "caused", "detected", "recorded",
    "powered", "taken by a camera") pass, as do a method without a determiner ("by laser",
    "by injection").

    Why is this bad?
    Persian "ba" means both "with" (the instrument) and "by" (the agent), and machine
    translation picks "by" after a passive verb; English marks the instrument with "with", so
    "by a needle" reads as if the needle did the work.

    Example
    The saline is injected by a 20 cc syringe, and the wound is cleaned by a cotton swab.

    Use instead
    The saline is injected with a 20 cc syringe, and the wound is cleaned with a cotton swab.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, By (agent) and with (instrument): https://dictionary.cambridge.org/grammar/british-grammar/by
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR068"
    name = "instrument-with-by"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        data = grammar_patterns.load()
        instruments, agents = data["instruments"], data["device_agent_verbs"]
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(1, len(toks) - 2):
                by = toks[i]
                verb = toks[i - 1]
                if by.text.lower() != "by" or verb.tag != "VBN" or \
                        verb.text.lower() in agents or \
                        toks[i + 1].text.lower() not in _DETERMINERS:
                    continue
                k = i + 2
                while k < len(toks) and toks[k].tag in _MODIFIERS and \
                        toks[k].text.lower() not in instruments:
                    k += 1
                if k >= len(toks) or toks[k].text.lower() not in instruments or \
                        toks[k].tag not in ("NN", "NNS"):
                    continue
                if k + 1 < len(toks) and toks[k + 1].tag in ("NN", "NNS"):
                    continue  # "by a needle manufacturer": the instrument only modifies
                yield Match(by.start, toks[k].end,
                            f'"by" before an instrument ("{toks[k].text}"): English says '
                            f'"with" for what something is done with, "by" for who does it.',
                            suggestion="with" + ctx.text[by.end:toks[k].end],
                            evidence={"verb": verb.text.lower(), "instrument": toks[k].text.lower()},
                            confidence=0.7)
