"""What the claim readers of this package share: the `Relation` record, concept types as the
relation claims count them, and the patterns more than one reader uses."""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Relation:
    kind: str
    x: str  # subject concept
    y: str | None  # object concept (None for a property)
    start: int
    end: int
    value: bool = True  # polarity, or the property's value
    name: str | None = None  # property name
    pattern: str = ""


TYPE_FAMILY = {"imaging": "test", "symptom": "condition"}


def concept_type(kb: KnowledgeBase, cid: str) -> str:
    """The concept's type, imaging studies counted as tests and symptoms as conditions."""
    t = kb.concept(cid)["type"]
    return TYPE_FAMILY.get(t, t)


# "X, also known as Y, is ...": a second name between a subject and its predicate
APPOSED_NAME = r"(?:\s*,\s*(?:which\s+is\s+|or\s+)?(?:also\s+)?(?:known\s+as|called|named|referred\s+to\s+as)\s+[^,;.()]{1,60},)?"
# "not X", "rather than X", "unlike X": X is named only to be set apart
EXCLUDED_BEFORE = re.compile(r"(?:\bnot|\brather\s+than|\binstead\s+of|\bunlike|\bexcept)\s+(?:a\s+|an\s+|the\s+)?$", re.I)
# a test's verb in a clause these open reports a possible result ("if the scan shows a tear")
RESULT_BEFORE = re.compile(r"\b(?:if|when|whenever|unless|once|until|whether)\s+(?:(?:the|a|an|your|this|that)\s+)?$", re.I)
# "checks a sample of blood", "a blood sample": what the test takes, not what it measures
SAMPLE_BEFORE = re.compile(r"\bsamples?\s+of\s+(?:the\s+|your\s+)?$", re.I)
SAMPLE_AFTER = re.compile(r"\s+samples?\b", re.I)
