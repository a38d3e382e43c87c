"""Safety rules (SA): advice that could harm a reader."""
from pipeline.rules.safety.absolute_claim import AbsoluteHealthClaim
from pipeline.rules.safety.self_medication import SelfMedicationAdvice
from pipeline.rules.safety.supplement_advice import BlanketSupplementAdvice

RULES = [SelfMedicationAdvice, BlanketSupplementAdvice, AbsoluteHealthClaim]
