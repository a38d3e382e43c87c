"""FA021: a vaccine said to protect against a disease it is not for ("the MMR vaccine protects
against malaria", "BCG is the vaccine against polio"). What each vaccine protects against is the
knowledge's `protects_against` facts (closed, pipeline/data/knowledge/facts/vaccines.yaml); what
causes each disease, its `caused_by` facts. The claim reading is shared with FA022 (materials):
a product mention, a verb phrase, and the first concept mention after it (and a list after that)."""
from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.claims import mentions

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
_LIST_SEP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?", re.I)
# what takes the claim back, reports it as a belief, or asks it
_NEG = re.compile(r"\b(?:not|no|never|cannot|neither|nor|without|unlike|instead|rather|except|only\s+if)\b|"
                  r"n['’]t\b", re.I)
_BELIEF = re.compile(r"\b(?:believes?|believed|think|thinks|thought|assumes?|assumed|myths?|misconceptions?|"
                     r"mistaken(?:ly)?|wrongly|falsely|erroneously|rumou?rs?|claims?|claimed|heard|whether|"
                     r"wonder|if|contrary|untrue|false)\b", re.I)
_NEXT_DISOWNS = re.compile(r"\s*(?:(?:this|that|it)\s+is\s+(?:a\s+myth|not\s+true|untrue|false|wrong|incorrect)|"
                           r"(?:myth|false|wrong|not\s+true)\s*[.!])", re.I)
# the product named as the object of a preposition ("the crown on top of a dental implant is ..."):
# the claim is about something else
_OBJECT_OF = re.compile(r"\b(?:of|on|in|for|to|with|from|than|into|onto|over|under|like|unlike|by|about|"
                        r"after|before|around|inside)\s+(?:(?:the|a|an|your|each|every|this|that|its|their)\s+)?"
                        r"(?:" + _W + r"\s+)?$", re.I)


def product_claims(kb, text, offset, ms, k, gap_re, wanted):
    """(start, end, indices of the claimed mentions) when mention k is followed by a phrase of
    `gap_re` and then by a mention that `wanted(mention)` accepts (and a list of them)."""
    d = ms[k]
    before = text[:d.start - offset]
    if _OBJECT_OF.search(before[-60:]):
        return []
    nxt = next((j for j in range(k + 1, len(ms)) if ms[j].start >= d.end and wanted(ms[j])), None)
    if nxt is None:
        return []
    gap = text[d.end - offset:ms[nxt].start - offset]
    if not gap_re.fullmatch(gap) or any(kb.concept(ms[j].concept)["type"] in ("condition", "organism", "therapy",
                                                                             "substance", "drug")
                                        for j in range(k + 1, nxt) if ms[j].start >= d.end):
        return []
    items = [nxt]
    while True:
        j = next((i for i in range(items[-1] + 1, len(ms)) if ms[i].start >= ms[items[-1]].end), None)
        if j is None or not wanted(ms[j]) or not _LIST_SEP.fullmatch(
                text[ms[items[-1]].end - offset:ms[j].start - offset]):
            break
        items.append(j)
    return [(d.start, ms[items[-1]].end, items)]


def disowned(text, s, e, nxt) -> bool:
    """The claim denied, asked, reported as a belief, or called wrong around it."""
    if text.rstrip().endswith("?"):
        return True
    before = text[:s]
    cut = max(before.rfind(";"), before.lower().rfind(" but "))
    clause = before[cut + 1:] if cut >= 0 else before
    return bool(_NEG.search(text[s:e]) or _NEG.search(clause) or _BELIEF.search(before)
                or _NEXT_DISOWNS.match(nxt))


def plain_name(judge, cid: str) -> str:
    """The concept's name as running text: "Rubella [German measles]" -> "rubella"."""
    n = re.sub(r"\s*\[[^\]]*\]", "", judge.name(cid))
    return n[0].lower() + n[1:] if len(n) > 1 and n[1].islower() else n


def agrees(judge, claimed: str, objects: set[str]) -> bool:
    """`claimed` is one of the objects, a kind of one, or a class over one."""
    anc = judge.ancestors(claimed)
    return any(o == claimed or o in anc or claimed in judge.ancestors(o) for o in objects)


def report(ctx, claims_of, verdict, what):
    """Run `claims_of(kb, text, offset, ms)` -> (start, end, subject index, item indices) over the
    sentences and yield a Match for each item `verdict` finds wrong."""
    kb = ctx.resources.knowledge
    segs = list(ctx.segments)
    for i, seg in enumerate(segs):
        text = seg.text
        nxt = segs[i + 1].text if i + 1 < len(segs) else ""
        ms = mentions(kb, text, seg.start)
        seen = set()
        for start, end, k, items in claims_of(kb, text, seg.start, ms):
            if disowned(text, start - seg.start, end - seg.start, nxt):
                continue
            first = True
            for y in items:
                found = verdict(ms[k].concept, ms[y].concept)
                if found is None:
                    continue
                s, e = (start, end) if first else (ms[y].start, ms[y].end)
                first = False
                if (s, e) in seen:
                    continue
                seen.add((s, e))
                message, evidence = found
                yield Match(s, e, f'Wrong {what}: "{ctx.text[s:e]}" — {message}.', suggestion=None,
                            confidence=0.85, evidence=evidence)


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
            refs = [r for f in fs for r in f.references]
            message = (f"the {judge.name(vaccine)} protects against {names}, not {plain_name(judge, target)} "
                       f"({'; '.join(dict.fromkeys(r['title'].split(' (')[0] for r in refs))})")
            ev = kb.evidence(vaccine, target, claim="protects_against", expected=sorted(objects),
                             facts=[f.cite() for f in fs])
            ev["references"] = refs + [r for r in ev["references"] if r not in refs]
            return message, ev

        yield from report(ctx, claims_of, verdict, "vaccine target")
