from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.safety.common import CLINICIAN

_TAKE = re.compile(r"\b(?:take|consume|use|swallow|have)\b", re.I)
_ROUTINE = re.compile(r"\b(?:daily|every\s+day|each\s+day|per\s+day|a\s+day|every\s+morning|every\s+night|"
                      r"\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|iu|g|milligrams?|micrograms?|units?)\b)", re.I)
_NUTRIENT_TYPES = {"nutrient"}
# "should not take more than 40 mg a day", "up to 4,000 IU": a limit, not advice to take
_LIMIT = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+){0,2}?more\s+than\b|\bup\s+to\b|\bexceed\w*|\bmaximum\b|"
                    r"\bupper\s+(?:limit|level)\b|\b(?:should|must|do|does)\s+not\s+(?:take|use|consume)\b|\bnever\s+take\b", re.I)


class BlanketSupplementAdvice(Rule):
    """Blanket advice to take supplements daily or at a dose, without testing or a clinician.

    What it does
    Reports a sentence that tells readers to take (consume, use) specific vitamins, minerals or
    supplements from the knowledge base every day or at a stated dose, when the sentence mentions no
    doctor or testing. General diet advice ("eat foods rich in magnesium", "get enough vitamins")
    names no specific supplement regimen and passes, and so does a stated limit ("adults should not
    take more than 40 mg of zinc a day").

    Why is this bad?
    Supplements are not harmless for everyone: potassium is dangerous with kidney disease, vitamin D
    and magnesium can be overdosed, and deficiency should be confirmed before treating it.

    Example
    To stop cramps, take potassium and vitamin D daily.

    Use instead
    If you often have cramps, ask your doctor whether a blood test and a supplement are right for you.

    Severity
    Major: advice that can harm readers with common conditions (kidney disease, heart drugs).

    References
    NIH Office of Dietary Supplements, Magnesium: https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/
    Knowledge base nutrients.yaml, with each nutrient's references.
    """

    code = "SA002"
    name = "blanket-supplement-advice"
    category = "safety"
    severity = "major"
    mqm_type = "Audience appropriateness/Unsafe advice"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for seg in ctx.segments:
            if CLINICIAN.search(seg.text) or not _ROUTINE.search(seg.text) or _LIMIT.search(seg.text):
                continue
            take = _TAKE.search(seg.text)
            if not take:
                continue
            nutrients = [m for m in kb.find(seg.text[take.start():])
                         if kb.concept(m.concept)["type"] in _NUTRIENT_TYPES]
            if nutrients:
                names = ", ".join(dict.fromkeys(m.surface for m in nutrients))
                yield Match(seg.start + take.start(), seg.end,
                            f"Blanket advice to take {names} routinely, with no test or clinician.",
                            confidence=0.8, evidence=kb.evidence(*(m.concept for m in nutrients)))
