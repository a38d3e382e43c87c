from __future__ import annotations

import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import alternation, load

# What may stand right before a label: a word, then (for reading time) optional sentence
# punctuation and space, or (for other labels) a full stop or a dash and space. Matched backwards
# from each label hit, so the search itself starts only at labels.
_PREV_READING = re.compile(r"\w+[.?!]?\s*$")
_PREV_OTHER = re.compile(r"\w+(?:[.?!]|-\s)\s*$")
_LOOKBACK = 80


@lru_cache(maxsize=1)
def _patterns():
    d = load("metadata")
    labels, units = alternation(d["reading_time_labels"]), alternation(d["reading_time_units"])
    return (
        re.compile(rf"(?P<label>(?i:{labels}))\s*:\s*(?P<value>\d+(?:[.,]\d+)?)"
                   rf"(?:\s*(?P<unit>(?i:{units}))(?!\w))?"),
        re.compile(rf"(?i:{alternation(d['other_labels'])})\s*:"),
    )


def _prev_start(text: str, at: int, prev: re.Pattern) -> int | None:
    """Where the word glued before offset `at` starts, or None when nothing is glued there."""
    window = text[max(0, at - _LOOKBACK):at]
    m = prev.search(window)
    return None if m is None else at - len(window) + m.start()


class MisplacedPageMetadata(Rule):
    """Page metadata (reading time, tags, category) glued to article text or missing its unit.

    What it does
    Finds metadata labels of the page in the wrong place: a reading time glued to the text before
    it ("...tendonitis?Study time: 7 minutes"), a reading time with no unit ("Study Time: 9"), and
    a tag or category label glued to text by a dash or a full stop ("...Insurance- Tags:"). A
    reading time at the start of its own line is left alone, even when a teaser follows it. The
    label lists are data: pipeline/rules/data/content_metadata.yaml.

    Why is this bad?
    Metadata belongs in the page header, not inside a sentence; glued to the text it breaks the
    sentence, and without its unit "Study time: 9" means nothing.

    Example
    What is tendonitis?Reading time: 7 How does physiotherapy help?

    Use instead
    What is tendonitis?
    (the reading time in the page header, as "Reading time: 7 minutes")

    Severity
    Minor: noise around the article's content, which itself is intact (MQM Design/Markup).

    References
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    Microsoft Writing Style Guide, Units of measure (a number needs its unit): https://learn.microsoft.com/en-us/style-guide/numbers
    """

    code = "CO008"
    name = "misplaced-page-metadata"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        reading, other = _patterns()
        for block in ctx.blocks:
            text = block.text
            for m in reading.finditer(text):
                start = _prev_start(text, m.start(), _PREV_READING)
                problems = []
                if start is not None:
                    problems.append("is glued to the text before it")
                if not m.group("unit"):
                    problems.append("has a value with no unit")
                if problems:
                    yield Match(block.start + (m.start() if start is None else start),
                                block.start + m.end(),
                                f"Reading-time metadata {' and '.join(problems)}.",
                                evidence={"problems": problems}, confidence=0.85)
            for m in other.finditer(text):
                start = _prev_start(text, m.start(), _PREV_OTHER)
                if start is not None:
                    yield Match(block.start + start, block.start + m.end(),
                                "Page metadata label glued to the text before it (lost line "
                                "break).", confidence=0.85)
