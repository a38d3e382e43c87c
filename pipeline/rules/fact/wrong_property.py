from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongProperty(RelationRule):
    """A test, condition or procedure given a property it does not have: "arthroscopy is non-invasive".

    What it does
    Reads property claims: invasive or non-invasive ("X is a non-invasive test"), what a test uses
    ("X uses ionising radiation", "X uses no radiation", "X is radiation-free", "X exposes you to
    X-rays"), what it measures ("an ECG measures the electrical activity of the brain"), and
    whether a condition is contagious or chronic ("psoriasis is contagious", "a short-lived
    illness"). Reports the claim when the facts say otherwise (`property`; `uses` and `measures`,
    closed). Contagiousness follows from the class when no fact names it: an infection is
    contagious, a non-communicable disease is not.
    Clinic procedures and products are read for four more (the subject of its clause: "the
    results of a hair transplant", "PRK, unlike LASIK, ..."; not "swelling after X", nor the X of
    "unlike X"): reversible ("a gastric sleeve can be reversed", "cannot be undone",
    "irreversible"), permanent or temporary ("Botox results are permanent", "last forever",
    "wear off", "last 6 to 12 months"), a corneal flap ("PRK creates a flap", "is flapless",
    "without a flap") and autologous ("PRP is synthetic", "made in a factory", "made from your own
    blood"). A negation flips the claim ("is not reversible"); a hedged one ("may not be
    permanent") is none.
    A test said to measure or check a body part ("tonometry measures the pressure inside the
    ear", "a creatinine test shows how well the liver works", "a Pap smear checks for cancer of
    the ovaries") is judged against the organs it examines (`examines`, closed; a Holter monitor
    has the ECG's): wrong when the named part is none of them, no part of one and holds none
    (`part_of`, regions). A part the knowledge cannot place, or a test with no such fact, is
    unknown, never a finding.

    Why is this bad?
    Readers decide about tests and precautions from these properties: a pregnant reader told an
    ultrasound uses X-rays may refuse it; one told a CT scan is radiation-free may repeat it; one
    told a sleeve gastrectomy can be undone or Botox lasts forever chooses on a false premise.

    Example
    A CT scan is radiation-free and safe to repeat often. A gastric sleeve can be reversed later.

    Use instead
    A CT scan uses X-rays, so it is repeated only when needed. Sleeve gastrectomy removes most of
    the stomach and cannot be reversed.

    Severity
    Major: a factual error that can change a reader's health decisions.

    References
    Facts pipeline/data/knowledge/facts/tests-procedures.yaml and diseases.yaml (MedlinePlus, FDA),
    clinic-procedures.yaml (FDA, AAD, bariatric and refractive-surgery references);
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
