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
