"""FA021: a vaccine said to protect against a disease it is not for ("the MMR vaccine protects
against malaria", "BCG is the vaccine against polio"). What each vaccine protects against is the
knowledge's `protects_against` facts (closed, pipeline/data/knowledge/facts/vaccines.yaml); what
causes each disease, its `caused_by` facts. The claim reading is shared with FA022
(pipeline/rules/fact/product_claims.py)."""
from __future__ import annotations

import re

from pipeline.rules.base import Rule
from pipeline.rules.fact.product_claims import agrees, cited, plain_name, product_claims, report

_W = r"[\w'’-]+"
# "protects (the child) against", "is given at birth to protect the baby from", "prevents",
# "is the vaccine against", "gives immunity against"
_VACCINE_GAP = re.compile(
    r"\s*(?:" + _W + r"\s+){0,8}?"
    r"(?:protect(?:s|ed|ing)?\s+(?:" + _W + r"\s+){0,3}?(?:against|from)|"
    r"prevent(?:s|ed|ing)?|guard(?:s|ed|ing)?\s+(?:" + _W + r"\s+){0,3}?against|"
    r"immuni[sz](?:e|es|ed|ing)\s+(?:" + _W + r"\s+){0,3}?against|"
    r"(?:vaccines?|vaccination|immuni[sz]ation|protection|immunity|shot|jab)\s+(?:against|for|from|to))"
    r"\s+(?:(?:the|a|an|all|three|two|serious|severe|dangerous)\s+)*", re.I)
_INFECTIOUS = ("infectious-disease", "virus", "bacterium", "fungus", "parasite")


class WrongVaccineTarget(Rule):
    """A vaccine said to protect against a disease it is not for: "BCG is the vaccine against polio".

    What it does
    Reads claims that a vaccine protects against, prevents or is the vaccine against a disease or
    an infectious agent ("V protects (children) against D", "V prevents D", "V is given at birth to
    protect the baby from D", "V is the vaccine against D", and the items of a list after D) and
    reports the claim when the facts list what V protects against (`protects_against`, closed) and
    D is an infectious disease or agent that is none of them, no kind of one and no class over one,
    and none of whose known causes (`caused_by`) is one of them (the varicella vaccine and
    shingles share the varicella-zoster virus). A vaccine with no such fact, a disease that is not
    infectious (the HPV vaccine prevents cervical cancer), a denied claim ("does not protect
    against"), a question or a belief reported as wrong give nothing.

    Why is this bad?
    A parent told that the MMR vaccine protects against malaria, or that BCG prevents polio,
    believes a child protected who is not, and may skip the vaccine or the precaution that is needed.

    Example
    The MMR vaccine protects children against measles, mumps and malaria. BCG is the vaccine against polio.

    Use instead
    The MMR vaccine protects children against measles, mumps and rubella. BCG is the vaccine against tuberculosis.

    Severity
    Major: a factual error about what a vaccine protects against.

    References
    Facts pipeline/data/knowledge/facts/vaccines.yaml (`protects_against`), each with its reference
    (CDC MMR vaccination; I Vaccinate after CDC's Vaccines for Your Children; WHO SMART immunization
    targets; MedicineNet and UNICEF on BCG); what causes each disease, facts/causes.yaml and
    infections.yaml (`caused_by`).
    """

    code = "FA021"
    name = "wrong-vaccine-target"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb, judge, facts = ctx.resources.knowledge, ctx.resources.judge, ctx.resources.facts

        def wanted(m):
            return kb.concept(m.concept)["type"] in ("condition", "organism")

        def claims_of(kb_, text, offset, ms):
            for k, m in enumerate(ms):
                if "vaccine" in judge.ancestors(m.concept) and m.concept != "vaccine":
                    for start, end, items in product_claims(kb, text, offset, ms, k, _VACCINE_GAP, wanted):
                        yield start, end, k, items

        def verdict(vaccine, target):
            objects, closed, fs = facts.objects(vaccine, "protects_against")
            if not objects or not closed:
                return None
            anc = judge.ancestors(target)
            if not any(a in anc for a in _INFECTIOUS) or agrees(judge, target, objects):
                return None
            agents = {target} if kb.concept(target)["type"] == "organism" else \
                facts.objects(target, "caused_by")[0]
            covered = set(objects) | {a for o in objects for a in facts.objects(o, "caused_by")[0]}
            if agents & covered or any(agrees(judge, a, covered) for a in agents):
                return None
            names = ", ".join(sorted(plain_name(judge, o) for o in objects if kb.concept(o)["type"] != "organism")
                              or sorted(plain_name(judge, o) for o in objects))
            return cited(judge, kb, fs, vaccine, target, "protects_against", objects,
                         f"the {judge.name(vaccine)} protects against {names}")

        yield from report(ctx, claims_of, verdict, "vaccine target")
