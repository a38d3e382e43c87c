from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongProperty(RelationRule):
    """A test or condition given a property it does not have: "arthroscopy is a non-invasive test".

    What it does
    Reads property claims: invasive or non-invasive ("X is a non-invasive test"), what a test uses
    ("X uses ionising radiation", "X uses no radiation", "X is radiation-free", "X exposes you to
    X-rays"), what it measures ("an ECG measures the electrical activity of the brain"), and
    whether a condition is contagious or chronic ("psoriasis is contagious", "a short-lived
    illness"). Reports the claim when the facts say otherwise (`property`; `uses` and `measures`,
    closed). Contagiousness follows from the class when no fact names it: an infection is
    contagious, a non-communicable disease is not.
    A test said to measure or check a body part ("tonometry measures the pressure inside the
    ear", "a creatinine test shows how well the liver works", "a Pap smear checks for cancer of
    the ovaries") is judged against the organs it examines (`examines`, closed; a Holter monitor
    has the ECG's): wrong when the named part is none of them, no part of one and holds none
    (`part_of`, regions). A part the knowledge cannot place, or a test with no such fact, is
    unknown, never a finding.

    Why is this bad?
    Readers decide about tests and precautions from these properties: a pregnant reader told an
    ultrasound uses X-rays may refuse it; one told a CT scan is radiation-free may repeat it.

    Example
    A CT scan is radiation-free and safe to repeat often.

    Use instead
    A CT scan uses X-rays, so it is repeated only when needed.

    Severity
    Major: a factual error that can change a reader's health decisions.

    References
    Facts pipeline/data/knowledge/facts/tests-procedures.yaml and diseases.yaml (MedlinePlus, FDA);
    where organs lie, anatomy-locations.yaml (Gray's Anatomy).
    """

    code = "FA012"
    name = "wrong-property"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"
    kinds = ("property", "uses", "measures")
    what = "property"

    def verdict(self, judge, r):
        if r.kind == "property":
            return judge.prop(r.x, r.name, r.value)
        if r.kind == "uses":
            return judge.uses(r.x, r.y, r.value)
        return judge.measures(r.x, r.y)
