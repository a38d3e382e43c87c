from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns
from pipeline.rules.translation.clauses import can_be_verb

_WRONG = {"or": ("and", "nor"), "nor": ("or", "and"), "and": ("or",)}


class MismatchedCorrelative(Rule):
    """A correlative pair with the wrong second half: "either X and Y", "neither X or Y".

    What it does
    Finds "either", "neither" or "both" used as the first half of a pair (not as a determiner
    before a noun, "either side", nor before "of") in a sentence where the second half English
    needs ("or", "nor", "and") never comes but another conjunction does ("either in the knee and
    in the shoulder"). The pairs are in pipeline/rules/data/grammar_patterns.yaml. A comparison
    whose second half is a noun phrase after "that" ("more costly that ordinary crowns") is
    reported as the pair "more ... than".

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
            yield from _comparative_that(toks)
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


_STOPS = {".", ",", ";", ":", "!", "?", ")"}


def _comparative_that(toks):
    """"more costly that ordinary crowns": a comparison whose second half is a noun phrase joined
    by "that" where English needs "than" (a that-clause, with its verb, passes: "it is more
    likely that the pain returns"), and so does "that" before a singular noun, a demonstrative
    ("worse that day")."""
    for i in range(1, len(toks) - 1):
        if toks[i].text.lower() != "that":
            continue
        prev = toks[i - 1]
        comparative = prev.tag in ("JJR", "RBR") or (
            i >= 2 and toks[i - 2].text.lower() in ("more", "less") and prev.tag in ("JJ", "RB"))
        if not comparative or any(t.text.lower() in ("so", "such") for t in toks[max(0, i - 3):i]):
            continue
        rest = []
        for t in toks[i + 1:]:
            if t.text in _STOPS:
                break
            rest.append(t)
        hidden = any(t.tag == "NNS" and k > 0 and rest[k - 1].tag in ("NN", "NNP") and
                     can_be_verb(t.text.lower()) for k, t in enumerate(rest))  # "the pain returns"
        if not rest or rest[0].tag in ("NN", "NNP") or hidden or any(t.tag.startswith("VB") or t.tag == "MD" for t in rest) or \
                not any(t.tag.startswith("NN") or t.text.lower() == "one" for t in rest):
            continue
        tok = toks[i]
        yield Match(tok.start, tok.end, f'"{prev.text} that" compares with a noun phrase: English '
                                        f'writes "{prev.text} than".', suggestion="than",
                    evidence={"first": prev.text.lower(), "found": "that", "needed": "than"},
                    confidence=0.75)
