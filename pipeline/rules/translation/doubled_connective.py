from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.word_lists import word_lists

MAX_OPENER_WORDS = 5


def _opener(words: list[str], phrases: frozenset[str]) -> int:
    """Length in words of the phrase of `phrases` that `words` starts with (0 if none)."""
    for n in range(MAX_OPENER_WORDS, 0, -1):
        if " ".join(words[:n]) in phrases:
            return n
    return 0


class DoubledConnective(Rule):
    """A concession or cause marked twice, as Persian does: "Although X, but Y".

    What it does
    Finds a sentence that opens with a concessive subordinator ("although", "though", "even
    though", "even if") whose main clause then starts with "but" or "yet", or one that opens with a causal
    subordinator ("because", "since") whose main clause starts with "therefore", "so", "thus" or
    "hence". The proportional "as ..., so ..." and the inverted "..., so does X" are English and
    pass. Only the word right after the comma that closes the opening clause is
    checked, so a later "but" ("Although X, Y, but Z") passes.

    Why is this bad?
    Persian marks both halves of the pair ("agarche ... vali", "chon ... banabarin"); English marks
    only one. "Although the pain is mild, but it lasts" is ungrammatical English, and the doubled
    marker shows the sentence was translated word for word.

    Example
    Although the pain is mild, but it can last for several weeks.

    Use instead
    Although the pain is mild, it can last for several weeks.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Collins COBUILD English Usage, "although - though" (a sentence that begins with although does
    not introduce its main clause with but or yet):
    http://useful_english.en-academic.com/601099/although_-_though
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR026"
    name = "doubled-connective"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        lists = word_lists()
        for seg in ctx.segments:
            toks = seg.tokens
            words = [t.text.lower() for t in toks]
            for openers, resumers, kind in (
                    (lists["concessive_openers"], lists["concessive_resumers"], "concession"),
                    (lists["causal_openers"], lists["causal_resumers"], "cause")):
                n = _opener(words, openers)
                if not n or n >= len(words) or words[n] == ",":
                    continue
                comma = next((k for k in range(n, len(toks)) if words[k] in (",", ";")), None)
                if comma is None or comma + 1 >= len(toks) or words[comma + 1] not in resumers:
                    continue
                if kind == "cause" and words[comma + 1] == "so" and comma + 2 < len(toks) and (
                        words[comma + 2] in ("that", "far", "much", "many", "long")
                        or toks[comma + 2].tag in ("MD", "VBZ", "VBP", "VBD")):
                    continue  # "so that", "so far", "so does": not the resumed "therefore"
                tok = toks[comma + 1]
                yield Match(tok.start, tok.end,
                            f'"{" ".join(t.text for t in toks[:n])} ..., {tok.text} ..." marks the '
                            f"{kind} twice, as Persian does; English needs only one of the two "
                            f'words: drop "{tok.text}".',
                            suggestion="", evidence={"opener": " ".join(words[:n]),
                                                     "resumer": words[comma + 1]},
                            confidence=0.9)
                break
