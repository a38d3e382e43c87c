from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_PAIRS = {")": "(", "]": "[", "}": "{", "\u201d": "\u201c"}
_OPENERS = set(_PAIRS.values())
# "a) ...", "2) ...", ":)" are enumerators and emoticons, not closing brackets
_ENUMERATOR = re.compile(r"(?:^|[\s(])(?:[A-Za-z]|\d{1,2}|[ivx]{1,4})$|[:;]-?$")
_CONTEXT = re.compile(r"[^\W_][\w'-]*\s?$")
# Both patterns are searched only over the characters that can end at the bracket (a match of
# _ENUMERATOR is at most 6 characters long with the newline `$` allows before the end; one of
# _CONTEXT lies within the run of word characters and the <= 2 white-space characters before
# it): searching the whole text before every bracket was quadratic.
_WORDISH = re.compile(r"[\w'-]")
_AFTER = re.compile(r"\s?[\w'-]+")


def _enumerator_before(text: str, i: int) -> bool:
    return _ENUMERATOR.search(text, max(0, i - 6), i) is not None


def _context_before(text: str, i: int):
    lo = i
    while lo and i - lo < 2 and text[lo - 1].isspace():
        lo -= 1
    while lo and _WORDISH.match(text, lo - 1):
        lo -= 1
    return _CONTEXT.search(text, lo, i)


def _unbalanced(text: str):
    """Offsets of brackets and curly quotes without a partner, and of a last unpaired '"'.
    A quotation mark at the very start or end of the block is left alone: a quotation that
    runs over several paragraphs opens each of them and closes only the last, so a block may
    hold one edge of a quotation (and an excerpted sentence the end of one)."""
    stack: list[int] = []
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip()) - 1
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append(i)
        elif ch in _PAIRS:
            if stack and text[stack[-1]] == _PAIRS[ch]:
                stack.pop()
            elif not _enumerator_before(text, i) and not (ch == "\u201d" and i == last):
                yield i
                stack.clear()  # one finding per tangle, not one per following bracket
    yield from (i for i in stack if not (text[i] == "\u201c" and i == first))
    quotes = [i for i, ch in enumerate(text) if ch == '"' and not text[i - 1:i].isdigit()]
    if len(quotes) % 2 and "=" not in text and quotes[0] != first and quotes[-1] != last:
        yield quotes[-1]  # (attributes, href="..., are CO001's)


class UnbalancedBrackets(Rule):
    """A bracket or quotation mark without its partner in the same paragraph.

    What it does
    Checks each block (paragraph, heading, list item) for parentheses, square and curly brackets
    and curly double quotes that are closed without being opened or opened without being closed,
    and for an odd number of straight double quotes. List enumerators ("a)", "2)"), emoticons,
    inch marks and a quotation mark at the very start or end of a block (one paragraph of a
    quotation that runs over several opens with a quotation mark and need not close) are left
    alone. The finding covers the stray mark and the word next to it.

    Why is this bad?
    A stray bracket usually means that words were lost or moved in translation ("(infection of
    the tendon sheath) hand)"); the reader cannot tell where the aside ends.

    Example
    Tenosynovitis (infection of the tendon sheath) hand) needs treatment.

    Use instead
    Tenosynovitis of the hand (infection of the tendon sheath) needs treatment.

    Severity
    Minor: a punctuation error that blurs but rarely changes the meaning (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.95-6.104 (parentheses and brackets):
    https://www.chicagomanualofstyle.org/book/ed17/part2/ch06/toc.html
    translate-toolkit pofilter, "brackets" check: https://docs.translatehouse.org/projects/translate-toolkit/en/latest/commands/pofilter_tests.html
    MQM core typology: https://themqm.org/error-types-2/typology/
    """

    code = "CO009"
    name = "unbalanced-brackets"
    category = "content"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for block in ctx.blocks:
            text = block.text
            for i in sorted(set(_unbalanced(text))):
                ch = text[i]
                if ch in _OPENERS:
                    m = _AFTER.match(text, i + 1)  # not text[i + 1:]: a copy per bracket
                    start, end = i, m.end() if m else i + 1
                    what = "opened but never closed"
                else:
                    m = _context_before(text, i)
                    start, end = (m.start() if m else i), i + 1
                    what = "closed but never opened" if ch != '"' else "never matched"
                yield Match(block.start + start, block.start + end,
                            f"The bracket or quotation mark {ch} is {what} in this paragraph.",
                            confidence=0.8)
