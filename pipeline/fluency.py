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

import re

from pipeline.model import SEVERITY_PENALTY, Article, Finding

MIN_WORDS = 10
NON_WORD_PENALTY = 1.0
CATEGORY = "translation"
_WORD = re.compile(r"^[A-Za-z]+(?:[-'][A-Za-z]+)*$")


def score_segments(article: Article, findings: list[tuple[Finding, int, int]], vocabulary) -> None:
    """Set `fluency` on every segment of `article`, from its findings (each with its view
    offsets) and the vocabulary."""
    spans = sorted((vs, ve, SEVERITY_PENALTY[f.severity]) for f, vs, ve in findings
                   if f.category == CATEGORY)
    for seg in article.segments:
        words = [t for t in seg.tokens if _WORD.match(t.text)]
        hits = [(vs, ve, w) for vs, ve, w in spans if vs < seg.end and seg.start < max(ve, vs + 1)]
        penalty = sum(w for _, _, w in hits)
        penalty += NON_WORD_PENALTY * sum(
            1 for t in words if not any(vs < t.end and t.start < ve for vs, ve, _ in hits)
            and not t.text[0].isupper() and not vocabulary.known(t.text))
        seg.fluency = round(max(0.0, 1.0 - penalty / max(len(words), MIN_WORDS)), 3)
