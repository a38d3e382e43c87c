from __future__ import annotations

from pipeline.rules.base import Match, Rule

# "not only ... but", "not just", "not so lucky": "not" that negates the next words, not the verb
_NEGATES_NEXT = {"only", "just", "merely", "simply", "so", "quite", "too", "as", "necessarily",
                 "always", "entirely", "fully", "yet"}


class NotAfterBe(Rule):
    """"Not" after "be" in a verb group with a modal: "may be not available", "should be not
    used".

    What it does
    Finds a modal ("may", "can", "will", "should", ...), "be" and "not": English puts "not"
    right after the modal ("may not be available"). "Not" that negates the next words passes
    ("can be not only good but excellent", "may be not so lucky"), and so does a contrast
    ("would be not a cure but a relief").

    Why is this bad?
    Persian negates the verb at the end of the clause ("momken ast dar dastras nabashad"), and
    machine translation attaches the negation to "be". The English reads as broken and can hide
    that the sentence is negative.

    Example
    Tonsillectomy may be not available in small towns. This cream should be not used in
    pregnancy.

    Use instead
    Tonsillectomy may not be available in small towns. This cream should not be used in
    pregnancy.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Negation: https://dictionary.cambridge.org/grammar/british-grammar/negation
    Cambridge Dictionary, Grammar, Modal verbs and modality: https://dictionary.cambridge.org/grammar/british-grammar/modal-verbs-and-modality
    """

    code = "TR083"
    name = "not-after-be"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 3):
                modal, be, neg, nxt = toks[i:i + 4]
                if modal.tag != "MD" or be.text.lower() != "be" or \
                        neg.text.lower() != "not" or nxt.text.lower() in _NEGATES_NEXT:
                    continue
                if any(t.text.lower() == "but" for t in toks[i + 3:i + 12]):
                    continue  # "there would be not a mouth, but a garden": not X but Y
                fixed = f"{modal.text} not be"
                yield Match(modal.start, neg.end,
                            f'"{modal.text} be not": "not" comes straight after "{modal.text}" in '
                            f'English: "{fixed} {nxt.text}".', suggestion=fixed,
                            confidence=0.8)
