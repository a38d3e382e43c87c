"""Blocks of a Markdown article from markdown-it's block tokens (their line maps)."""
from __future__ import annotations

from markdown_it import MarkdownIt

from pipeline.ingest.structure import FURNITURE, blocks_from_lines
from pipeline.model import Block

_md = MarkdownIt("commonmark")
_KIND = {"heading_open": "heading", "paragraph_open": "paragraph"}


def blocks(view: str, body_start: int) -> list[Block]:
    """`view` is the whole view text; the Markdown body starts at `body_start` (after front matter)."""
    body = view[body_start:]
    line_pos = [0]
    for i, c in enumerate(body):
        if c == "\n":
            line_pos.append(i + 1)
    line_pos.append(len(body) + 1)
    out: list[Block] = []
    in_item = 0
    seen_title = False
    for tok in _md.parse(body):
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
    return out
