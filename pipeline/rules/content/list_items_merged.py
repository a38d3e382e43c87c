from __future__ import annotations

import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import load

# "Label: text" with a label of at most six words and no sentence punctuation
_LABELLED = re.compile(r"^[^\W\d_][^.:!?;]{0,60}: \S")
# "...muscle spasm. Strengthening muscles: Exercises ..." (a second label after a sentence end)
_NEXT_LABEL = re.compile(r"(?P<word>\w+)[.!?] (?P<label>[A-Z][\w'-]*(?: [\w'-]+){0,5}):(?= \S)")
MAX_LABEL_WORDS = 6


def _labelled(text: str) -> bool:
    m = _LABELLED.match(text)
    return bool(m) and len(text[:text.index(":")].split()) <= MAX_LABEL_WORDS


@lru_cache(maxsize=1)
def _inline_labels() -> set[str]:
    return {w.lower() for w in load("lists")["inline_labels"]}


class ListItemsMerged(Rule):
    """A list item merged into the previous one ("... in spasm. Strengthening muscles: Exercises").

    What it does
    In a list whose items have the "Label: text" shape, finds a second "Label:" that starts a
    sentence inside an item: the line break and marker before the next item were lost. The item
    must itself start with a label and a neighbouring item must have one too; labels that often
    open a sentence inside an item ("Note:", "Example:") are left alone.

    Why is this bad?
    The reader loses an item of the list: its label is buried in the middle of the previous
    item's text, and the list no longer matches what its introduction announced.

    Example
    - Easier movement: Water makes moving easier. Strengthening: Exercises in water build muscle.

    Use instead
    - Easier movement: Water makes moving easier.
    - Strengthening: Exercises in water build muscle.

    Severity
    Minor: the text is all there, but one list item is hidden inside another (MQM Design/Markup).

    References
    Microsoft Writing Style Guide, Lists: https://learn.microsoft.com/en-us/style-guide/scannable-content/lists
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    """

    code = "CO004"
    name = "list-items-merged"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        blocks = ctx.blocks
        for i, block in enumerate(blocks):
            if block.kind != "list_item" or not _labelled(block.text):
                continue
            neighbours = [blocks[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
            if not any(b.kind == "list_item" and _labelled(b.text) for b in neighbours):
                continue
            body = block.text.index(":") + 1
            for m in _NEXT_LABEL.finditer(block.text, body):
                label = m.group("label")
                if label.split()[0].lower() in _inline_labels():
                    continue
                yield Match(block.start + m.start(), block.start + m.end(),
                            f"The list item \"{label}:\" is merged into the previous item "
                            f"(lost line break and list marker).",
                            suggestion=f"{block.text[m.start():m.start('label')].rstrip()}\n- {label}:",
                            confidence=0.8)
