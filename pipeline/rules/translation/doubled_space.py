from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# two or more spaces between two words, or after a comma, on one line; after a full stop, a
# question or an exclamation mark two spaces are the typewriter convention and pass
_DOUBLED = re.compile(r"(?<=[^\W\d_]|,)[ \u00a0]{2,}(?=[^\W\d_])")
_FORMATS = ("txt", "md")  # in HTML, white space is collapsed when the page is shown


class DoubledSpace(Rule):
    """Two or more spaces between two words of a sentence: "into  the cannula".

    What it does
    In plain-text and Markdown articles, finds a run of two or more spaces between two words, or
    after a comma, inside one line of a paragraph, list item or heading. Two spaces after the
    end of a sentence (the typewriter convention), indentation and table layout pass; so does
    HTML, where the browser shows one space whatever the source has.

    Why is this bad?
    A doubled space is left where machine translation or a post-editor removed or moved a word;
    it shows on the published page, wraps badly and often marks a word that went missing.

    Example
    Fat is removed through a thin tube called  a cannula.

    Use instead
    Fat is removed through a thin tube called a cannula.

    Severity
    Minor: nothing is lost but polish (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.7 (one space between words and after punctuation): https://www.chicagomanualofstyle.org/book/ed17/part2/ch06/psec007.html
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR073"
    name = "doubled-space"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        if ctx.article.format not in _FORMATS:
            return
        text = ctx.text
        for block in ctx.blocks:
            if block.kind not in ("paragraph", "list_item", "heading", "title"):
                continue
            for m in _DOUBLED.finditer(text, block.start, block.end):
                yield Match(m.start(), m.end(),
                            "Two or more spaces between words: one space is enough (a word may "
                            "have been dropped here).", suggestion=" ", confidence=0.9)
