"""Fact rules (FA): medical statements checked against the knowledge base."""
from pipeline.rules.fact.abbreviation_mismatch import AbbreviationExpansionMismatch
from pipeline.rules.fact.antimicrobial_agent import AntimicrobialAgainstWrongAgent
from pipeline.rules.fact.category_error import CategoryError
from pipeline.rules.fact.conflation import DistinctConceptsConflated
from pipeline.rules.fact.contradiction import ContradictionAcrossArticles
from pipeline.rules.fact.drug_name import MisspelledDrugName
from pipeline.rules.fact.inconsistent_name import InconsistentName
from pipeline.rules.fact.misattribution import MisattributedCharacteristic
from pipeline.rules.fact.normal_value import WrongNormalValue
from pipeline.rules.fact.organ_activity import ImplausibleOrganActivity
from pipeline.rules.fact.product_material import WrongProductMaterial
from pipeline.rules.fact.self_contradiction import SelfContradiction
from pipeline.rules.fact.vaccine_target import WrongVaccineTarget
from pipeline.rules.fact.weekday_mismatch import WeekdayMismatch
from pipeline.rules.fact.wrong_cause import WrongCause
from pipeline.rules.fact.wrong_function import WrongOrganFunction
from pipeline.rules.fact.wrong_inflamed_site import WrongInflamedSite
from pipeline.rules.fact.wrong_location import WrongAnatomicalLocation
from pipeline.rules.fact.wrong_population import WrongAffectedGroup
from pipeline.rules.fact.wrong_property import WrongProperty
from pipeline.rules.fact.wrong_site import WrongProcedureSite
from pipeline.rules.fact.wrong_specialty import WrongSpecialty

RULES = [AbbreviationExpansionMismatch, DistinctConceptsConflated, CategoryError,
         MisattributedCharacteristic, MisspelledDrugName, InconsistentName, ContradictionAcrossArticles,
         ImplausibleOrganActivity, WrongAnatomicalLocation, WrongCause, WrongOrganFunction, WrongProperty,
         WrongAffectedGroup, SelfContradiction, AntimicrobialAgainstWrongAgent,
         WrongNormalValue, WrongSpecialty, WeekdayMismatch, WrongInflamedSite, WrongProcedureSite,
         WrongVaccineTarget, WrongProductMaterial]
