"""Fact rules (FA): medical statements checked against the knowledge base."""
from pipeline.rules.fact.abbreviation_mismatch import AbbreviationExpansionMismatch
from pipeline.rules.fact.category_error import CategoryError
from pipeline.rules.fact.conflation import DistinctConceptsConflated
from pipeline.rules.fact.contradiction import ContradictionAcrossArticles
from pipeline.rules.fact.drug_name import MisspelledDrugName
from pipeline.rules.fact.inconsistent_name import InconsistentName
from pipeline.rules.fact.misattribution import MisattributedCharacteristic
from pipeline.rules.fact.organ_activity import ImplausibleOrganActivity

RULES = [AbbreviationExpansionMismatch, DistinctConceptsConflated, CategoryError,
         MisattributedCharacteristic, MisspelledDrugName, InconsistentName, ContradictionAcrossArticles,
         ImplausibleOrganActivity]
