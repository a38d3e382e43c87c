from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.safety.absolute_claim import _CLAIMS as _ABSOLUTE

_N = (r"(?:(?:just|only)\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
      r"a\s+single|a\s+few|a\s+couple\s+of)")
_UNIT = r"(?:sessions?|treatments?|visits?|applications?|days?|weeks?|months?|hours?|minutes?)"
_WITHIN = rf"\b(?:in|within|after)\s+{_N}\s+(?:\w+\s+)?{_UNIT}\b"
# verbs that promise an end to a condition
_CURE = (r"(?:cures?|cured|heals?|eliminates?|gets?\s+rid\s+of|reverses?|resolves?|eradicates?|fix(?:es)?|removes?|"
         r"dissolves?|unblocks?|unclogs?|regrows?|regenerates?|rebuilds?|restores?|clears?|ends?|banish(?:es)?)")
# verbs that promise any effect
_EFFECT = (_CURE[:-1] + r"|relieves?|reduces?|lowers?|improves?|prevents?|works?|helps?|whitens?|strengthens?|stops?|"
           r"makes?|normali[sz]es?|brings?)")
_EVERYONE = (r"\b(?:every|each|all)\s+(?:of\s+)?(?:our\s+|the\s+|its\s+|your\s+)?(?:patients?|people|persons?|users?|cases?|"
             r"children|child|clients?|customers?|athletes?|women|men)(?:'s|s')?\b"
             r"|\b100\s*%\s+of\s+(?:the\s+)?(?:patients|people|users|cases|children|clients|women|men)\b")
_OUTCOME = (r"(?:recovery|healing|speed|rate|time|pain|swelling|effects?|results?|benefits?|strength|mobility|"
            r"chances?|improvement|symptoms?|risk)\b")
_CLAIMS = [
    (re.compile(rf"\b{_CURE}\b[^.;:!?]{{0,60}}?{_WITHIN}"
                rf"|\b(?:disappears?|goes\s+away|vanish(?:es)?)\s+(?:completely\s+)?{_WITHIN}", re.I),
     "A cure within a set time is promised"),
    (re.compile(r"\b(?:halves?|halving|doubles?|triples?|cuts?)\s+(?:the\s+|your\s+)?(?:\w+\s+){0,2}?" + _OUTCOME
                + r"(?:\s+in\s+half)?[^.;:!?]{0,40}"
                r"|\b(?:reduces?|relieves?|lowers?|improves?|cuts?|decreases?|eliminates?)\s+[^.;:!?]{0,30}?\bby\s+\d+\s*%"
                r"|\b(?:relieves?|eliminates?|removes?|reduces?)\s+\d+\s*%\s+of\b[^.;:!?]{0,30}"
                r"|\b\d+\s*%\s+(?:effective|success(?:ful)?(?:\s+rate)?|cure\s+rate|of\s+patients\s+are\s+cured)\b"
                r"|\b\d+\s+times\s+(?:faster|better|more\s+effective)\b"
                r"|\b(?:\w+\s+)?(?:shades|times|levels)\s+(?:whiter|brighter|stronger|faster|better)\b", re.I),
     "A measured effect is stated as fact"),
    (re.compile(r"\b(?:(?:clinically|scientifically|medically)\s+)?proven\s+to\s+(?:cure|heal|work|reverse|eliminate|fix|"
                r"relieve|treat|stop)\b[^.;:!?]{0,50}|\bguarantee[sd]?\s+(?:a\s+|to\s+)?(?:cure|heal|recovery|relief|results?)\b"
                r"[^.;:!?]{0,30}|\bmiracle\s+(?:cure|treatment)\b"
                r"|\b(?:miraculous(?:ly)?|magical?)\s+(?:\w+\s+)?(?:effects?|results?|cures?|healing|recovery|"
                r"treatments?|solutions?)\b", re.I),
     "The treatment is claimed to be proven or guaranteed"),
    (re.compile(r"\b(?:works|worked|is\s+effective|helps)\s+(?:for|in)\s+(?:every|each|all)\s+(?:patients?|people|cases?)\b"
                r"[^.;:!?]{0,25}|\bin\s+every\s+patient\b|\bwithout\s+exception\b|\balways\s+works\b", re.I),
     "The treatment is claimed to work for everyone"),
]
# the same claims in any words: an effect promised to everyone ("prevents cold sores in 100% of
# patients", "every child is dry within one week"), reported only when the sentence credits a
# treatment and names a health outcome (or the verb is a medical one)
_EVERYONE_CLAIMS = [
    (re.compile(rf"(?:{_EVERYONE})\s+(?:is|are|will\s+be|becomes?|gets?|feels?)\s+[^.;:!?]{{0,30}}?{_WITHIN}", re.I),
     "A cure within a set time is promised"),
    (re.compile(rf"\b{_EFFECT}\b[^.;:!?]{{0,60}}?(?:{_EVERYONE})", re.I),
     "The treatment is claimed to work for everyone"),
]
# "heals in two weeks" with no object: the natural course of a condition, not a promise, unless the
# sentence credits a treatment for it ("With our programme, scoliosis disappears in one month").
_NATURAL_COURSE = re.compile(rf"(?:heals?|resolves?|clears?(?:\s+up)?|disappears?|goes\s+away|vanish(?:es)?)\s+(?:completely\s+)?"
                             rf"{_WITHIN}", re.I)
