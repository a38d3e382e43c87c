from __future__ import annotations

from pipeline.rules.fact.relation_common import RelationRule


class WrongProcedureSite(RelationRule):
    """An operation said to be on the wrong body part: "rhinoplasty, the surgery of the ear".

    What it does
    Reads what an operation is said to remove or reshape ("X, the surgery of the Y", "X is an
    operation on the Y", "X means removal of the Y", "X (surgery of the Y)", "X is done on the Y",
    "X removes the Y", "X, an ear surgery") and reports the claim when the facts list the organs X
    is on (`operates_on`, closed) and the named part is none of them, no part of one and holds
    none (the face holds the nose; the throat, the tonsils). Parts listed after the first ("removal
    of the uterus and the ovaries") count as alternatives. An operation with no such fact, a part
    the knowledge cannot place, a negated or reported claim ("the myth that ...") give nothing.

    Why is this bad?
    A reader told that a tonsillectomy removes the appendix, or that a hysterectomy is the removal
    of the ovaries, misunderstands the operation offered to them and what their body loses.

    Example
    Rhinoplasty, the surgery of the ear, corrects prominent ears. A hysterectomy (removal of the
    ovaries) takes about two hours.

    Use instead
    Otoplasty, the surgery of the ear, corrects prominent ears. A hysterectomy (removal of the
    uterus) takes about two hours.

    Severity
    Major: a factual error about a procedure, usually a mistranslated or swapped organ name.

    References
    Facts pipeline/data/knowledge/facts/procedure-sites.yaml (`operates_on`), each with its reference
    (MedlinePlus, FDA, the NCI dictionary); where organs lie, anatomy-locations.yaml (Gray's Anatomy).
    """

    code = "FA020"
    name = "wrong-procedure-site"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"
    kinds = ("site",)
    what = "procedure site"

    def verdict(self, judge, r):
        return judge.site(r.x, r.name.split("|"))
