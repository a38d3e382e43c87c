"""How improbable each point of a sentence's tag sequence is in English, and which spans of a
sentence are improbable enough to report.

Two 4-gram Kneser-Ney models over fine POS tags, one read left to right and one right to left. The
*boundary score* between two neighbouring tokens is the surprisal (bits) of the right token's tag
given the tags before it plus that of the left token's tag given the tags after it: it is high
only where the two neighbours fit neither what precedes nor what follows them. A span is
improbable when at least `min_hits` boundaries within `max_gap` tokens of each other score above
`threshold`; one odd boundary alone is usually a rare construction or a tagging slip, while
displaced constituents ("the patient the exercise every day should do") break several.

The model file (`data/syntax_model.json.gz`) is written by `scripts/train_syntax_model.py`,
which also calibrates `threshold` on post-edited English the models did not see."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from pipeline import packaged
from pipeline.syntax.kneser_ney import KneserNey

MODEL_PATH = packaged.path("syntax", "data", "syntax_model.json.gz")
CACHE_SIZE = 4096
CLAUSE_BREAKS = {":"}  # spaCy tags both ":" and ";" as ":"


@dataclass(frozen=True)
class Span:
    first: int  # token indices, inclusive
    last: int
    score: float  # the highest boundary score inside


class SyntaxModel:
    def __init__(self, forward: KneserNey, backward: KneserNey, threshold: float,
                 max_gap: int = 4, min_hits: int = 2, meta: dict | None = None):
        self.forward = forward
        self.backward = backward
        self.threshold = threshold
        self.max_gap = max_gap
        self.min_hits = min_hits
        self.meta = meta or {}
        self._cache: dict[tuple[str, ...], tuple[list[float], list[float]]] = {}

    def surprisals(self, tags: Sequence[str]) -> tuple[list[float], list[float]]:
        """Forward and backward surprisals (bits) at each of the n+1 boundaries of n tags.
        Remembered for the last CACHE_SIZE sequences: the rule and the quality features ask for
        the same sentences."""
        key = tuple(tags)
        hit = self._cache.get(key)
        if hit is None:
            hit = (self.forward.surprisals(key), self.backward.surprisals(key[::-1])[::-1])
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def boundary_scores(self, tags: Sequence[str]) -> list[float]:
        """n+1 scores for n tags: [j] is the boundary before tag j ([0] the sentence start,
        [n] its end)."""
        fwd, bwd = self.surprisals(tags)
        return [round(f + b, 3) for f, b in zip(fwd, bwd)]

    def clause_scores(self, tags: Sequence[str]) -> list[tuple[int, list[float]]]:
        """(offset, boundary scores) of each clause of a sentence: a colon or semicolon starts a
        new one, so that "Causes: pregnancy, sitting" is scored as two."""
        out = []
        start = 0
        for end in [k for k, t in enumerate(tags) if t in CLAUSE_BREAKS] + [len(tags)]:
            if end - start >= 2:
                out.append((start, self.boundary_scores(tags[start:end])))
            start = end + 1
        return out

    def improbable_spans(self, tags: Sequence[str], threshold: float | None = None,
                         clauses: list[tuple[int, list[float]]] | None = None) -> list[Span]:
        """Token spans whose boundaries are improbable in English (see the module's doc)."""
        limit = self.threshold if threshold is None else threshold
        clauses = self.clause_scores(tags) if clauses is None else clauses
        return [span for offset, scores in clauses for span in self._spans(offset, scores, limit)]

    def _spans(self, offset: int, scores: list[float], limit: float) -> list[Span]:
        groups: list[list[int]] = []
        for j, s in enumerate(scores):
            if s <= limit:
                continue
            if groups and j - groups[-1][-1] <= self.max_gap:
                groups[-1].append(j)
            else:
                groups.append([j])
        last = len(scores) - 2  # the clause's last token
        return [Span(offset + max(0, g[0] - 1), offset + min(last, g[-1]),
                     max(scores[j] for j in g))
                for g in groups if len(g) >= self.min_hits]

    def to_dict(self) -> dict:
        return {"format": 1, "threshold": self.threshold, "max_gap": self.max_gap,
                "min_hits": self.min_hits, "meta": self.meta,
                "forward": self.forward.to_dict(), "backward": self.backward.to_dict()}

    @classmethod
    def from_dict(cls, data: dict) -> "SyntaxModel":
        return cls(KneserNey.from_dict(data["forward"]), KneserNey.from_dict(data["backward"]),
                   float(data["threshold"]), int(data["max_gap"]), int(data["min_hits"]),
                   dict(data.get("meta") or {}))

    def save(self, path: Path) -> None:
        """Write the model reproducibly (sorted keys, no time in the gzip header), atomically."""
        from pipeline.io import write_json_gz

        write_json_gz(path, self.to_dict())

    @classmethod
    def read(cls, path: Path) -> "SyntaxModel":
        try:
            from pipeline.io import read_json_gz

            return cls.from_dict(read_json_gz(path))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise RuntimeError(f"{path}: not a readable syntax model ({e}); rebuild it with "
                               "scripts/train_syntax_model.py") from e


@lru_cache(maxsize=1)
def load() -> SyntaxModel:
    """The shipped model (read once per process; unpickled from the user's cache while the model
    file and this module are unchanged, pipeline/derived_cache.py: faster than its JSON)."""
    from pipeline.derived_cache import cached

    return cached("syntax", lambda: SyntaxModel.read(MODEL_PATH), SyntaxModel,
                  files=[Path(__file__), Path(__file__).with_name("kneser_ney.py"), MODEL_PATH])