_TREATMENT_CUE = re.compile(r"\b(?:our|thanks\s+to|with\s+(?:this|the|our)|using|after\s+(?:the\s+)?(?:treatment|therapy|surgery))\b"
                            r"|\b(?:treatments?|therapy|therapies|programme|program|method|cream|device|laser|injections?|"
                            r"supplements?|pills?|tablets?|capsules?|exercises?|drops|tea|serum|remedy|remedies|alarm|surgery|"
                            r"operation|product|technique|sessions?|gel|ointment|lotion|spray|insoles?|brace|massage)\b", re.I)
# what a clinician takes out in routine care: removing it on a set day is no promise of a cure
_ROUTINE_REMOVAL = re.compile(r"(?:remov\w*|takes?\s+out)\s+(?:(?:the\s+|your\s+|any\s+)?(?:\w+\s+)?(?:stitch(?:es)?|"
                              r"sutures?|splints?|casts?|plaster|bandages?|dressings?|drains?|tubes?|catheters?|"
                              r"packing|staples|clips|pins|tampons?|gauze)|it|them)\b", re.I)
# ("the doctor removes it after a week": a pronoun object is the splint or the stitches of the
# sentence before, not a condition)
_TREATMENT_TYPES = {"modality", "therapy", "drug", "drug-class"}
_SOURCE = re.compile(r"\b(?:study|studies|trial|trials|review|meta-analysis|research(?:ers)?|according\s+to|reported|"
                     r"published|found\s+that|evidence|journal|Cochrane|data|survey)\b|\[\d+\]|\(\w[^()]*\d{4}\)", re.I)
# "most" hedges before a group ("most ulcers", "most of"), not as a superlative ("our most advanced
# laser cures ...")
_HEDGE = re.compile(r"\b(?:may|might|could|can\s+help|some|sometimes|in\s+some|most(?=\s+(?:of\b|[a-z]+s\b))|usually|"
                    r"often|generally|typically|"
                    r"no\s+good|not\s+proven|unproven|"
                    r"there\s+is\s+no|no|not|never|cannot|can't|nothing|nobody)\b", re.I)


