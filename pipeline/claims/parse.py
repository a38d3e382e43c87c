"""The dependency parser, loaded lazily once and run only on candidate sentences (two or more
concept mentions and a claim verb), so the segment stage keeps its fast parser-free pipeline."""
from __future__ import annotations

from functools import lru_cache

from pipeline.nlp import MODEL


@lru_cache(maxsize=1)
def parser(model: str = MODEL):
    import spacy

    return spacy.load(model, exclude=["ner"])


@lru_cache(maxsize=1 << 14)
def parse(text: str):
    """The parsed sentence (cached: several rules read the same sentences)."""
    return parser()(text)
