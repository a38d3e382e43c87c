"""Cues the safety rules share."""
import re

CLINICIAN = re.compile(r"\b(?:doctors?|physicians?|specialists?|pharmacists?|clinicians?|physiatrists?|"
                       r"prescri\w+|supervision|consult\w*|medical advice|healthcare provider|"
                       r"health care provider)\b", re.I)
YOU_ADVICE = re.compile(r"\b(?:you\s+(?:can|could|should|may|must|need\s+to|have\s+to)|"
                        r"(?:^|[.;:]\s*|,\s*|therefore,?\s+|so\s+)(?:take|use|inject|consume|try))\b", re.I)
