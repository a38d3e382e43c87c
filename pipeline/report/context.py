"""The sentence around a finding, from the segments (rows of segments_scored: article_id,
file_start, file_end, text): findings.csv's `sentence` column and the rule pages' context."""
from __future__ import annotations

from bisect import bisect_right

from pipeline.model import Finding


class Sentences:
    """Segments by article, sorted by their offsets into the file, for overlap look-ups."""

    def __init__(self, segments: list[dict]):
        by_article: dict[str, list[tuple[int, int, str]]] = {}
        for s in segments:
            by_article.setdefault(s["article_id"], []).append(
                (int(s["file_start"]), int(s["file_end"]), str(s["text"])))
        self._segs = {aid: sorted(rows) for aid, rows in by_article.items()}
        self._starts = {aid: [r[0] for r in rows] for aid, rows in self._segs.items()}

    def touching(self, f: Finding) -> list[tuple[int, int, str]]:
        """The segments (file_start, file_end, text) that the finding overlaps; an empty finding
        (start == end) touches the segment it points into."""
        rows = self._segs.get(f.article_id, [])
        out = []
        # segments never overlap each other, so only those starting before the finding's end
        # can touch it; walk back from there while they still reach the finding
        i = bisect_right(self._starts.get(f.article_id, []), max(f.end, f.start))
        while i > 0:
            i -= 1
            lo, hi, text = rows[i]
            if f.start < hi and f.end > lo or (f.start == f.end and lo <= f.start < hi):
                out.append(rows[i])
            elif hi <= f.start:
                break
        return out[::-1]

    def text(self, f: Finding) -> str:
        """The sentence(s) around the finding as the rules read them (joined by a space), or ""
        when the finding lies outside every sentence (e.g. in markup or page furniture)."""
        return " ".join(t for _, _, t in self.touching(f))

    def span(self, f: Finding) -> tuple[int, int] | None:
        """File offsets of the sentence(s) around the finding, or None."""
        rows = self.touching(f)
        return (rows[0][0], rows[-1][1]) if rows else None
