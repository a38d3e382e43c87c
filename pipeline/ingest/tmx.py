"""TMX 1.4b translation units: `<tu>` with one `<tuv>` per language, text in `<seg>`.

The source language is the header's `srclang` (or, when it is `*all*`, the first `<tuv>`'s); the
target is the first other language that is English (`en`, `en-US`, ...), else the first other
language. A unit's id is its `tuid`, else its position (`tu7`)."""
from __future__ import annotations

from pipeline.ingest import inline
from pipeline.ingest.bilingual import Unit
from pipeline.ingest.xmlsafe import Element


class TmxError(ValueError):
    pass


def _lang(tuv: Element) -> str:
    return (tuv.attrs.get("xml:lang") or tuv.attrs.get("lang") or "").strip()


def _same(a: str, b: str) -> bool:
    return a.lower().split("-")[0] == b.lower().split("-")[0]


def units(root: Element, file_text: str) -> tuple[list[Unit], dict]:
    if root.name != "tmx":
        raise TmxError(f"line {root.line}: the root element is <{root.name}>, not <tmx>")
    header = root.find("header")
    body = root.find("body")
    if body is None:
        raise TmxError(f"line {root.line}: <tmx> has no <body>")
    srclang = (header.attrs.get("srclang", "") if header is not None else "").strip()
    out: list[Unit] = []
    target_lang = ""
    for n, tu in enumerate(body.findall("tu"), 1):
        tuvs = [t for t in tu.findall("tuv") if t.find("seg") is not None]
        if not tuvs:
            raise TmxError(f"line {tu.line}: <tu> without any <tuv><seg>")
        src_lang = tu.attrs.get("srclang") or srclang
        src_lang = src_lang if src_lang and src_lang != "*all*" else _lang(tuvs[0])
        src = next((t for t in tuvs if _same(_lang(t), src_lang)), None)
        if src is None:
            raise TmxError(f"line {tu.line}: <tu> has no <tuv> in the source language {src_lang}")
        others = [t for t in tuvs if t is not src]
        tgt = next((t for t in others if _same(_lang(t), "en")), others[0] if others else None)
        if tgt is not None:
            target_lang = target_lang or _lang(tgt)
        sseg = src.find("seg")
        tseg = tgt.find("seg") if tgt is not None else None
        span = (tseg.start, tseg.end) if tseg is not None else (sseg.start, sseg.end)
        out.append(Unit(tu.attrs.get("tuid") or f"tu{n}", inline.pieces(sseg, file_text),
                        inline.pieces(tseg, file_text) if tseg is not None else None, span,
                        extra={"line": tu.line}))
    return out, {"source_language": srclang if srclang not in ("", "*all*") else "fa",
                 "target_language": target_lang or "en"}
