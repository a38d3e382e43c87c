"""What the fact rules share: the article's claims, sentence by sentence."""
from __future__ import annotations

from pipeline.rules.fact.claims import Claim, sentence_claims


def article_claims(kb, article) -> list[Claim]:
    return [c for seg in article.segments for c in sentence_claims(kb, seg.text, seg.start)]


def quote(text: str, claim: Claim) -> str:
    return text[claim.start:claim.end]


def is_gloss(kb, text: str, claim: Claim) -> bool:
    """A claim glossing a term with an abbreviation ("X (ABC)", "X (Y or ABC for short)"): FA001's."""
    span = text[claim.start:claim.end]
    return "for short" in span.lower() or any(m.via == "abbreviation" for m in kb.find(span))


# How a message names a knowledge-base concept type: (one, several).
_KIND_WORDS = {
    "anatomy": ("body structure", "body structures"), "category": ("category", "categories"),
    "condition": ("condition", "conditions"), "drug": ("drug", "drugs"),
    "drug-class": ("drug class", "drug classes"), "group": ("group", "groups"),
    "imaging": ("imaging method", "imaging methods"), "modality": ("treatment", "treatments"),
    "nutrient": ("nutrient", "nutrients"), "organism": ("organism", "organisms"),
    "process": ("process", "processes"), "profession": ("profession", "professions"),
    "substance": ("substance", "substances"), "symptom": ("symptom", "symptoms"),
    "test": ("test", "tests"), "therapy": ("therapy", "therapies"),
}


def kind_word(concept_type: str, plural: bool = False) -> str:
    """A concept type as readers say it: "modality" -> "treatment" / "treatments"."""
    one, several = _KIND_WORDS.get(concept_type, (concept_type, concept_type + "s"))
    return several if plural else one
