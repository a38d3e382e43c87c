from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# "spasm, , dry needling": two separators with nothing between them, words on both sides. The
# look-behind starts a match only where a word starts (a long word was quadratic otherwise).
_EMPTY_ENTRY = re.compile(r"(?<![^\W_])(?P<before>[^\W_]+),(?:[ \t]*,)+[ \t]*(?P<after>[^\W_]+)")
# a field label with nothing after its colon: "direct phone:" (at most four words)
_LABEL = re.compile(r"^[ \t]*(?P<label>[^\W\d_][\w'’/ -]{0,40}?):[ \t]*$")
MAX_LABEL_WORDS = 4
# a placeholder left for a value: "from 15:00 to ....", "Price: …"
_PLACEHOLDER = re.compile(r"(?:\b(?:to|from|until|till|at|is|are)[ \t]+|:[ \t]*)(?P<dots>…|\.{3,}|_{3,})"
                          r"[ \t]*\.?[ \t]*$", re.MULTILINE)


class EmptyListEntry(Rule):
    """An empty list item (a marker with no text), an empty entry in a comma list ("A, , B"), a
    field label with no value ("direct phone:") or a placeholder for a value ("to ....").

    What it does
    Finds list items that are only a marker ("-" on a line of its own, "3-" with nothing after
    it), entries of a comma-separated list that are empty ("Tags: cramps, , dry needling"),
    short field labels whose colon has nothing after it, followed by another such label or by
    the end of the article ("Local telephone:" then "direct phone:"), and dots or an ellipsis
    left where a value belongs, after a preposition or a colon at the end of a line ("Visiting
    hours from 15:00 to ....").

    Why is this bad?
    An empty bullet or a double comma shows that an item was lost when the page was scraped or
    translated (often a link or a term the machine translation dropped); the reader sees a
    blank bullet or stray punctuation and may wonder what is missing.

    Example
    Foods that help:
    -
    - Water
    - Bananas

    Use instead
    Foods that help:
    - Water
    - Bananas

    Severity
    Minor: visible layout damage; whatever was lost is usually a single short entry
    (MQM Design/Markup).

    References
    Microsoft Writing Style Guide, Lists: https://learn.microsoft.com/en-us/style-guide/scannable-content/lists
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    """

    code = "CO005"
    name = "empty-list-entry"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        for block in ctx.blocks:
            if block.kind == "list_item" and not block.text.strip() and block.marker:
                start = ctx.text.rfind(block.marker, 0, block.start + 1)
                if start >= 0:
                    yield Match(start, start + len(block.marker),
                                "Empty list item: a list marker with no text.", suggestion="",
                                confidence=0.95)
            for m in _EMPTY_ENTRY.finditer(block.text):
                yield Match(block.start + m.start(), block.start + m.end(),
                            "Empty entry in a comma-separated list.",
                            suggestion=f"{m.group('before')}, {m.group('after')}", confidence=0.9)
            for m in _PLACEHOLDER.finditer(block.text):
                yield Match(block.start + m.start("dots"), block.start + m.end("dots"),
                            "A placeholder stands where a value belongs (a time, a number, a "
                            "name): the value was never filled in.", confidence=0.8)
        yield from _empty_fields(ctx)


def _empty_fields(ctx):
    """Field labels with nothing after their colon, one after another or at the end of the
    article ("Local telephone:" / "direct phone:"): a template whose values were never filled."""
    lines, pos = [], 0
    for line in ctx.text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    filled = [(start, line) for start, line in lines if line.strip()]
    for k, (start, line) in enumerate(filled):
        m = _LABEL.match(line)
        if m is None or len(m.group("label").split()) > MAX_LABEL_WORDS:
            continue
        nxt = filled[k + 1][1] if k + 1 < len(filled) else None
        if nxt is None or _LABEL.match(nxt):
            yield Match(start + m.start("label"), start + m.end() - len(line) + len(line.rstrip()),
                        f'The field "{m.group("label")}:" has no value: a template field that '
                        "was never filled in.", confidence=0.75)
