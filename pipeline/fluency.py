"""A per-segment fluency score from 0 (unreadable) to 1 (no problem found), stored on
`Segment.fluency`.

The score is MQM's quality score applied to one segment, with non-words counted as errors too:

    penalty  = sum of the MQM weights (minor 1, major 5, critical 25) of the translation
               findings that overlap the segment
             + NON_WORD_PENALTY for each word outside the vocabulary that no finding covers
    fluency  = max(0, 1 - penalty / max(words, MIN_WORDS))

MIN_WORDS keeps a single minor problem in a three-word heading from scoring it zero. Only
translation findings count: a wrong fact in fluent English is not a fluency problem."""
from __future__ import annotations

import bisect
import re

from pipeline import overlap
from pipeline.model import SEVERITY_PENALTY, Article, Finding

MIN_WORDS = 10
NON_WORD_PENALTY = 1.0
CATEGORY = "translation"
_WORD = re.compile(r"^[A-Za-z]+(?:[-'][A-Za-z]+)*$")


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Non-empty spans merged into disjoint ones, as parallel start and end lists."""
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(x for x in spans if x[1] > x[0]):
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends


def _covered(starts: list[int], ends: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_left(starts, e) - 1  # the last merged span starting before `e`
    return i >= 0 and ends[i] > s


def score_segments(article: Article, findings: list[tuple[Finding, int, int]], vocabulary) -> None:
    """Set `fluency` on every segment of `article`, from its findings (each with its view
    offsets) and the vocabulary; findings are placed on segments by `pipeline.overlap`."""
    segments = sorted(article.segments, key=lambda s: s.start)
    hits = overlap.per_segment(segments, [(vs, ve, SEVERITY_PENALTY[f.severity])
                                          for f, vs, ve in findings if f.category == CATEGORY])
    for seg, seg_hits in zip(segments, hits):
        words = [t for t in seg.tokens if _WORD.match(t.text)]
        penalty = sum(w for _, _, w in seg_hits)
        starts, ends = _merged([(vs, ve) for vs, ve, _ in seg_hits])
        penalty += NON_WORD_PENALTY * sum(
            1 for t in words if not _covered(starts, ends, t.start, t.end)
            and not t.text[0].isupper() and not vocabulary.known(t.text))
        seg.fluency = round(max(0.0, 1.0 - penalty / max(len(words), MIN_WORDS)), 3)
