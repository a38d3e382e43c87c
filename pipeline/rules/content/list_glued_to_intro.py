from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# "... are:- Hormonal changes", "... spasms: \u2022 Pain". Both patterns start only where a
# word starts ((?<!\w)): trying every position inside a long word was quadratic.
_MARKER_AFTER_COLON = re.compile(r"(?<!\w)(?P<word>\w+):[ \t]*[-*\u2022\u25cf\u2013](?=[ \t]*[^\W\d_])[ \t]*"
                                 r"(?P<item>[^\W\d_][\w'-]*)")
# "... to reduce muscle cramps: Rest: If the muscle ..." (an item label right after the intro)
_LABEL_AFTER_COLON = re.compile(r"(?<!\w)(?P<word>[a-z]\w*): (?P<label>[A-Z][\w'-]*(?: [\w'-]+){0,4}):(?= )")


class ListItemGluedToIntro(Rule):
    """A list item glued to the sentence that introduces it ("are:- Hormonal changes").

    What it does
    Finds, inside one paragraph, a colon followed directly by a list marker and a word
    ("causes are:- Hormonal changes"), or a colon followed by a short capitalised item label and a
    second colon ("methods to reduce cramps: Rest: If the muscle ..."). Both mean that the line
    break between the introducing sentence and the first list item was lost.

    Why is this bad?
    The first item of the list is read as part of the introduction, the list marker shows as a
    stray dash, and the list looks one item shorter than it is.

    Example
    Common causes in pregnancy are:- Hormonal changes: hormone levels rise.

    Use instead
    Common causes in pregnancy are:
    - Hormonal changes: hormone levels rise.

    Severity
    Minor: nothing is lost, but the page structure is broken where the reader sees it
    (MQM Design/Markup).

    References
    Microsoft Writing Style Guide, Lists: https://learn.microsoft.com/en-us/style-guide/scannable-content/lists
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    """

    code = "CO003"
    name = "list-item-glued-to-intro"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        for block in ctx.blocks:
            for m in _MARKER_AFTER_COLON.finditer(block.text):
                yield Match(block.start + m.start(), block.start + m.end(),
                            f"The list item \"{m.group('item')} ...\" is glued to the sentence that "
                            f"introduces it (lost line break).",
                            suggestion=f"{m.group('word')}:\n- {m.group('item')}", confidence=0.9)
            if block.kind != "paragraph":
                continue
            for m in _LABEL_AFTER_COLON.finditer(block.text):
                yield Match(block.start + m.start(), block.start + m.end(),
                            f"The list item \"{m.group('label')}:\" follows the introducing "
                            f"sentence on the same line (lost line break and list marker).",
                            suggestion=f"{m.group('word')}:\n- {m.group('label')}:", confidence=0.75)
