from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# "spasm, , dry needling": two separators with nothing between them, words on both sides. The
# look-behind starts a match only where a word starts (a long word was quadratic otherwise).
_EMPTY_ENTRY = re.compile(r"(?<![^\W_])(?P<before>[^\W_]+),(?:[ \t]*,)+[ \t]*(?P<after>[^\W_]+)")


class EmptyListEntry(Rule):
    """An empty list item (a marker with no text) or an empty entry in a comma list ("A, , B").

    What it does
    Finds list items that are only a marker ("-" on a line of its own, "3-" with nothing after
    it) and entries of a comma-separated list that are empty ("Tags: cramps, , dry needling").

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
