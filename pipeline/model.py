"""The records that flow through the pipeline: Article, Block, Segment, Token, Finding.

Offsets: `Block`, `Segment` and `Token` carry offsets into the article's *view* text (what rules
read: BOM dropped, CRLF read as LF, HTML reduced to its text). A `Finding` carries offsets into the
file's decoded text, mapped back through `Article.offsets`, plus line and column.

Bilingual articles: every Block and Segment has optional `source_text` (the Persian original of that
unit) and `align_id`; monolingual readers leave them empty, bilingual readers (XLIFF, TMX, paired
files) fill them without any other change to the model.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Any

from pipeline.offsets import OffsetMap, line_col, line_starts

CATEGORIES = ("translation", "fact", "safety", "content")
SEVERITIES = ("critical", "major", "minor")
SEVERITY_PENALTY = {"minor": 1, "major": 5, "critical": 25}
BLOCK_KINDS = ("title", "heading", "list_item", "paragraph", "furniture")

FINDING_COLUMNS = [
    "source", "article_id", "start", "end", "line", "column", "text", "rule_id", "rule_name",
    "category", "mqm_type", "severity", "message", "suggestion", "evidence", "confidence",
    "fingerprint", "review", "unit_id",
]


@dataclass
class Block:
    index: int
    kind: str
    start: int  # view offsets of the block's content (list marker excluded)
    end: int
    text: str
    marker: str = ""
    source_text: str | None = None
    align_id: str | None = None


@dataclass(slots=True)
class Token:
    i: int  # index within the segment
    start: int  # view offsets
    end: int
    text: str
    pos: str
    tag: str
    lemma: str


@dataclass
class Segment:
    index: int  # within the article
    block: int
    block_kind: str
    start: int  # view offsets
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)
    source_text: str | None = None
    align_id: str | None = None
    quality: float | None = None  # 0-1 estimate (pipeline/quality/)
    # the quality model's input for this segment (set with `quality`; never stored)
    features: dict[str, float] | None = field(default=None, repr=False, compare=False)


@dataclass
class Article:
    source: str  # path relative to the sources root (or as given)
    path: str  # absolute path of the file
    article_id: str
    content_hash: str  # sha256 of the file's bytes
    format: str  # txt, md, html
    encoding: str
    file_text: str  # the file decoded, nothing normalised
    text: str  # the view that rules read
    offsets: OffsetMap
    blocks: list[Block] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    source_language: str = "fa"
    target_language: str = "en"
    warnings: list[str] = field(default_factory=list)  # from ingest, for the report; not stored
    _lines: list[int] | None = field(default=None, repr=False)

    @property
    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span_to_file(start, end)

    def line_col(self, file_offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = line_starts(self.file_text)
        return line_col(self._lines, file_offset)


@dataclass
class Finding:
    source: str
    article_id: str
    start: int
    end: int
    line: int
    column: int
    text: str
    rule_id: str
    rule_name: str
    category: str
    mqm_type: str
    severity: str
    message: str
    suggestion: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    fingerprint: str = ""
    # an editor's decision, set by the report stage from the review database and the waivers
    # file (pipeline/review/marks.py): {decision, by, at, comment, origin}, or None
    review: dict[str, Any] | None = None
    # the translation unit (XLIFF/TMX unit id, `p<n>` for a paragraph of paired files) the finding
    # is in, for bilingual inputs; None for monolingual articles
    unit_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The fields by name: a new dict, whose values (evidence, review) are the finding's
        own, not copies (`dataclasses.asdict` deep-copies them: a third of the detect stage's
        time on a re-audit). Callers replace values; none changes them in place."""
        return {name: getattr(self, name) for name in _FINDING_FIELDS}

    @property
    def sort_key(self) -> tuple:
        return (self.source, self.start, self.end, self.rule_id, self.fingerprint)


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_WS = re.compile(r"\s+")


def normalise_for_fingerprint(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def fingerprint_key(rule_id: str, article_id: str, view: str, start: int, end: int,
                    context: int = 24) -> str:
    """What a finding's fingerprint is made of: rule, article, the matched text and up to
    `context` characters on each side within the same line (normalised), so that it survives
    any edit outside that line and any edit of the line away from the finding."""
    line_start = view.rfind("\n", 0, start) + 1
    line_end = view.find("\n", end)
    line_end = len(view) if line_end < 0 else line_end
    before = normalise_for_fingerprint(view[max(line_start, start - context):start])
    after = normalise_for_fingerprint(view[end:min(line_end, end + context)])
    matched = normalise_for_fingerprint(view[start:end])
    return "\x1f".join((rule_id, article_id, before, matched, after))


def fingerprint(key: str, occurrence: int) -> str:
    return hashlib.sha256(f"{key}\x1f{occurrence}".encode()).hexdigest()[:20]
