"""Training and calibration of the syntax model (used by scripts/train_syntax_model.py).

Input: correct English, one item per line of text: the line's word count and the tag sequences of
its sentences. The threshold is calibrated by two-fold cross-fitting: models trained on the even
lines score the odd lines and the other way round, and the threshold is the lowest on a fixed grid
at which the held-out lines get at most `max_rate` flagged spans per 1,000 words. The shipped
models are then trained on all lines. Everything is deterministic: same input, same bytes."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from pipeline.syntax.kneser_ney import KneserNey
from pipeline.syntax.model import SyntaxModel

ORDER = 4
GRID = [x / 4 for x in range(40, 161)]  # 10.0 .. 40.0 bits


@dataclass(frozen=True)
class Line:
    words: int
    sentences: tuple[tuple[str, ...], ...]  # fine POS tags of each sentence


def fit(lines: Sequence[Line], order: int = ORDER, threshold: float = 0.0) -> SyntaxModel:
    sents = [s for line in lines for s in line.sentences]
    return SyntaxModel(KneserNey.train(sents, order), KneserNey.train([s[::-1] for s in sents], order),
                       threshold)


def flags_per_1000(held_out: list[tuple[SyntaxModel, int, list]], threshold: float) -> float:
    flags = sum(len(model.improbable_spans((), threshold, clauses))
                for model, _, sents in held_out for clauses in sents)
    return 1000 * flags / max(sum(words for _, words, _ in held_out), 1)


def calibrate(lines: Sequence[Line], max_rate: float, order: int = ORDER) -> tuple[float, float]:
    """(threshold, held-out flags per 1,000 words at that threshold): the lowest threshold of
    GRID that keeps the rate at most `max_rate`, by bisection (the rate falls as it rises)."""
    even, odd = lines[0::2], lines[1::2]
    held_out = [(m, line.words, [m.clause_scores(s) for s in line.sentences])
                for m, test in ((fit(even, order), odd), (fit(odd, order), even))
                for line in test]
    lo, hi = 0, len(GRID) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if flags_per_1000(held_out, GRID[mid]) <= max_rate:
            hi = mid
        else:
            lo = mid + 1
    return GRID[lo], round(flags_per_1000(held_out, GRID[lo]), 3)


def train(lines: Sequence[Line], max_rate: float, order: int = ORDER) -> SyntaxModel:
    threshold, rate = calibrate(lines, max_rate, order)
    model = fit(lines, order, threshold)
    model.meta = {"order": order, "lines": len(lines),
                  "sentences": sum(len(line.sentences) for line in lines),
                  "calibration": {"max_flags_per_1000_words": max_rate,
                                  "heldout_flags_per_1000_words": rate}}
    return model
