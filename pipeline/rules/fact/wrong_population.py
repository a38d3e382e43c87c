from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongAffectedGroup(RelationRule):
    """A condition said to affect the wrong age group or sex: "osteoarthritis mostly affects teenagers".

    What it does
    Reads whom a condition affects ("a disease of the elderly", "mainly affects children", "is
    most common in young adults", "usually begins in old age", "is rare in children", "is more
    common in women", "men are more likely than women to develop X") and reports the claim when
    the facts list the typical age groups completely (`age_group`, closed) and the named group is
    not among them, when a typical group is called rare, or when the facts say the condition is
    more common in the other sex (`more_common_in`).

    Why is this bad?
    Readers judge their own risk from it; a wrong group makes the typical patient dismiss symptoms.

    Example
    Osteoporosis mainly affects young men.

    Use instead
    Osteoporosis mainly affects older adults, especially women after menopause.

    Severity
    Major: a factual error about who is at risk.

    References
    Facts pipeline/data/knowledge/facts/diseases.yaml (`age_group`, `more_common_in`), citing MedlinePlus.
    """

    code = "FA013"
    name = "wrong-affected-group"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"
    kinds = ("age", "sex")
    what = "affected group"

    def verdict(self, judge, r):
        return judge.age(r.x, r.y, r.value) if r.kind == "age" else judge.sex(r.x, r.y)
