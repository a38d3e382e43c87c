"""Cues the safety rules share."""
import re

CLINICIAN = re.compile(r"\b(?:doctors?|physicians?|specialists?|pharmacists?|clinicians?|physiatrists?|"
                       r"prescri\w+|supervision|consult\w*|medical advice|healthcare provider|"
                       r"health care provider)\b", re.I)
YOU_ADVICE = re.compile(r"\b(?:you\s+(?:can|could|should|may|must|need\s+to|have\s+to)|"
                        r"(?:^|[.;:]\s*|,\s*|therefore,?\s+|so\s+)(?:take|use|inject|consume|try))\b", re.I)
# "without seeing a doctor", "with no prescription": advice for self-care, whatever clinician it names
WITHOUT_CLINICIAN = re.compile(r"\b(?:without|with\s+no|no\s+need\s+(?:for|to\s+(?:see|ask|consult)))\s+(?:seeing\s+|asking\s+|"
                               r"consulting\s+|talking\s+to\s+|a\s+|your\s+|any\s+)*(?:a\s+|your\s+)?(?:doctors?|physicians?|"
                               r"pharmacists?|prescriptions?|medical\s+advice)\b", re.I)


def clinician_directed(text: str) -> bool:
    """Whether the sentence puts a clinician in charge of the dose ("your doctor may prescribe"),
    not merely names one ("without seeing a doctor")."""
    return bool(CLINICIAN.search(WITHOUT_CLINICIAN.sub(" ", text)))
