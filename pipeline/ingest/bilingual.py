"""Build one `Article` from the translation units of a bilingual file (XLIFF, TMX, paired text).

One block per unit: the block's text is the unit's target (the view that every English rule
reads), `source_text` its source and `align_id` its unit id. Units are separated in the view by a
blank line that maps to no file text, so no rule reads across units.

Inline codes (`<ph>`, `<x/>`, `<bpt>`...`<ept>`, the start and end tags of `<g>` and `<pc>`, ...)
become one private-use character each (U+E000 onwards), the same character for the same code in
the source and the target of a unit. In the view the character maps to the code's whole span in
the file, so every offset maps back exactly and the tag check compares the two sides character by
character. `article.metadata["codes"]` keeps, per unit, each character's original markup, role
(open/close, begin/end, ph, ...) and id, for the tag check's messages and the fix list. A unit with an empty or missing target has one U+FFFC in the view,
mapped to the empty target element (or to the source when there is no target), so that a finding
can point at it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.ingest.structure import _kind_of_line
from pipeline.model import Article, Block
from pipeline.offsets import ViewBuilder

CODE_BASE = 0xE000
CODE_LAST = 0xF8FF
EMPTY_MARK = "\ufffc"


def is_code_char(c: str) -> bool:
    return CODE_BASE <= ord(c) <= CODE_LAST


def strip_codes(text: str) -> str:
    return "".join(c for c in text if not is_code_char(c) and c != EMPTY_MARK)


@dataclass
class Piece:
    """A run of a unit's text (`value`) or an inline code (`key`), located in the file."""

    start: int
    end: int
    value: str = ""
    key: tuple | None = None  # (role, id) for an inline code
    markup: str = ""  # the code's markup, for messages

    @property
    def verbatim(self) -> bool:
        return self.key is None and self.end - self.start == len(self.value)


@dataclass
class Unit:
    unit_id: str
    source: list[Piece]
    target: list[Piece] | None  # None: no target element at all
    empty_span: tuple[int, int]  # where a finding about an empty target points
    extra: dict = field(default_factory=dict)  # format-specific anchors (write-back)


class UnitError(ValueError):
    """A unit that cannot be represented in the view."""


def _code_chars(unit: Unit) -> dict[tuple, str]:
    chars: dict[tuple, str] = {}
    for p in unit.source + (unit.target or []):
        if p.key is not None and p.key not in chars:
            if CODE_BASE + len(chars) > CODE_LAST:
                line = unit.extra.get("line")
                raise UnitError(f"{'line ' + str(line) + ': ' if line else ''}unit "
                                f"{unit.unit_id} has more than {CODE_LAST - CODE_BASE + 1:,} "
                                f"distinct inline codes; not read")
            chars[p.key] = chr(CODE_BASE + len(chars))
    return chars


def _plain(pieces: list[Piece], chars: dict[tuple, str]) -> str:
    return "".join(chars.get(p.key, "") if p.key is not None else p.value for p in pieces)


def build(units: list[Unit], *, source: str, path: str, article_id: str, content_hash: str,
          fmt: str, encoding: str, file_text: str, source_language: str,
          target_language: str, metadata: dict | None = None) -> Article:
    b = ViewBuilder()
    blocks: list[Block] = []
    codes: dict[str, dict[str, str]] = {}
    prev_end = 0
    for k, unit in enumerate(units):
        if k:
            b.replaced("\n\n", prev_end, prev_end)
        chars = _code_chars(unit)
        if chars:
            codes[unit.unit_id] = {
                c: {"markup": next(p.markup for p in unit.source + (unit.target or [])
                                   if p.key == key), "role": key[0], "id": str(key[1])}
                for key, c in chars.items()}
        start = b.length
        target = unit.target or []
        content = [p for p in target if p.key is not None or p.value.strip()]
        if not content:
            b.replaced(EMPTY_MARK, *unit.empty_span)
            prev_end = unit.empty_span[1]
        else:
            for p in target:
                if p.key is not None:
                    b.replaced(chars[p.key], p.start, p.end)
                elif p.verbatim:
                    b.verbatim(p.value, p.start)
                else:
                    b.replaced(p.value, p.start, p.end)
            prev_end = target[-1].end
        blocks.append(Block(index=len(blocks), kind="paragraph", start=start, end=b.length,
                            text="", source_text=_plain(unit.source, chars),
                            align_id=unit.unit_id))
    view, omap = b.build()
    for blk in blocks:
        raw = view[blk.start:blk.end]
        lead = len(raw) - len(raw.lstrip())
        blk.start += lead
        blk.end = blk.start + len(raw.strip())
        blk.text = view[blk.start:blk.end]
    for k, blk in enumerate(blocks):
        text = strip_codes(blk.text).strip()
        if text:
            nxt = blocks[k + 1].text if k + 1 < len(blocks) else None
            blk.kind = _kind_of_line(text, k == 0, nxt)
    meta = dict(metadata or {})
    if codes:
        meta["codes"] = codes
    first = next((strip_codes(x.text).strip() for x in blocks if strip_codes(x.text).strip()), "")
    if first and "title" not in meta:
        meta["title"] = first[:160]
    return Article(source=source, path=path, article_id=article_id, content_hash=content_hash,
                   format=fmt, encoding=encoding, file_text=file_text, text=view, offsets=omap,
                   blocks=blocks, metadata=meta, source_language=source_language,
                   target_language=target_language)