class UnsupportedEfficacyClaim(Rule):
    """Efficacy stated as established fact with no source: "cures sciatica in three sessions".

    What it does
    Reports claims that a treatment cures, removes, dissolves, reverses or otherwise ends a condition
    within a set number of sessions, days or hours ("dissolves kidney stones within 48 hours"),
    halves or doubles an outcome, works by a stated percentage ("reduces pain by 90%", "100%
    effective", "ten shades whiter"), is "proven" or "guaranteed" to work, or works for every
    patient ("in all our patients", "every child is dry within one week", "in 100% of patients"),
    when the sentence cites no source (a study, trial, review, reference number or author and year)
    and does not hedge or deny ("may", "some patients", "no treatment ..."). A condition that heals
    or goes away within days, weeks or months, with no treatment credited in the sentence, is its
    natural course, not a claim ("a sprain heals within three weeks"). Claims of complete or
    permanent cure, guarantees of an outcome and "no side effects" are SA003's.

    Why is this bad?
    Readers choose and pay for treatments on such promises; when they are not met, they lose
    trust or give up effective care. Health claims need evidence.

    Example
    Our laser therapy cures sciatica in three sessions.

    Use instead
    Laser therapy may ease sciatica pain in some patients (cite the study).

    Severity
    Major: an unsupported health claim that misleads readers about what to expect.

    References
    U.S. FTC, Health Products Compliance Guidance: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
    """

    code = "SA007"
    name = "unsupported-efficacy-claim"
    category = "safety"
    severity = "major"
    mqm_type = "Audience appropriateness/Unsupported claim"

    def check(self, ctx):
        for seg in ctx.segments:
            if _SOURCE.search(seg.text):
                continue
            taken = [m.span() for p, _ in _ABSOLUTE for m in p.finditer(seg.text)]  # SA003's findings
            for pattern, what in _CLAIMS + _EVERYONE_CLAIMS:
                for m in pattern.finditer(seg.text):
                    if any(s < m.end() and m.start() < e for s, e in taken):
                        continue
                    if _HEDGE.search(seg.text[max(0, m.start() - 40):m.start()]):
                        continue
                    if _NATURAL_COURSE.fullmatch(m.group()) and not _credits_treatment(ctx, seg.text):
                        continue
                    if _ROUTINE_REMOVAL.match(m.group()):
                        continue  # "removes the stitches after a week": care, not a cure
                    if any(pattern is p for p, _ in _EVERYONE_CLAIMS) and not (_credits_treatment(ctx, seg.text) and (
                            _MEDICAL_VERB.match(m.group()) or _health_outcome(ctx, seg.text))):
                        continue  # "make this thought experiment for every person": no treatment claim
                    taken.append(m.span())
                    yield Match(seg.start + m.start(), seg.start + m.end(),
                                f'{what} with no source: "{m.group().strip()}". Cite the evidence or soften the claim.',
                                confidence=0.75,
                                evidence={"cue": m.group().strip(), "kb_entry": None,
                                          "references": [{"title": "FTC: Health Products Compliance Guidance",
                                                          "url": "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"}]})


_OUTCOME_RE = re.compile(r"\b" + _OUTCOME + r"|\b(?:cured?|heal\w*|recover\w*|dry|whiter|better|normal(?:ly)?|"
                         r"healthy|pain-free|well)\b", re.I)
# verbs that only a health claim uses
_MEDICAL_VERB = re.compile(r"(?:cures?|cured|heals?|eliminates?|relieves?|prevents?|reverses?|eradicates?|dissolves?|"
                           r"regrows?|regenerates?|normali[sz]es?)\b", re.I)


def _health_outcome(ctx, sentence: str) -> bool:
    """Whether the sentence names a condition, a body part or a health outcome."""
    kb = ctx.resources.knowledge
    return bool(_OUTCOME_RE.search(sentence)) or any(
        kb.concept(m.concept)["type"] in ("condition", "symptom", "anatomy") for m in kb.find(sentence))


def _credits_treatment(ctx, sentence: str) -> bool:
    """Whether the sentence names a treatment that the outcome could be credited to."""
    if _TREATMENT_CUE.search(sentence):
        return True
    kb = ctx.resources.knowledge
    return any(kb.concept(m.concept)["type"] in _TREATMENT_TYPES for m in kb.find(sentence))
