"""XLIFF 1.2 (`<trans-unit>`) and XLIFF 2.0/2.1 (`<unit>` with `<segment>`s) as translation units.

Units marked `translate="no"` are not audited (the article's warnings say which). A unit's id is its `id`; when several `<file>`s
repeat an id, ids are prefixed with the file's position (`f2/7`). Each unit records where its
annotations go in the write-back (`pipeline/report/xliff_out.py`): the end of the unit's start tag,
the start of its end tag, its target's start tag (1.2) or its `<notes>` (2.x)."""
from __future__ import annotations

from collections import Counter

from pipeline.ingest import inline
from pipeline.ingest.bilingual import Unit
from pipeline.ingest.xmlsafe import Element


class XliffError(ValueError):
    pass


def version(root: Element) -> str:
    v = root.attrs.get("version", "")
    if v.startswith("2") or root.ns.endswith(":2.0"):
        return "2"
    return "1"


def _close_tag_start(file_text: str, el: Element) -> int:
    return el.tag_end if el.empty else file_text.rfind("</", el.tag_end, el.end)


def _units12(file_el: Element, file_text: str, skipped: list[str]) -> list[Unit]:
    out = []
    for tu in file_el.iter("trans-unit"):
        if tu.attrs.get("translate") == "no":
            skipped.append(tu.attrs.get("id", f"line {tu.line}"))
            continue
        src = tu.find("source")
        if src is None:
            raise XliffError(f"line {tu.line}: <trans-unit> without <source>")
        tgt = tu.find("target")
        source = inline.pieces(src, file_text)
        target = inline.pieces(tgt, file_text) if tgt is not None else None
        span = (tgt.start, tgt.end) if tgt is not None else (src.start, src.end)
        out.append(Unit(tu.attrs.get("id", f"#{len(out) + 1}"), source, target, span, extra={
            "line": tu.line, "unit_close": _close_tag_start(file_text, tu),
            "unit_tag_end": tu.tag_end,
            "target_tag": (tgt.start, tgt.tag_end, tgt.empty) if tgt is not None else None}))
    return out


def _units2(file_el: Element, file_text: str, skipped: list[str]) -> list[Unit]:
    out = []
    for u in file_el.iter("unit"):
        if u.attrs.get("translate") == "no":
            skipped.append(u.attrs.get("id", f"line {u.line}"))
            continue
        src_parts, tgt_parts, first_src, first_tgt, any_target = [], [], None, None, False
        for part in u.children:
            if not isinstance(part, Element) or part.name not in ("segment", "ignorable"):
                continue
            src, tgt = part.find("source"), part.find("target")
            if src is None:
                raise XliffError(f"line {part.line}: <{part.name}> without <source>")
            first_src = first_src or src
            src_parts.append(inline.pieces(src, file_text))
            if tgt is not None:
                first_tgt = first_tgt or tgt
                any_target = any_target or part.name == "segment"
                tgt_parts.append(inline.pieces(tgt, file_text))
            elif part.name == "ignorable":  # white space between segments, not translated
                tgt_parts.append([])
        if first_src is None:
            raise XliffError(f"line {u.line}: <unit> without <segment>")
        notes = u.find("notes")
        first_part = next(c for c in u.children if isinstance(c, Element)
                          and c.name in ("originalData", "segment", "ignorable"))
        span = (first_tgt.start, first_tgt.end) if first_tgt else (first_src.start, first_src.end)
        out.append(Unit(u.attrs.get("id", f"#{len(out) + 1}"), inline.joined(src_parts),
                        inline.joined(tgt_parts) if any_target else None, span, extra={
            "line": u.line, "unit_close": _close_tag_start(file_text, u),
            "unit_tag_end": u.tag_end,
            "notes_close": _close_tag_start(file_text, notes) if notes is not None else None,
            "notes_insert": first_part.start,
            "notes_empty": notes is not None and notes.empty,
            "notes_span": (notes.start, notes.end) if notes is not None else None}))
    return out


def units(root: Element, file_text: str) -> tuple[list[Unit], dict]:
    """The units of an XLIFF document and its languages and version."""
    if root.name != "xliff":
        raise XliffError(f"line {root.line}: the root element is <{root.name}>, not <xliff>")
    v = version(root)
    files = root.findall("file")
    if not files:
        raise XliffError(f"line {root.line}: <xliff> has no <file>")
    out: list[list[Unit]] = []
    skipped: list[str] = []
    for f in files:
        out.append(_units2(f, file_text, skipped) if v == "2" else
                   _units12(f, file_text, skipped))
    counts = Counter(u.unit_id for us in out for u in us)
    if any(n > 1 for n in counts.values()):
        for k, us in enumerate(out, 1):
            for u in us:
                u.unit_id = f"f{k}/{u.unit_id}"
    if v == "2":
        src_lang, tgt_lang = root.attrs.get("srcLang", "fa"), root.attrs.get("trgLang", "en")
    else:
        src_lang = files[0].attrs.get("source-language", "fa")
        tgt_lang = files[0].attrs.get("target-language", "en")
    return [u for us in out for u in us], {
        "xliff_version": root.attrs.get("version", "1.2" if v == "1" else "2.0"),
        "source_language": src_lang, "target_language": tgt_lang, "not_translated": skipped}
