from __future__ import annotations

from pipeline.rules.base import Match, Rule

_WH = {"what", "which", "whose", "whom"}
_HOW = {"how"}
_QUANT = {"much", "many", "long", "often", "effective", "far"}


class QuestionWordInPlace(Rule):
    """A question that keeps the source's word order: "X is done with what methods?".

    What it does
    Finds questions (sentences ending in "?") that open like a statement, with a verb, and put the
    question word later, after a preposition ("... is treated with what methods?", "... lasts for
    how long?"). Questions that open with a question word, an auxiliary or a preposition
    ("In what cases ...?") are English word order and pass.

    Why is this bad?
    Persian leaves the question word where the answer would stand; English moves it to the front.
    A literal rendering reads as an echo question ("You did what?") and sounds garbled in a title
    or an article's opening.

    Example
    Physiotherapy for back pain is done with what methods?

    Use instead
    Which methods does physiotherapy for back pain use?

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Quirk et al., A Comprehensive Grammar of the English Language (1985), 11.14-11.17 (wh-questions
    and echo questions).
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR014"
    name = "question-word-in-place"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            if len(toks) < 4 or not seg.text.rstrip().endswith("?"):
                continue
            first = toks[0].text.lower()
            if first in _WH | _HOW | {"who", "when", "where", "why"} or toks[0].pos in ("AUX", "ADP"):
                continue
            seen_verb = False
            for k, tok in enumerate(toks[:-1]):
                if tok.pos in ("VERB", "AUX"):
                    seen_verb = True
                    continue
                if not (seen_verb and tok.pos == "ADP" and k + 1 < len(toks)):
                    continue
                nxt = toks[k + 1].text.lower()
                wh = nxt in _WH or (nxt in _HOW and k + 2 < len(toks)
                                    and toks[k + 2].text.lower() in _QUANT)
                if not wh:
                    continue
                end = k + 2
                while end < len(toks) and toks[end].pos in ("NOUN", "ADJ", "PROPN", "ADV"):
                    end += 1
                yield Match(tok.start, toks[end - 1].end,
                            f'"{ctx.text[tok.start:toks[end - 1].end]}" leaves the question word '
                            "where the answer would stand (source word order); English puts it "
                            "first.", confidence=0.75)
                break
