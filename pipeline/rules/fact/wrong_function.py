from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongOrganFunction(RelationRule):
    """An organ credited with another organ's product or work: "the adrenal glands produce red blood cells".

    What it does
    Reads function claims ("X produces / makes / secretes / releases Y", "Y is made by X", "Y is
    produced in X", "X pumps / filters / carries Y") and reports them when the facts list X's
    products completely (`produces`, closed), or the only sources of Y (`produced_by`, closed), or
    the only organs that do the work (`performed_by`, closed), and X is not among them. A part of
    a listed organ counts as the organ.

    Why is this bad?
    Wrong physiology confuses the reader about what a disease of that organ does.

    Example
    Insulin is made by the thyroid gland.

    Use instead
    Insulin is made by the pancreas.

    Severity
    Major: a factual error about how the body works.

    References
    Facts pipeline/data/knowledge/facts/organ-functions.yaml, citing MedlinePlus, NIDDK and NHLBI pages.
    """

    code = "FA011"
    name = "wrong-organ-function"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"
    kinds = ("produces", "performs")
    what = "organ function"

    def verdict(self, judge, r):
        return judge.produces(r.x, r.y) if r.kind == "produces" else judge.performs(r.x, r.y)
