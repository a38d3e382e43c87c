from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# white space between a word (or a closing bracket or quote) and a comma, semicolon, colon,
# full stop, question or exclamation mark: "after meals ,not before", "the eye .", "follow-ups
# ; tests", "after surgery :", "What is a cataract ?". A full stop, question or exclamation
# mark must end the sentence or touch a capitalised word (" .After") or a function word that
# opens a sentence (" .the most important"), so " .5 mg", " .NET", " ..." and " .pdf" pass; a
# colon between numbers ("10 : 30", "1 : 2") passes.
_SPACED = re.compile(r"(?<=[A-Za-z0-9)\]\"'\u201d\u2019%])[ \t\u00a0]+"
                     r"(?:(?P<comma>[,;:])(?![,;:])|(?P<stop>[.?!])(?=\s|$|[A-Z][a-z]|"
                     r"(?:the|a|an|and|but|this|these|it|its|in|on|for|with|to|of|we|you|they|"
                     r"he|she|our|your|their|is|are|if|when|after|before)\b))")

# a hyphen inside a word or a range with a space on one side: "non- surgical", "4- 6 months",
# "4 -6"; a suspended hyphen ("pre- and post-operative", "2- to 3-week") passes
_HYPHEN = re.compile(r"(?<![\w.,-])(?P<left>[A-Za-z]+|\d+)(?:-[ \t\u00a0]+|[ \t\u00a0]+-(?=\d))"
                     r"(?P<right>[A-Za-z]+|\d+)(?![\w-])")
_SUSPENDED = frozenset({"and", "or", "to", "nor", "through", "und", "than"})
# white space just inside the brackets of a parenthesis: "( IPD )", "(IPD )", "[ 3]"
_BRACKETED = re.compile(r"(?P<open>[(\[])(?P<lead>[ \t\u00a0]*)(?P<inner>[^()\[\]\n]{1,200}?)"
                        r"(?P<trail>[ \t\u00a0]*)(?P<close>[)\]])")
_PAIRS = {"(": ")", "[": "]"}


class SpaceBeforePunctuation(Rule):
    """A space before a comma, semicolon, colon, full stop, question or exclamation mark ("after
    meals ,not before", "the eye .", "What is a cataract ?"), just inside the brackets of a
    parenthesis ("the inpatient department ( IPD )"), or
    beside the hyphen of a compound or a range ("non- surgical", "4- 6 months").

    What it does
    Finds white space between a word and the comma, semicolon, colon, full stop, question or
    exclamation mark after it. A full stop, question or exclamation mark counts when it ends the
    sentence or touches the next sentence's first word (" .After that", " .the most important");
    a decimal (" .5 mg"),
    an ellipsis (" ...") and a file or product name (" .pdf", " .NET") pass, and so does a
    colon between numbers ("10 : 30"). A word glued to the word after the mark ("meals ,not") is reported here with
    the space before it; a missing space after a comma alone is TR037's, after a full stop
    CO002's. Also a hyphen inside a word or a range of numbers with a space after it, or a
    space before it in a range ("non- surgical", "4- 6 months", "4 -6"); a suspended hyphen
    ("pre- and post-operative", "2- to 3-week course") passes. Also white space just inside
    the brackets of a parenthesis ("( IPD )", "(IPD )"), reported once for the pair.

    Why is this bad?
    Persian typesetting and the editors of Persian pages often set a space before punctuation,
    and machine translation and copy-pasting keep it. In English the mark then starts the next
    line when the text wraps, screen readers pause in the wrong place, and the page looks
    unedited.

    Example
    Take the tablets after meals , not before . The fee includes two follow-ups ; tests are
    extra.

    Use instead
    Take the tablets after meals, not before. The fee includes two follow-ups; tests are extra.

    Severity
    Minor: nothing is lost but polish (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.7 and 6.11 (punctuation and spacing): https://www.chicagomanualofstyle.org/book/ed17/part2/ch06/psec011.html
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR063"
    name = "space-before-punctuation"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        text = ctx.text
        for block in ctx.blocks:
            for m in _SPACED.finditer(text, block.start, block.end):
                mark = m.group("comma") or m.group("stop")
                if mark == ":" and text[m.start() - 1].isdigit() and \
                        text[m.end():m.end() + 2].strip()[:1].isdigit():
                    continue  # a time or a ratio: "10 : 30", "1 : 2"
                end, fixed = m.end(), mark
                if m.group("stop") and text[end:end + 1].islower():
                    end, fixed = end + 1, f"{mark} {text[end].upper()}"  # " .the" -> ". The"
                yield Match(m.start(), end,
                            f'No space before "{mark}": it belongs to the word before it.',
                            suggestion=fixed, evidence={"mark": mark}, confidence=0.9)
            for m in _BRACKETED.finditer(text, block.start, block.end):
                inner = m.group("inner")
                if not (m.group("lead") or m.group("trail")) or not inner.strip() \
                        or _PAIRS[m.group("open")] != m.group("close"):
                    continue
                fixed = f'{m.group("open")}{inner.strip()}{m.group("close")}'
                yield Match(m.start(), m.end(),
                            f'"{m.group(0)}": no space just inside the brackets.',
                            suggestion=fixed, evidence={"mark": m.group("open")},
                            confidence=0.85)
            for m in _HYPHEN.finditer(text, block.start, block.end):
                left, right = m.group("left"), m.group("right")
                if right.lower() in _SUSPENDED or left.isdigit() != right.isdigit() \
                        or right[0].isupper():
                    continue  # "Insurance- Tags": a dash between two items, not a compound
                yield Match(m.start(), m.end(),
                            f'"{m.group(0)}": no space beside the hyphen of a compound word '
                            f'or a range.', suggestion=f"{left}-{right}",
                            evidence={"mark": "-"}, confidence=0.85)
