"""Inline content of a segment (XLIFF 1.2, XLIFF 2.x, TMX 1.4b) as `Piece`s: runs of text and
inline codes, each located in the file.

Codes are identified across the source and the target of a unit by (role, id): `<g>`/`<pc>` give
an "open" and a "close" code around their content; `<bpt>`/`<bx>`/`<sc>` a "begin", `<ept>`/
`<ex>`/`<ec>` an "end" (paired by `rid`, `i`/`x`, `startRef` or `id`); `<it>` an isolated code;
`<x>`, `<ph>`, `<ut>` a placeholder. A code without any id is numbered by its order; the same key
twice on one side is told apart by its occurrence. Annotations (`<mrk>`, `<hi>`, `<sm>`, `<em>`)
are not codes: their text is read through. `<cp hex="..."/>` (XLIFF 2) is the character it names.
"""
from __future__ import annotations

from collections import Counter

from pipeline.ingest.bilingual import Piece
from pipeline.ingest.xmlsafe import Element, Text

CONTAINERS = {"g", "pc"}
BEGIN = {"bpt", "bx", "sc"}
END = {"ept", "ex", "ec"}
ISOLATED = {"it"}
PLACEHOLDERS = {"x", "ph", "ut"}
TRANSPARENT = {"mrk", "hi"}
MARKERS = {"sm", "em"}  # XLIFF 2 annotation start/end markers: no text, not codes
MARKUP_SHOWN = 60


class _Keys:
    def __init__(self) -> None:
        self.seen: Counter = Counter()
        self.ordinal: Counter = Counter()
        self.tmx_pairs: dict[str, str] = {}  # TMX: bpt i -> x, so an ept matches across sides

    def key(self, role: str, ident: str | None, name: str) -> tuple:
        if ident is None:
            self.ordinal[name] += 1
            ident = f"#{self.ordinal[name]}"
        base = (role, ident)
        self.seen[base] += 1
        return base + (self.seen[base],)


def _ident(el: Element, role: str, keys: _Keys) -> str | None:
    a = el.attrs
    if el.name == "bpt" and "i" in a:  # TMX
        x = a.get("x")
        if x is not None:
            keys.tmx_pairs[a["i"]] = x
        return x or a["i"]
    if el.name == "ept" and "i" in a:
        return keys.tmx_pairs.get(a["i"], a["i"])
    if el.name == "ec":
        return a.get("startRef") or a.get("id")
    return a.get("rid") or a.get("x") or a.get("id") or a.get("i")


def _markup(file_text: str, start: int, end: int) -> str:
    m = file_text[start:end]
    return m if len(m) <= MARKUP_SHOWN else m[:MARKUP_SHOWN - 1] + "…"


def pieces(el: Element, file_text: str, keys: _Keys | None = None,
           out: list[Piece] | None = None) -> list[Piece]:
    keys = keys or _Keys()
    out = [] if out is None else out
    for child in el.children:
        if isinstance(child, Text):
            out.append(Piece(child.start, child.end, child.value))
            continue
        name = child.name
        if name in TRANSPARENT:
            pieces(child, file_text, keys, out)
        elif name in MARKERS:
            continue
        elif name == "cp":
            try:
                out.append(Piece(child.start, child.end, chr(int(child.attrs.get("hex", ""), 16))))
            except ValueError:
                out.append(Piece(child.start, child.end, "\ufffd"))
        elif name in CONTAINERS:
            ident = _ident(child, "open", keys)
            if child.empty:
                out.append(Piece(child.start, child.end, key=keys.key("pair", ident, name),
                                 markup=_markup(file_text, child.start, child.end)))
                continue
            close_at = file_text.rfind("</", child.tag_end, child.end)
            out.append(Piece(child.start, child.tag_end, key=keys.key("open", ident, name),
                             markup=_markup(file_text, child.start, child.tag_end)))
            pieces(child, file_text, keys, out)
            out.append(Piece(close_at, child.end, key=keys.key("close", ident, name),
                             markup=_markup(file_text, close_at, child.end)))
        else:
            if name in BEGIN:
                role = "begin"
            elif name in END:
                role = "end"
            elif name in ISOLATED:
                role = f"isolated-{child.attrs.get('pos', '')}"
            elif name in PLACEHOLDERS:
                role = "ph"
            else:
                role = f"other-{name}"
            out.append(Piece(child.start, child.end, key=keys.key(role, _ident(child, role, keys),
                                                                  name),
                             markup=_markup(file_text, child.start, child.end)))
    return out


def joined(parts: list[list[Piece]]) -> list[Piece]:
    """Segments of one unit (XLIFF 2) joined; a space (mapped to no file text) goes between two
    segments that would otherwise touch without white space."""
    out: list[Piece] = []
    for part in parts:
        if not part:
            continue
        if out:
            prev = next((p.value for p in reversed(out) if p.key is None), " ")
            nxt = next((p.value for p in part if p.key is None), " ")
            if prev and nxt and not prev[-1:].isspace() and not nxt[:1].isspace():
                out.append(Piece(out[-1].end, out[-1].end, " "))
        out.extend(part)
    return out
