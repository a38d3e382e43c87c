"""Which findings overlap which segment, in O((segments + findings) log segments + overlaps):
each finding is placed by binary search on the segments' ends, instead of every segment testing
every finding (quadratic: a 760 KB Markdown table took minutes)."""
from __future__ import annotations

import bisect
from typing import Sequence, TypeVar

T = TypeVar("T")


def per_segment(segments: Sequence, spans: Sequence[tuple[int, int, T]]) -> list[list[tuple[int, int, T]]]:
    """For each segment (with view `start`/`end`, in text order, not overlapping), the spans
    (view start, view end, payload) that overlap it, in the order given; an empty span counts
    at its position (as `vs < seg.end and seg.start < max(ve, vs + 1)`)."""
    ends = [s.end for s in segments]
    out: list[list[tuple[int, int, T]]] = [[] for _ in segments]
    for vs, ve, payload in spans:
        stop = max(ve, vs + 1)
        i = bisect.bisect_right(ends, vs)  # the first segment ending after vs
        while i < len(segments) and segments[i].start < stop:
            out[i].append((vs, ve, payload))
            i += 1
    return out
