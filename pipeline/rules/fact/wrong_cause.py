from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongCause(RelationRule):
    """A condition given the wrong cause or deficiency: "anemia is caused by a lack of vitamin D".

    What it does
    Reads cause claims ("X is caused by Y", "X is due to Y", "X results from Y", "Y causes X",
    "Y deficiency causes X", "a lack of Y causes X", "X is a sign of Y deficiency", "Y deficiency
    is the main cause of X", "A is the cause of X"), with the dependency parser for sentences
    whose shape the patterns miss ("rickets, which softens bones, is due to iron deficiency").
    Reports an infectious agent that is not the condition's (`caused_by`, closed: tuberculosis is
    bacterial, not viral) and a nutrient whose lack does not cause the condition
    (`caused_by_deficiency`, closed: night blindness comes from a lack of vitamin A, not iodine).

    Why is this bad?
    A wrong cause sends readers to the wrong remedy: iron tablets for scurvy, antibiotics for flu.

    Example
    Iodine deficiency causes night blindness.

    Use instead
    Vitamin A deficiency causes night blindness.

    Severity
    Major: a factual error that misdirects treatment or prevention.

    References
    Facts pipeline/data/knowledge/facts/causes.yaml, citing MedlinePlus and the NIH Office of Dietary
    Supplements fact sheets.
    """

    code = "FA010"
    name = "wrong-cause"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"
    kinds = ("cause", "deficiency")
    what = "cause"

    def verdict(self, judge, r):
        if not r.value:
            return None
        return judge.cause(r.x, r.y) if r.kind == "cause" else judge.deficiency(r.x, r.y)
