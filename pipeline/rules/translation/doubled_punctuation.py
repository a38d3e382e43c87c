from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data

# two marks after a word where English writes one: "recover..", "showers,.", "aspirin;;",
# "surgery.;", "week,;". A doubled comma ("a week,, and") is CO005's empty list entry. An
# ellipsis ("...", "....") and "?!" pass; a full stop that ends an abbreviation may take a comma,
# semicolon or colon ("etc.,", "e.g.,", "Dr.:"), which is checked in `check`. Only between a word
# (or a closing bracket or quote) and a space, the end of the text or a letter: "../images",
# "1..5" and ".., " in code pass.
_DOUBLED = re.compile(r"(?<=[A-Za-z0-9)\]\"'\u201d\u2019%])"
                      r"(?P<marks>\.\.(?!\.)|;;|::|[;:],|,[;:]|\.[,;:]|[,;:]\.(?!\.))"
                      r"(?=\s|$|[A-Za-z])")
_FIX = {"..": ".", ";;": ";", "::": ":"}


class DoubledPunctuation(Rule):
    """Two punctuation marks where English writes one: "while you recover..", "avoid aspirin;;",
    "avoid hot showers,.".

    What it does
    Finds two full stops that are not an ellipsis, a doubled semicolon or colon, and two
    different marks of a full stop, comma, semicolon and colon, straight after a word (a
    doubled comma is CO005's empty list entry). An ellipsis ("...")
    passes, and so does the full stop of an abbreviation before a comma or colon ("etc.,",
    "e.g.,"), as do paths and ranges written with dots ("../images", "1..5").

    Why is this bad?
    Machine translation and the copying of text between a Persian and an English CMS leave the
    punctuation of both versions in place: the reader sees a typo on a page that should look
    edited.

    Example
    Cold air helps to reduce swelling while you recover..

    Use instead
    Cold air helps to reduce swelling while you recover.

    Severity
    Minor: the meaning survives (MQM Fluency/Punctuation).

    References
    Cambridge Dictionary, Grammar, Punctuation: https://dictionary.cambridge.org/grammar/british-grammar/punctuation
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR080"
    name = "doubled-punctuation"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        text = ctx.text
        known = grammar_data.load()["abbreviations"]
        for block in ctx.blocks:
            for m in _DOUBLED.finditer(text, block.start, block.end):
                marks = m.group("marks")
                if marks[0] == "." and marks != ".." and _ends_abbreviation(text, m.start(), known):
                    continue  # "etc.,", "e.g.:"
                fixed = _FIX.get(marks) or _one_mark(marks, text[m.end():m.end() + 3])
                yield Match(m.start(), m.end(),
                            f'"{marks}": two punctuation marks where one belongs; write '
                            f'"{fixed}".', suggestion=fixed, evidence={"marks": marks},
                            confidence=0.85)


def _ends_abbreviation(text: str, at: int, known: frozenset[str]) -> bool:
    """The word before `at` (where a full stop stands) is an abbreviation or an initial: "etc",
    "e.g", "Dr", "Gh"."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:at]
    return word.lower() in known or "." in word or len(word) == 1 or \
        len(word) <= 3 and word[:1].isupper() and word[1:].islower()  # "Gh.," an initial


def _one_mark(marks: str, after: str) -> str:
    """Of two different marks, the one the text goes on with: of a full stop and another mark,
    the full stop before a capital letter or the end, the other before lower case; of a comma
    and a semicolon or colon, the semicolon or colon."""
    if "." not in marks:
        return marks.replace(",", "")
    nxt = after.strip()[:1]
    return "." if not nxt or nxt.isupper() else marks.replace(".", "")
