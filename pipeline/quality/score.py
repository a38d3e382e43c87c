"""Set each segment's `quality` (0-1, see pipeline/quality/model.py) from its features: the
findings that overlap it (all categories), its words and its syntax."""
from __future__ import annotations

from pipeline.model import Article, Finding
from pipeline.quality.features import unit_features


def segment_rows(article: Article, findings: list[tuple[Finding, int, int]], vocabulary,
                 syntax_model) -> list[dict[str, float]]:
    """The feature row of each segment of `article` (findings given with their view offsets)."""
    spans = sorted(((vs, ve, f) for f, vs, ve in findings), key=lambda x: (x[0], x[1]))
    rows = []
    for seg in article.segments:
        hits = [f for vs, ve, f in spans if vs < seg.end and seg.start < max(ve, vs + 1)]
        rows.append(unit_features(seg.tokens, hits, vocabulary, syntax_model))
    return rows


def score_segments(article: Article, findings: list[tuple[Finding, int, int]], resources) -> None:
    rows = segment_rows(article, findings, resources.vocabulary, resources.syntax_model)
    for seg, row, q in zip(article.segments, rows, resources.quality_model.scores(rows)):
        seg.quality = q
        seg.features = row
