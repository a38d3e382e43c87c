from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# Characters a bullet of a symbol font (Wingdings, Symbol) turns into when the text is copied
# without its font: Wingdings 0xFC (a check mark) is "ü", 0xD8 (an arrow head) "Ø", 0xA7 (a
# square) "§", 0x9F and 0xB7 (dots) "Ÿ" and "·"... and the Private Use code points U+F020-U+F0FF
# that Word gives symbol-font characters. At the start of a line, before white space and a word.
_BULLET = re.compile(r"^[ \t]*(?P<mark>[\u00fc\u00d8\u00a7\u0178\u00a8\u00dc\u00f0\u00e8\u00de"
                     r"\uf020-\uf0ff])[ \t\u00a0]+(?=[^\W\d_])", re.MULTILINE)


class SymbolFontBullet(Rule):
    """A list bullet of a symbol font left as a letter: "ü  Saline", "Ø  Silicone".

    What it does
    Finds lines that start with a character that a Wingdings or Symbol bullet becomes when the
    text is pasted without its font ("ü" for a check mark, "Ø" for an arrow head, "§" for a
    square, "Ÿ" for a dot, or a Private Use character), followed by white space and a word.
    The same letters inside words ("Über", "Øresund") and a section sign before a number
    ("§ 12") pass.

    Why is this bad?
    Clinic pages are often written in Word with bullets from a symbol font, then pasted into a
    website's editor. Without the font, each bullet shows as a stray letter, so a list of
    options reads "ü Saline ü Silicone" and the reader cannot tell it is a list.

    Example
    Implant types:
    ü  Saline
    ü  Silicone

    Use instead
    Implant types:
    - Saline
    - Silicone

    Severity
    Minor: layout damage; the words are intact (MQM Design/Markup).

    References
    Microsoft, "Wingdings with Cyrillic, Greek, etc., Characters" (SYMBOL_CHARSET fonts map
    their symbols to ordinary 8-bit codes):
    https://learn.microsoft.com/en-us/archive/blogs/murrays/wingdings-with-cyrillic-greek-etc-characters
    MQM core typology, Fluency: https://themqm.org/error-types-2/typology/
    """

    code = "CO013"
    name = "symbol-font-bullet"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        for block in ctx.blocks:
            if block.kind == "furniture":
                continue
            for m in _BULLET.finditer(block.text):
                start = block.start + m.start("mark")
                yield Match(start, start + 1,
                            f'"{m.group("mark")}" at the start of the line is a bullet of a '
                            'symbol font (Wingdings, Symbol) pasted without its font.',
                            suggestion="-", evidence={"mark": m.group("mark")},
                            confidence=0.85)
