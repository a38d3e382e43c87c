from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.safety.common import CLINICIAN

_STOP = re.compile(r"\b(?:(?:you\s+(?:can|could|may|should)|feel\s+free\s+to|it\s+is\s+(?:fine|ok|okay|safe)\s+to|"
                   r"simply|just|then)\s+(?:also\s+)?(?:stop|quit|discontinue|come\s+off|skip|halve|cut\s+down|reduce)|"
                   # before a procedure: "patients should avoid (taking) aspirin 10 days before the injection"
                   r"(?:should|must|need\s+to|have\s+to|^\s*)\s*(?:avoid|stop)\s+(?:to\s+use|to\s+take|using|taking)?"
                   r"(?=[^.;!?]{0,60}\bbefore\s+(?:the\s+|your\s+|any\s+)?(?:surgery|operation|injection|procedure|"
                   r"treatment|session|extraction|implant\w*))|"
                   r"^\s*(?:stop|quit|discontinue)|\bno\s+need\s+to\s+(?:continue|finish|keep\s+taking|take))\b"
                   r"(?P<rest>[^.;!?]{0,60})", re.I)
_OBJECT = re.compile(r"\b(?:medication|medications|medicine|medicines|pills|tablets|drugs?|treatment|course|"
                     r"dose|doses|prescription|inhaler|insulin|antibiotics?|antidepressants?|steroids?|statins?)\b", re.I)
_WITHOUT = re.compile(r"\bwithout\s+(?:asking|consulting|talking\s+to|telling|checking\s+with|seeing)\b|\bon\s+your\s+own\b|"
                      r"\byourself\b|\bby\s+yourself\b", re.I)
_NEGATED = re.compile(r"\b(?:do\s+not|don't|never|not|shouldn't|should\s+not|must\s+not)\s+(?:\w+\s+){0,2}$", re.I)


class StoppingMedicationAdvice(Rule):
    """Readers told to stop or cut down prescribed medicine on their own: "you can stop taking your medication".

    What it does
    Reports advice that tells the reader they may stop, skip, halve or cut down a medicine, a
    course or a dose ("once your blood pressure is normal, you can stop taking your medication",
    "simply stop the course once you feel better", "no need to finish the antibiotics"), when the
    sentence leaves the decision to the reader: no doctor or pharmacist is named, or the sentence
    says to do it "on your own" or "without asking" one. "Do not stop ... without talking to your
    doctor" and "finish the course" pass.

    Why is this bad?
    Stopping blood pressure medicine can cause a rebound rise; stopping antidepressants abruptly
    causes withdrawal; stopping antibiotics early lets infections return and resistance grow.

    Example
    Once your blood pressure is normal, you can stop taking your medication.

    Use instead
    Keep taking your blood pressure medicine; talk to your doctor before changing it.

    Severity
    Critical: the advice can cause relapse, withdrawal or a medical emergency.

    References
    MedlinePlus, High Blood Pressure Medicines: https://medlineplus.gov/highbloodpressuremedicines.html
    MedlinePlus, Antibiotics: https://medlineplus.gov/antibiotics.html
    """

    code = "SA006"
    name = "stopping-medication-advice"
    category = "safety"
    severity = "critical"
    mqm_type = "Audience appropriateness/Unsafe advice"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for seg in ctx.segments:
            for m in _STOP.finditer(seg.text):
                if _NEGATED.search(seg.text[:m.start()]):
                    continue
                rest = m.group("rest")
                drug = _OBJECT.search(rest) or any(kb.concept(x.concept)["type"] in ("drug", "drug-class")
                                                   for x in kb.find(rest))
                if not drug:
                    continue
                if CLINICIAN.search(seg.text) and not _WITHOUT.search(seg.text):
                    continue
                end = m.start("rest") + (_OBJECT.search(rest).end() if _OBJECT.search(rest) else len(rest.rstrip()))
                yield Match(seg.start + m.start(), seg.start + end,
                            "The reader is told to stop or change medicine on their own.",
                            suggestion="Tell readers to keep taking prescribed medicine and to ask their doctor before "
                                       "stopping or changing it.",
                            confidence=0.8,
                            evidence={"cue": m.group(0).strip(), "kb_entry": None,
                                      "references": [{"title": "MedlinePlus: High Blood Pressure Medicines",
                                                      "url": "https://medlineplus.gov/highbloodpressuremedicines.html"},
                                                     {"title": "MedlinePlus: Antibiotics",
                                                      "url": "https://medlineplus.gov/antibiotics.html"}]})
                break
