from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.units import ARABIC_LETTER, plain, units

# a letter (Persian or Latin) or a digit (any system): the source has something to translate
_CONTENT = re.compile(ARABIC_LETTER.pattern[:-1] + r"A-Za-z0-9\u06F0-\u06F9\u0660-\u0669]")


class EmptyTarget(Rule):
    """A translation unit with text in its source and nothing in its target.

    What it does
    In bilingual files, flags a unit whose target is missing, empty, white space only, or only
    inline codes, while its source has letters or digits. The finding points at the empty
    `<target>` (or at the source when the unit has no target element at all).

    Why is this bad?
    The passage disappears from the English article: whatever it said (a contraindication, a
    dose, a warning sign) never reaches the reader, and nothing on the page shows that it is
    missing.

    Example
    source: استراحت کافی داشته باشید.
    target: (empty)

    Use instead
    target: Get enough rest.

    Severity
    Major: a whole passage is omitted (MQM Accuracy/Omission).

    References
    MQM core typology, Accuracy/Omission: https://themqm.org/error-types-2/typology/
    XLIFF 1.2, the <target> element: https://docs.oasis-open.org/xliff/v1.2/os/xliff-core.html
    """

    code = "TR054"
    name = "empty-target"
    category = "translation"
    severity = "major"
    mqm_type = "Accuracy/Omission"

    def check(self, ctx):
        for u in units(ctx):
            if u.empty and _CONTENT.search(plain(u.source)):
                yield Match(u.start, u.end, f"Unit {u.unit_id} has no translation: its target is "
                            f"empty while the source has text.",
                            evidence={"unit": u.unit_id, "source": plain(u.source)[:200]},
                            confidence=0.99)
