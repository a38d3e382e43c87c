"""Safety rules (SA): advice that could harm a reader."""
from pipeline.rules.safety.absolute_claim import AbsoluteHealthClaim
from pipeline.rules.safety.contraindicated import ContraindicatedGroup
from pipeline.rules.safety.dose_limit import DoseAboveMaximum
from pipeline.rules.safety.efficacy_claim import UnsupportedEfficacyClaim
from pipeline.rules.safety.overclaimed_outcome import OverclaimedOutcome
from pipeline.rules.safety.stop_medication import StoppingMedicationAdvice
from pipeline.rules.safety.self_medication import SelfMedicationAdvice
from pipeline.rules.safety.supplement_advice import BlanketSupplementAdvice
from pipeline.rules.safety.unqualified_safety import UnqualifiedSafetyClaim

RULES = [SelfMedicationAdvice, BlanketSupplementAdvice, AbsoluteHealthClaim, DoseAboveMaximum, ContraindicatedGroup,
         StoppingMedicationAdvice, UnsupportedEfficacyClaim, OverclaimedOutcome, UnqualifiedSafetyClaim]
