from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# A list item's label: up to ten words before the first colon, with a sentence end inside.
_LABEL = re.compile(r"^(?P<label>[^:\n]{3,80}?[a-z)]\.\s+[A-Z][^:\n.]{0,40}):")


class BrokenListLabel(Rule):
    """A list item's label broken by a full stop: "Salt and water loss. Minerals:".

    What it does
    Finds list items whose label (the words before the colon that introduces the item) has a
    sentence end inside it.

    Why is this bad?
    The machine translation split one source label into a sentence and a fragment, usually
    re-ordering a coordinated phrase ("vitamin and mineral deficiency" becomes "Vitamins and
    substance deficiency. Minerals"); the label no longer names the item.

    Example
    - Fluid and salt loss. Electrolytes: heavy sweating drains sodium and potassium.

    Use instead
    - Fluid and electrolyte loss: heavy sweating drains sodium and potassium.

    Severity
    Major: the label misnames the item it introduces (MQM Fluency/Grammar).

    References
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR007"
    name = "broken-list-label"
    category = "translation"
    severity = "major"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for block in ctx.blocks:
            if block.kind != "list_item":
                continue
            m = _LABEL.match(block.text)
            if m and len(m.group("label").split()) <= 10:
                yield Match(block.start, block.start + m.end(),
                            f'The list label "{m.group("label")}" is broken by a full stop; the '
                            "source label was split into a sentence and a fragment.",
                            confidence=0.85)
