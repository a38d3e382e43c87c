from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns

_WRONG = {"or": ("and", "nor"), "nor": ("or", "and"), "and": ("or",)}


class MismatchedCorrelative(Rule):
    """A correlative pair with the wrong second half: "either X and Y", "neither X or Y".

    What it does
    Finds "either", "neither" or "both" used as the first half of a pair (not as a determiner
    before a noun, "either side", nor before "of") in a sentence where the second half English
    needs ("or", "nor", "and") never comes but another conjunction does ("either in the knee and
    in the shoulder"). The pairs are in pipeline/rules/data/grammar_patterns.yaml.

    Why is this bad?
    Persian uses one word for both halves ("ham ... ham", "na ... na", "ya ... ya"), and machine
    translation renders the second half with the wrong English conjunction; the reader cannot
    tell whether both things are meant or one of them.

    Example
    The injection is either given in the knee and in the shoulder.

    Use instead
    The injection is given either in the knee or in the shoulder.

    Severity
    Minor: the meaning is usually recoverable (MQM Fluency/Grammar).

    References
    M. Swan, Practical English Usage, 3rd ed., Oxford University Press 2005 (both ... and; either ... or; neither ... nor)
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR042"
    name = "mismatched-correlative"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        pairs = grammar_patterns.load()["correlatives"]
        for seg in ctx.segments:
            toks = seg.tokens
            words = [t.text.lower() for t in toks]
            for i, word in enumerate(words):
                second = pairs.get(word)
                if second is None or i + 1 >= len(toks) or words[i + 1] == "of" or \
                        (toks[i].tag == "DT" and toks[i + 1].tag in ("NN", "NNP", "JJ") and
                         (i + 2 >= len(toks) or words[i + 2] not in _WRONG)):
                    continue  # "either of", "either side", "both knees" (a determiner)
                rest = words[i + 1:]
                if word == "both" and (toks[i + 1].tag.startswith("NN") or toks[i + 1].tag
                                       in ("JJ", "CD") or i > 0 and toks[i - 1].tag in
                                       ("PRP", "NN", "NNS", "NNP", "DT") or "," in rest[:1] or "." in rest[:1]):
                    continue  # "both knees", "they both", "the two both": not a pair
                if second in rest:
                    continue
                wrong = next((w for w in rest if w in _WRONG.get(second, ())), None)
                if wrong is None:
                    continue
                tok = toks[i]
                yield Match(tok.start, tok.end,
                            f'"{tok.text} ... {wrong}" does not pair: after "{tok.text}" English '
                            f'needs "{second}".',
                            evidence={"first": word, "found": wrong, "needed": second},
                            confidence=0.7)
