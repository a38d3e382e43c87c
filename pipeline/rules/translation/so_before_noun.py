from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import FINITE_TAGS

# quantity words "so" does modify before a noun ("so many people", "so much pain")
_QUANTITIES = frozenset({"many", "much", "few", "little", "far", "long", "called"})


class SoBeforeNoun(Rule):
    """"So" + an adjective before a noun: "so old people", "so important role", "with so high
    accuracy".

    What it does
    Finds "so" followed by an adjective and a noun that the adjective describes. "So" intensifies
    an adjective that stands alone ("the pain is so strong"); before a noun English says
    "very" or "such (a)" ("very old people", "such an important role"). Quantities pass ("so
    many people", "so much pain", "so-called"), and so does "so" that joins two clauses, where a
    verb follows the noun ("the pain stopped, so normal activities resumed").

    Why is this bad?
    Persian "kheyli" (very) and "chonin" (such) are often both rendered "so", and the phrase
    reads as broken English.

    Example
    Children and so old people should not have this surgery.

    Use instead
    Children and very old people should not have this surgery.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, So and such: https://dictionary.cambridge.org/grammar/british-grammar/so-and-such
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR076"
    name = "so-before-noun"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        text = ctx.text
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 2):
                so, adj, noun = toks[i], toks[i + 1], toks[i + 2]
                if so.text.lower() != "so" or adj.tag not in ("JJ", "JJR") or \
                        adj.text.lower() in _QUANTITIES or noun.tag not in ("NN", "NNS") or \
                        text[so.end:so.end + 1] == "-":
                    continue
                after = toks[i + 3] if i + 3 < len(toks) else None
                if after is not None and after.tag in ("NN", "NNS"):
                    continue  # a longer noun phrase: not judged
                joins = i == 0 or toks[i - 1].text.lower() in (",", ";", "and", "but", "or")
                if joins and after is not None and after.tag in FINITE_TAGS:
                    continue  # "the pain stopped, so normal activities resumed": "so" joins a clause
                article = "an" if adj.text[:1].lower() in "aeiou" else "a"
                fixed = f"very {adj.text} {noun.text}" if noun.tag == "NNS" else \
                    f"such {article} {adj.text} {noun.text}"
                yield Match(so.start, noun.end,
                            f'"so {adj.text}" cannot come before a noun: write "{fixed}".',
                            suggestion=fixed, confidence=0.7)
