"""Blocks of a Markdown article from markdown-it's block tokens (their line maps).

markdown-it stops descending at its nesting limit (`maxNesting`, 20 levels: 10 nested lists, or
20 blockquotes) and drops what lies deeper; when that happens the reader warns, naming the first
line whose text was dropped."""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from pipeline.ingest.structure import FURNITURE, blocks_from_lines
from pipeline.model import Block

# Only the block structure is read (token maps), so inline parsing (emphasis, links) is switched
# off: it is work for nothing, and quadratic on runs like "[[[[" or "*a*a*a".
_md = MarkdownIt("commonmark").disable(["inline", "text_join"])
_KIND = {"heading_open": "heading", "paragraph_open": "paragraph"}
# what is left of a line once container markers (quotes, list markers) are taken off
_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)])(?=[ \t]|$))*[ \t]*")


def _dropped_line(body: str, tokens) -> int | None:
    """The first line (0-based) with text that no token covers, when nesting hit the limit."""
    if not tokens or max(t.level for t in tokens) < _md.options["maxNesting"] - 2:
        return None
    covered = set()
    for t in tokens:
        if t.map and (t.nesting == 0 or t.type in _KIND):
            covered.update(range(*t.map))
    for n, line in enumerate(body.split("\n")):
        if n not in covered and line[_MARKERS.match(line).end():].strip():
            return n
    return None


def blocks(view: str, body_start: int) -> tuple[list[Block], list[str]]:
    """`view` is the whole view text; the Markdown body starts at `body_start` (after front
    matter). Returns the blocks and warnings."""
    body = view[body_start:]
    line_pos = [0]
    for i, c in enumerate(body):
        if c == "\n":
            line_pos.append(i + 1)
    line_pos.append(len(body) + 1)
    out: list[Block] = []
    in_item = 0
    seen_title = False
    tokens = _md.parse(body)
    warnings = []
    dropped = _dropped_line(body, tokens)
    if dropped is not None:
        line = view.count("\n", 0, body_start) + dropped + 1
        warnings.append(f"Markdown nested deeper than the parser's limit of "
                        f"{_md.options['maxNesting']} levels at line {line}: text from there "
                        f"on is not audited")
    for tok in tokens:
        if tok.type == "list_item_open":
            in_item += 1
        elif tok.type == "list_item_close":
            in_item -= 1
        if tok.type not in _KIND or tok.map is None:
            continue
        first, last = tok.map
        s = line_pos[first]
        e = min(line_pos[last] - 1, len(body))
        chunk = body[s:e]
        if tok.type == "heading_open":
            stripped = chunk.lstrip().lstrip("#").strip()
            lead = chunk.find(stripped) if stripped else 0
            kind = "title" if tok.tag == "h1" and not seen_title else "heading"
            seen_title = seen_title or kind == "title"
            out.append(Block(len(out), kind, body_start + s + lead, body_start + s + lead + len(stripped),
                             stripped, marker=tok.markup))
            continue
        for b in blocks_from_lines(chunk, base=body_start + s, first_index=len(out), allow_title=False):
            if in_item and b.kind != "furniture":
                b.kind = "list_item"
            elif b.kind == "heading":
                b.kind = "paragraph"  # Markdown marks headings explicitly
            if FURNITURE.match(b.text):
                b.kind = "furniture"
            out.append(b)
    return out, warnings
