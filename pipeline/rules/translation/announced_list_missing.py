from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# "the following day" is a time, not an announcement; "in the following" points at the rest of
# the article.
_TIME_WORDS = ("day|days|night|morning|evening|week|weeks|month|months|year|years|session|"
               "sessions|visit|hour|hours|minute|minutes|time")
_ANNOUNCE = re.compile(rf"\b(?:(?<!in )the\s+following(?!\s*,)(?!\s+(?:{_TIME_WORDS})\b)|"
                       r"as\s+follows|here\s+are|below\s+are)\b", re.IGNORECASE)
_PLURAL_TRIGGER = re.compile(r"\b(?:here|below)\s+are|as\s+follows", re.IGNORECASE)
_COUNT = re.compile(r"\bfollowing\s+(\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
                    re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10}
# An inline item label after the announcement: "...: Rest: If the muscle ..."
_INLINE_LABEL = re.compile(r"(?:^|[.:]\s*-?\s*|^\s*-\s*)[A-Z][A-Za-z' -]{1,40}:")


class AnnouncedListMissing(Rule):
    """An announced list that never comes: "has the following effects." followed by nothing.

    What it does
    Finds sentences that announce what follows ("the following effects", "Here are some
    methods:", "as follows") and counts what actually follows before the next heading: list
    items, or item labels in the same paragraph ("...: Rest: ..."). It reports an announcement
    followed by nothing, by a single item where several were announced, or by fewer items than
    the number it gives. An announcement ending in a colon and followed by headings introduces
    sections, and is left alone.

    Why is this bad?
    The list was lost on the way: dropped by the page extraction, or by the translation of a
    source whose list was markup the tool skipped. The reader is promised content the article
    does not have.

    Example
    Heat therapy has the following benefits for stiff joints.
    Contact us to book a session.

    Use instead
    Heat therapy has the following benefits for stiff joints:
    - It eases stiffness.
    - It improves blood flow.

    Severity
    Major when nothing follows (content is missing), minor when only part of it is
    (MQM Accuracy/Omission).

    References
    MQM core typology, Accuracy/Omission: https://themqm.org/error-types-2/typology/
    """

    code = "TR011"
    name = "announced-list-missing"
    category = "translation"
    severity = "major"
    mqm_type = "Accuracy/Omission"

    def check(self, ctx):
        blocks = ctx.blocks
        for n, block in enumerate(blocks):
            if block.kind not in ("paragraph", "list_item"):
                continue
            for m in _ANNOUNCE.finditer(block.text):
                stop = re.compile(r"[:.?!]").search(block.text, m.end())
                if stop is None:
                    continue
                rest = block.text[stop.end():].strip()
                colon = stop.group() == ":"
                if not colon and rest.strip():
                    continue  # the announcement is mid-paragraph: its content may follow inline
                if not colon and len(blocks) == 1:
                    continue  # a lone sentence (a quote, an excerpt): only a colon announces
                following = _items_before_next_heading(blocks, n + 1)
                if following is None and colon:
                    continue  # sections follow under their own headings
                given = _inline_items(rest) + (following or 0)
                wanted = _announced_count(block.text[m.start():stop.start()])
                if given >= wanted:
                    continue
                start = block.text.rfind(". ", 0, m.start())
                start = 0 if start < 0 else start + 2
                what = "nothing follows" if given == 0 else \
                    f"{given} item{'s' * (given != 1)} follow{'s' * (given == 1)}"
                yield Match(block.start + start, block.start + stop.end(),
                            f"The text announces {_wanted_text(wanted)} here, but {what}: "
                            "part of the article was lost.",
                            severity="major" if given == 0 else "minor",
                            evidence={"announced": wanted, "given": given}, confidence=0.75)


def _inline_items(rest: str) -> int:
    """Items given in the same paragraph after the colon: labelled ones ("Rest: ... Ice: ..."),
    or a run-in list separated by commas or semicolons ("...: heart disease, like ...;
    lung disease, like ...")."""
    labelled = len(_INLINE_LABEL.findall(rest))
    if labelled or not rest:
        return labelled
    first = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0]  # the sentence the colon opened
    depth, parts = 0, 1
    for ch in first:
        depth += ch == "("
        depth -= ch == ")"
        parts += ch in ",;" and depth == 0
    return parts if len(first.split()) >= 2 else 0


def _items_before_next_heading(blocks, start: int) -> int | None:
    """Non-empty list items from `start` up to the next heading; None when a heading comes
    before any other content."""
    count, seen_content = 0, False
    for block in blocks[start:]:
        if block.kind == "furniture":
            continue
        if block.kind in ("heading", "title"):
            return count if seen_content else None
        seen_content = True
        count += block.kind == "list_item" and bool(block.text.strip())
    return count


def _announced_count(announcement: str) -> int:
    """How many items the announcement promises: its number, else 2 for a plural, else 1."""
    m = _COUNT.search(announcement)
    if m:
        word = m.group(1).lower()
        return int(word) if word.isdigit() else _NUMBERS[word]
    plural = _PLURAL_TRIGGER.search(announcement) or re.search(r"\b\w+s\b", announcement[8:])
    return 2 if plural else 1


def _wanted_text(wanted: int) -> str:
    return "a list" if wanted <= 2 else f"{wanted} items"
