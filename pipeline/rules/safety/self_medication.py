from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.safety.common import CLINICIAN, YOU_ADVICE

_INJECT = re.compile(r"\b(?:you\s+(?:can|could|should|may)\s+(?:\w+\s+)?inject|inject\s+(?:yourself|a\s+shot)|"
                     r"(?:give|get)\s+yourself\s+(?:an?\s+)?(?:injection|shot))\b", re.I)
_USE = re.compile(r"\b(?:take|use|try|consume|inject)\b", re.I)


class SelfMedicationAdvice(Rule):
    """Readers told to take or inject prescription drugs with no clinician involved.

    What it does
    Reports a sentence that addresses the reader ("you can use ...", "take ...") and names a
    prescription drug or drug class from the knowledge base (muscle relaxants, opioids,
    corticosteroids, benzodiazepines, ...), when the sentence mentions no doctor, prescription or
    supervision. Advice to inject anything oneself is reported even when the drug is not recognised.
    Plain statements that a treatment exists ("muscle relaxants can be used") and advice to see a
    doctor are not findings.

    Why is this bad?
    Prescription drugs have contraindications, interactions and dependence risks; injections need
    sterile technique and training. A health article must not invite readers to skip the clinician.

    Example
    If the cramp is severe, you can use muscle relaxants to release the muscle.

    Use instead
    If the cramp is severe, ask your doctor whether a muscle relaxant is appropriate.

    Severity
    Major for taking prescription drugs unsupervised; critical for self-injection (dangerous).

    References
    MedlinePlus, Taking medicines: https://medlineplus.gov/druginformation.html
    Knowledge base drugs.yaml (`prescription`), with each drug's references.
    """

    code = "SA001"
    name = "self-medication-advice"
    category = "safety"
    severity = "major"
    mqm_type = "Audience appropriateness/Unsafe advice"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for seg in ctx.segments:
            if CLINICIAN.search(seg.text):
                continue
            inject = _INJECT.search(seg.text)
            if inject:
                yield Match(seg.start, seg.end, "The reader is told to inject a drug without a clinician.",
                            severity="critical", confidence=0.9,
                            evidence={"cue": inject.group(), "kb_entry": None,
                                      "references": ["https://medlineplus.gov/druginformation.html"]})
                continue
            if not YOU_ADVICE.search(seg.text) or not _USE.search(seg.text):
                continue
            drugs = [m for m in kb.find(seg.text) if kb.concept(m.concept).get("prescription")]
            if drugs:
                names = ", ".join(dict.fromkeys(m.surface for m in drugs))
                yield Match(seg.start, seg.end,
                            f"The reader is told to take prescription medicine ({names}) with no doctor involved.",
                            confidence=0.8, evidence=kb.evidence(*(m.concept for m in drugs)))
