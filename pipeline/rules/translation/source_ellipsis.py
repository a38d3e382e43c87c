from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_AND_DOTS = re.compile(r"\b(?P<conj>and|or)\s?(?:\.{3}|…)")


class SourceEllipsis(Rule):
    """The source's "and ..." (meaning "and so on") kept as an ellipsis: "knee pain and...".

    What it does
    Finds "and" or "or" followed directly by an ellipsis.

    Why is this bad?
    Persian closes an open list with "و ..." ("and ..."), meaning "etc."; in English "and..."
    reads as a sentence broken off in the middle.

    Example
    Avoid sudden moves such as twisting the back and... before you warm up.

    Use instead
    Avoid sudden moves such as twisting the back before you warm up.

    Severity
    Minor: the meaning survives (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.20 (etc.) and 13.50 (ellipses).
    """

    code = "TR009"
    name = "source-ellipsis"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for m in _AND_DOTS.finditer(ctx.text):
            yield Match(m.start(), m.end(),
                        f'"{m.group(0)}" keeps the source\'s open-list ending; write "etc." or '
                        'end the list with "such as" / "including".',
                        suggestion="etc.", confidence=0.9)
