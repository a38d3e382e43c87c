"""Set each segment's `quality` (0-1, see pipeline/quality/model.py) from its features: the
findings that overlap it (all categories), its words and its syntax."""
from __future__ import annotations

from pipeline import overlap
from pipeline.model import Article, Finding
from pipeline.quality.features import unit_features


def segment_rows(article: Article, findings: list[tuple[Finding, int, int]], vocabulary,
                 syntax_model) -> list[dict[str, float]]:
    """The feature row of each segment of `article` (findings given with their view offsets),
    in the order of `article.segments`. Findings are placed on segments by `pipeline.overlap`
    (binary search), not by every segment testing every finding."""
    spans = sorted(((vs, ve, f) for f, vs, ve in findings), key=lambda x: (x[0], x[1]))
    order = sorted(range(len(article.segments)), key=lambda k: article.segments[k].start)
    hits = overlap.per_segment([article.segments[k] for k in order], spans)
    rows: list[dict[str, float]] = [{} for _ in article.segments]
    for k, seg_hits in zip(order, hits):
        rows[k] = unit_features(article.segments[k].tokens, [f for _, _, f in seg_hits],
                                vocabulary, syntax_model)
    return rows


def score_segments(article: Article, findings: list[tuple[Finding, int, int]], resources) -> None:
    rows = segment_rows(article, findings, resources.vocabulary, resources.syntax_model)
    for seg, row, q in zip(article.segments, rows, resources.quality_model.scores(rows)):
        seg.quality = q
        seg.features = row
