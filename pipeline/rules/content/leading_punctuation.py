from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# A line that opens with the punctuation that should close it: a full stop, comma, colon,
# semicolon, exclamation or question mark (Latin or Persian) before the first word (glued to it, or
# one space before it: " . Pediatrics is ..."). An ellipsis,
# a decimal (".5 mg") and a file or domain ending (".pdf", ".com") are not this.
_LEADING = re.compile(r"^[ \t]*(?P<mark>[.,:;!?\u060c\u061b\u061f])(?P<space>[ \t]?)(?P<word>[^\W\d_][\w'’-]*)",
                      re.MULTILINE)
_EXTENSION = re.compile(r"[a-z]{2,4}")


class PunctuationAtLineStart(Rule):
    """A line that starts with the punctuation mark that should end it: right-to-left order kept.

    What it does
    Finds lines (paragraphs, list items, headings) whose first character is a full stop, comma,
    colon, semicolon, exclamation or question mark glued to the first word (".Weakness in the
    legs", ":Symptoms"), Latin or Persian marks alike. An ellipsis, a number (".5 mg") and a file
    or domain ending in lower case (".pdf", ".com") are left alone.

    Why is this bad?
    In a right-to-left paragraph, the mark that ends a line is shown at its left edge. When a
    Persian page is translated or copied without its paragraph direction, or its English is typed
    into a right-to-left editor, the full stop of each list item lands in front of the next
    words. Readers see a stray mark at the start of every line, and search and screen readers read
    it as part of the word.

    Example
    Risk factors:
    .Bending forward often
    .Lifting heavy loads

    Use instead
    Risk factors:
    - Bending forward often
    - Lifting heavy loads

    Severity
    Minor: visible layout damage; the words are intact (MQM Fluency/Punctuation).

    References
    Unicode Standard Annex #9, Unicode Bidirectional Algorithm (neutral characters take the
    paragraph direction): https://www.unicode.org/reports/tr9/
    W3C, Inline markup and bidirectional text in HTML: https://www.w3.org/International/articles/inline-bidi-markup/
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "CO012"
    name = "punctuation-at-line-start"
    category = "content"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for block in ctx.blocks:
            if block.kind == "furniture":
                continue
            for m in _LEADING.finditer(block.text):
                if not m.group("space") and _EXTENSION.fullmatch(m.group("word")):
                    continue  # ".pdf", ".com": a file or domain ending
                start = block.start + m.start("mark")
                yield Match(start, block.start + m.end("word"),
                            f'"{m.group("mark")}" opens the line "{m.group("word")} ...": the '
                            "mark that ends a line in right-to-left text was carried to its start.",
                            suggestion=m.group("word"), evidence={"mark": m.group("mark")},
                            confidence=0.9)
