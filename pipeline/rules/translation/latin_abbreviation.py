from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# "etc", "e.g", "i.e", "et al" without their final full stop (a space before the stop, as in
# tokenised text, is the stop); "etc" before a word that goes on with the sentence is reported too
_MISSING_STOP = re.compile(r"\b(?P<abbr>etc|[eE]\.g|[iI]\.e|et\s+al)(?![.\w])(?!\s+\.)")
# "I.e." or "E.g." in mid-sentence: after a word or a comma, not at a sentence's start
_CAPITAL_MID = re.compile(r"(?<=[a-z,;(])\s+(?P<abbr>I\.e\.|E\.g\.)")
_FIXED = {"etc": "etc.", "e.g": "e.g.", "i.e": "i.e.", "et al": "et al."}


class LatinAbbreviation(Rule):
    """A Latin abbreviation without its full stop or with a capital in mid-sentence: "(CT, MRI,
    etc)", "e.g toothbrush", "salty foods, I.e. chips".

    What it does
    Reports "etc", "e.g", "i.e" and "et al" written without their final full stop (a space
    before the stop passes, as tokenised text writes it), and "I.e." or "E.g." with a capital
    after a word, a comma or an opening bracket, where the sentence goes on. The suggestion is the
    standard form: "etc.", "e.g.", "i.e.", "et al.".

    Why is this bad?
    English dictionaries and style guides write these abbreviations with full stops and in lower
    case inside a sentence; without them the text looks unedited, and "e.g" reads as a typo.

    Example
    Avoid hot baths, saunas etc for a week, and salty foods, I.e. chips and pickles.

    Use instead
    Avoid hot baths, saunas, etc. for a week, and salty foods, i.e. chips and pickles.

    Severity
    Minor: a matter of punctuation (MQM Fluency/Punctuation).

    References
    Merriam-Webster, et cetera (abbreviation etc.): https://www.merriam-webster.com/dictionary/et%20cetera
    Merriam-Webster, i.e.: https://www.merriam-webster.com/dictionary/i.e.
    Merriam-Webster, e.g.: https://www.merriam-webster.com/dictionary/e.g.
    """

    code = "TR093"
    name = "latin-abbreviation"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for seg in ctx.segments:
            text = seg.text
            for m in _MISSING_STOP.finditer(text):
                abbr = m.group("abbr")
                fixed = _FIXED[re.sub(r"\s+", " ", abbr.lower())]
                yield Match(seg.start + m.start("abbr"), seg.start + m.end("abbr"),
                            f'"{abbr}" is written with a full stop: "{fixed}".', suggestion=fixed,
                            confidence=0.8, evidence={"abbreviation": fixed})
            for m in _CAPITAL_MID.finditer(text):
                abbr = m.group("abbr")
                yield Match(seg.start + m.start("abbr"), seg.start + m.end("abbr"),
                            f'"{abbr}" in mid-sentence is written in lower case: "{abbr.lower()}".',
                            suggestion=abbr.lower(), confidence=0.8, evidence={"abbreviation": abbr.lower()})
