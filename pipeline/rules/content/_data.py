"""Phrase lists of the content rules, kept as YAML in pipeline/rules/data/content_*.yaml."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from pipeline import packaged

DATA_DIR = packaged.path("rules", "data")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The mapping in `content_<name>.yaml`."""
    return yaml.safe_load((DATA_DIR / f"content_{name}.yaml").read_text(encoding="utf-8"))


def alternation(phrases) -> str:
    """A regex alternation of phrases (longest first), spaces matching any run of whitespace."""
    parts = sorted({p.strip() for p in phrases}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in parts)
