"""Recover block structure (title, headings, list items, paragraphs, page furniture) from plain
text scraped from a web page, where markup is gone and only line breaks remain."""
from __future__ import annotations

import re

from pipeline.model import Block

LIST_MARKER = re.compile(r"^(?P<marker>(?:[-*\u2022\u25cf\u25aa\u2013]|\d{1,2}\s*[-.)\u2013])(?:\s+|$))")
# Page furniture: metadata lines around the article (reading time, dates, category, tags, author).
FURNITURE = re.compile(
    r"^(?:study\s+time|reading\s+time|time\s+to\s+read|duration\s+of\s+study|read\s+time|"
    r"publication\s+date|published(?:\s+on)?|date\s+published|last\s+updated|updated(?:\s+on)?|"
    r"category|categories|tags?|author|written\s+by|views?)\s*:",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!;,]\s*$")
_WORD = re.compile(r"\w+", re.UNICODE)

MAX_HEADING_WORDS = 14
MAX_TITLE_CHARS = 160


def _kind_of_line(content: str, is_first: bool, next_line: str | None) -> str:
    if FURNITURE.match(content):
        return "furniture"
    words = len(_WORD.findall(content))
    ends_sentence = bool(_SENTENCE_END.search(content)) or content.endswith(":")
    if is_first and len(content) <= MAX_TITLE_CHARS and not ends_sentence:
        return "title"
    if 0 < words <= MAX_HEADING_WORDS and not ends_sentence and next_line is not None:
        return "heading"
    return "paragraph"


def blocks_from_lines(text: str, base: int = 0, first_index: int = 0,
                      allow_title: bool = True) -> list[Block]:
    """Blocks of `text` (view text, LF line ends); offsets are `base` + offsets in `text`.

    One line is one block: scraped pages put every paragraph, heading and list item on its own
    line. A line of only a list marker ("-") is an empty list item."""
    blocks: list[Block] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    nonempty = [(p, l) for p, l in lines if l.strip()]
    seen_title = not allow_title
    for k, (lpos, line) in enumerate(nonempty):
        lead = len(line) - len(line.lstrip())
        content = line.strip()
        start = lpos + lead
        marker = ""
        m = LIST_MARKER.match(content)
        if m:
            marker = m.group("marker")
            content = content[len(marker):]
            start += len(marker)
            kind = "furniture" if FURNITURE.match(content) else "list_item"
        else:
            nxt = nonempty[k + 1][1] if k + 1 < len(nonempty) else None
            kind = _kind_of_line(content, not seen_title, nxt)
        seen_title = True
        end = start + len(content)
        blocks.append(Block(index=first_index + len(blocks), kind=kind, start=base + start,
                            end=base + end, text=content, marker=marker.strip()))
    return blocks
