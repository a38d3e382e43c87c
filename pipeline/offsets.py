"""Map offsets in an article's *view* text (what rules read) back to the file's decoded text.

The view is built from pieces. A verbatim piece is a run copied unchanged from the file; any other
piece (an HTML entity decoded to one character, collapsed white space, a synthetic line break between
HTML blocks, CRLF read as LF) maps every view offset inside it to the start or the end of its file
span. A finding found in the view therefore always maps to a file span, and the finding's `text` is
taken from the file at that span, so `file_text[start:end] == text` holds by construction.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field


@dataclass
class OffsetMap:
    """Pieces as parallel lists: view start, file start, file end, verbatim flag."""

    view_starts: list[int] = field(default_factory=list)
    file_starts: list[int] = field(default_factory=list)
    file_ends: list[int] = field(default_factory=list)
    verbatim: list[bool] = field(default_factory=list)
    view_length: int = 0

    def add(self, view_len: int, file_start: int, file_end: int, verbatim: bool) -> None:
        if view_len <= 0:
            return
        self.view_starts.append(self.view_length)
        self.file_starts.append(file_start)
        self.file_ends.append(file_end)
        self.verbatim.append(verbatim)
        self.view_length += view_len

    def to_file(self, offset: int, *, is_end: bool = False) -> int:
        """File offset of a view offset; `is_end` picks the end of a non-verbatim piece."""
        if not self.view_starts:
            return 0
        if is_end:
            # An end offset belongs to the piece holding its last character.
            i = bisect.bisect_right(self.view_starts, max(offset - 1, 0)) - 1
        else:
            i = bisect.bisect_right(self.view_starts, offset) - 1
        i = max(i, 0)
        if offset >= self.view_length and not is_end:
            return self.file_ends[-1]
        inner = offset - self.view_starts[i]
        if self.verbatim[i]:
            return min(self.file_starts[i] + inner, self.file_ends[i])
        return self.file_ends[i] if is_end else self.file_starts[i]

    def span_to_file(self, start: int, end: int) -> tuple[int, int]:
        fs = self.to_file(start)
        fe = self.to_file(end, is_end=True) if end > start else fs
        return fs, max(fe, fs)

    def to_dict(self) -> dict:
        return {"v": self.view_starts, "s": self.file_starts, "e": self.file_ends,
                "b": self.verbatim, "n": self.view_length}

    @classmethod
    def from_dict(cls, d: dict) -> "OffsetMap":
        return cls(list(d["v"]), list(d["s"]), list(d["e"]), [bool(x) for x in d["b"]], int(d["n"]))


# What published pages write for a space and an apostrophe, read by the rules as the plain
# characters: the no-break space of "&nbsp;", and the curly single quotes that WordPress and word
# processors put for every apostrophe ("don’t", "Hashimoto’s"). A finding's text is still taken
# from the file, so the reader sees the page's own characters.
PLAIN = {"\u00a0": " ", "\u2019": "'", "\u2018": "'"}
_TYPOGRAPHIC = frozenset(PLAIN)
_PLAIN_TABLE = str.maketrans(PLAIN)


class ViewBuilder:
    """Accumulates view text and its offset map."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.map = OffsetMap()

    def verbatim(self, text: str, file_start: int) -> None:
        """`text` copied from the file at `file_start`, but for the characters of published pages
        that rules read as their plain forms (`PLAIN`): each becomes a one-character piece of its
        own, so that offsets still map one to one."""
        if not _TYPOGRAPHIC.isdisjoint(text):
            at = 0
            for k, c in enumerate(text):
                if c in PLAIN:
                    self.verbatim(text[at:k], file_start + at)
                    self.replaced(PLAIN[c], file_start + k, file_start + k + 1)
                    at = k + 1
            self.verbatim(text[at:], file_start + at)
            return
        if text:
            self.parts.append(text)
            self.map.add(len(text), file_start, file_start + len(text), True)

    def replaced(self, text: str, file_start: int, file_end: int) -> None:
        if text:
            text = text.translate(_PLAIN_TABLE)
            self.parts.append(text)
            self.map.add(len(text), file_start, file_end, False)

    @property
    def length(self) -> int:
        return self.map.view_length

    def last_char(self) -> str:
        return self.parts[-1][-1] if self.parts else ""

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self.parts), self.map


def plain_view(file_text: str) -> tuple[str, OffsetMap]:
    """View of a plain-text file: BOM dropped, CRLF and lone CR read as LF, the characters of
    `PLAIN` as their plain forms, everything else verbatim."""
    b = ViewBuilder()
    i, n = 0, len(file_text)
    if file_text.startswith("\ufeff"):
        i = 1
    run = i
    while (i := file_text.find("\r", i)) != -1:
        b.verbatim(file_text[run:i], run)
        end = i + 2 if file_text.startswith("\r\n", i) else i + 1
        b.replaced("\n", i, end)
        i = run = end
    b.verbatim(file_text[run:n], run)
    return b.build()


_LINE_END = re.compile(r"\r\n|\n|\r")


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of `text` starts (LF, CRLF and CR all end a line)."""
    return [0] + [m.end() for m in _LINE_END.finditer(text)]


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of a file offset."""
    i = bisect.bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1
