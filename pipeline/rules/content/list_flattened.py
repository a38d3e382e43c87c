from __future__ import annotations

import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import alternation, load

# "1. Rest", "2) shave", "3- Avoid", "1.Hot", "2-Amino acids": an item number, not a decimal
# ("2.5"), "(1)", a compound ("2-week") or "3-D"
_NUMBER = re.compile(r"(?<![\w(.,/-])(?P<n>\d{1,2})(?:\.(?!\d)|\)|[ \t]?-(?=[ \t])|-(?=[A-Z][a-z]))[ \t]*"
                     r"(?=[^\W\d_])")
_BEFORE_FIRST = re.compile(r"(?:^|[:;.!?])[ \t]*$")  # "steps: 1. Rest", not "floor 1. The"
MAX_ITEM_CHARS = 200


@lru_cache(maxsize=1)
def _lists():
    data = load("lists")
    bullets = "".join(re.escape(b) for b in data["inline_bullets"])
    steps = re.compile(rf"\b(?P<label>{alternation(data['step_labels'])})[ \t]?(?P<n>\d{{1,2}})"
                       r"[ \t]*[:.)\-\u2013]", re.IGNORECASE)
    return re.compile(rf"[{bullets}]"), frozenset(data["inline_bullets"]), steps


def _numbered_run(text: str, first: int) -> int | None:
    """Start (in `text`) of a run of consecutive item numbers from `first`: "1. Rest 2. Ice" in
    a paragraph (first = 1, at least two numbers, the first after a colon or a sentence end), or
    the numbers that follow a list item's own marker inline (first = its number + 1, at least
    two of them)."""
    expected, start, last = first, None, None
    for m in _NUMBER.finditer(text):
        if int(m.group("n")) != expected:
            continue
        if start is None and first == 1 and not _BEFORE_FIRST.search(text[:m.start()]):
            continue
        if last is not None and m.start() - last > MAX_ITEM_CHARS:
            break
        start = m.start() if start is None else start
        last, expected = m.start(), expected + 1
    return start if start is not None and expected - first >= 2 else None


def _step_run(text: str, steps: re.Pattern) -> int | None:
    """Start of "Step 1: ... Step 2: ..." in one block (the same label, numbered from 1)."""
    ms = list(steps.finditer(text))
    for i, m in enumerate(ms):
        if m.group("n") != "1":
            continue
        label = m.group("label").lower()
        nxt = [x for x in ms[i + 1:] if x.group("label").lower() == label]
        if nxt and nxt[0].group("n") == "2":
            return m.start()
    return None


def _bullet_run(block, bullets: re.Pattern, bullet_chars) -> int | None:
    """Start of the inline bullets of a block holding two or more items marked by bullets (a list
    item's own bullet, stripped at ingest, counts as one)."""
    marks = [m.start() for m in bullets.finditer(block.text)]
    items = len(marks) + (block.kind == "list_item" and block.marker in bullet_chars)
    if marks and block.text[:marks[0]].rstrip().endswith(":"):
        marks = marks[1:]  # the first item is glued to its introduction: CO003 reports it
    return marks[0] if items >= 2 and marks else None


class ListFlattened(Rule):
    """A numbered or bulleted list flattened into one paragraph: "1. Rest 2. Ice 3. Compression".

    What it does
    Finds, inside one block, two or more consecutive item numbers in list form ("1. Rest 2. Ice",
    "1) shave 2) avoid", "1- Avoid 2- Sleep", "Step 1: ... Step 2: ...") starting at 1 (or at
    the number after a list item's own marker), or two or more bullet characters ("• redness
    • swelling"). Decimals ("2.5 mg"), ranges ("1-3 sessions"), counts ("1 tablet ... 2 tablets")
    and enumerations in brackets ("(1) surgery and (2) physiotherapy") pass. A bullet right after
    a colon is left to CO003 (the list glued to its introduction); the run is reported from the
    next bullet.

    Why is this bad?
    The line breaks between the items were lost when the page was copied or scraped: the list
    reads as one run-on sentence, and the reader has to find where each item starts.

    Example
    Treatment has four steps: 1. Rest 2. Ice 3. Compression 4. Elevation

    Use instead
    Treatment has four steps:
    1. Rest
    2. Ice
    3. Compression
    4. Elevation

    Severity
    Minor: the words are all there, but the structure is lost (MQM Design/Markup).

    References
    Microsoft Writing Style Guide, Lists: https://learn.microsoft.com/en-us/style-guide/scannable-content/lists
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    """

    code = "CO010"
    name = "list-flattened-into-paragraph"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        bullets, bullet_chars, steps = _lists()
        for block in ctx.blocks:
            text = block.text
            own = block.marker.rstrip(".)-\u2013 ")
            first = int(own) + 1 if block.kind == "list_item" and own.isdigit() else 1
            start = _numbered_run(text, first)
            if start is None:
                start = _step_run(text, steps)
            if start is None:
                start = _bullet_run(block, bullets, bullet_chars)
            if start is None:
                continue
            yield Match(block.start + start, block.start + len(text.rstrip()),
                        "A list was flattened into one paragraph: its items run on after each "
                        "other without line breaks.", confidence=0.85)
