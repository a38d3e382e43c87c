from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongAnatomicalLocation(RelationRule):
    """A body structure placed in the wrong part of the body: "the tibia, the bone of the forearm".

    What it does
    Reads location claims ("X of the Y", "X, the bone of the Y", "X, a cartilage of the Y", "X in
    the Y", "X, located in the Y", "X, attached to the Y") and reports them when the facts list
    every region X lies in (`part_of`, closed) and the named region is neither one of them (nor
    containing them) nor inside X. Structures whose regions are not listed, and words that also
    name a part of other structures ("the head of the femur"), are never judged.

    Why is this bad?
    A reader told that the meniscus is in the shoulder, or the tibia in the forearm, learns wrong
    anatomy and misreads where their own problem is.

    Example
    The meniscus, a cartilage of the shoulder, absorbs shock.

    Use instead
    The meniscus, a cartilage of the knee, absorbs shock.

    Severity
    Major: a factual error about the body, usually a mistranslated or swapped body part.

    References
    Facts pipeline/data/knowledge/facts/anatomy-locations.yaml (`part_of`), each with its reference
    (Gray's Anatomy, MedlinePlus); the finding's evidence cites the deciding fact.
    """

    code = "FA009"
    name = "wrong-anatomical-location"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"
    kinds = ("location",)
    what = "location"

    def verdict(self, judge, r):
        return judge.location(r.x, r.y)
