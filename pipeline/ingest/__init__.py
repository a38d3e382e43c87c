"""Read article files (.txt, .md, .html/.htm) into `Article` records.

`discover` expands paths into article files; `read_article` reads one file and raises `IngestError`
(naming the file) when it cannot be read, so that the caller can report it and go on with the rest.
Sizes are bounded (`pipeline.limits`): a file, a block or a metadata text past its limit is an
error naming the limit, never a long wait.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from pathlib import Path

from pipeline import safe_yaml
from pipeline.ingest import bifile, paired
from pipeline.ingest import html as html_reader
from pipeline.ingest import markdown as md_reader
from pipeline.ingest.decode import DecodeError, decode
from pipeline.ingest.discover import (FORMATS, SIDECAR_SUFFIXES, IngestError, discover,
                                      refused_link)
from pipeline.ingest.ids import article_id_for, safe_id
from pipeline.ingest.structure import blocks_from_lines
from pipeline.limits import Limits, OverBudget, time_budget
from pipeline.model import Article, sha256_bytes
from pipeline.offsets import line_col, line_starts, plain_view

__all__ = ["FORMATS", "IngestError", "article_id_for", "discover", "paired", "read_article",
           "relative_source"]
META_KEYS = ("title", "url", "language", "published", "id", "author", "source_language")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_SCALAR = (str, int, float, bool, dt.date)


def relative_source(path: Path, root: Path) -> str:
    """`path` relative to `root` as written (a symlink keeps its own name), else its name."""
    for p, r in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return p.relative_to(r).as_posix()
        except ValueError:
            continue
    return path.name


def _read_bytes(path: Path, source: str, limit: int) -> bytes:
    """The file's bytes; a special file or one over `limit` bytes is refused before reading."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            raise IngestError(source, "is not a regular file; not read")
        if st.st_size > limit:
            raise IngestError(source, f"is {st.st_size:,} bytes; the limit is {limit:,} "
                                      f"(limits.max_file_bytes)")
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as e:
        raise IngestError(source, f"cannot be read: {e.strerror or e}") from e
    if len(raw) > limit:  # it grew while we looked
        raise IngestError(source, f"is over {limit:,} bytes (limits.max_file_bytes)")
    return raw


def _mapping(text: str, where: str, what: str, limit: int, json_text: bool = False) -> dict:
    if len(text) > limit:
        raise IngestError(where, f"{what} is {len(text):,} characters; the limit is {limit:,} "
                                 f"(limits.max_metadata_bytes)")
    try:
        data = json.loads(text) if json_text else safe_yaml.load(text, limit)
    except (ValueError, safe_yaml.YAMLInputError, RecursionError) as e:
        raise IngestError(where, f"invalid {what}: {e}") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError(where, f"{what} must be a mapping")
    return data


def _sidecar(path: Path, limit: int) -> tuple[dict, str | None]:
    for suffix in SIDECAR_SUFFIXES:
        side = path.with_name(path.name.rsplit(".", 1)[0] + suffix)
        if side.is_file():
            try:
                if side.stat().st_size > 4 * limit:
                    raise IngestError(str(side), f"metadata sidecar is over {limit:,} characters "
                                                 f"(limits.max_metadata_bytes)")
                text = side.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise IngestError(str(side), f"unreadable metadata sidecar: {e}") from e
            return _mapping(text, str(side), "metadata sidecar", limit,
                            json_text=suffix.endswith("json")), str(side)
    return {}, None


def _front_matter(view: str, source: str, limit: int) -> tuple[dict, int]:
    """Metadata from YAML front matter at the top of the view, and where the body starts."""
    m = _FRONT.match(view)
    if not m:
        return {}, 0
    return _mapping(m.group(1), source, "front matter", limit), m.end()


def _clean_meta(meta: dict, where: str) -> dict:
    """The metadata keys we use, as text. A value that is not a scalar, or text that cannot be
    written as UTF-8 (a lone surrogate from a JSON escape), is an error naming the key."""
    out = {}
    for k in (*META_KEYS, "date"):
        v = meta.get(k)
        if v in (None, ""):
            continue
        if not isinstance(v, _SCALAR):
            raise IngestError(where, f"metadata {k!r} must be a single value, not a "
                                     f"{type(v).__name__}")
        v = str(v)
        try:
            v.encode("utf-8")
        except UnicodeEncodeError as e:
            raise IngestError(where, f"metadata {k!r} holds an invalid character "
                                     f"(U+{ord(v[e.start]):04X}, a lone surrogate)") from e
        out[k] = v
    if "date" in out:
        out.setdefault("published", out["date"])
        del out["date"]
    return out


def _check_blocks(article: Article, limit: int) -> None:
    """Every block, and its source text in a bilingual file, within `limit` characters."""
    for b in article.blocks:
        for what, n in (("", b.end - b.start), ("source text of the ", len(b.source_text or ""))):
            if n > limit:
                line, _ = line_col(line_starts(article.file_text),
                                   article.file_span(b.start, b.end)[0])
                unit = f" (unit {b.align_id})" if b.align_id is not None else ""
                raise IngestError(article.source, f"the {what}{b.kind} at line {line}{unit} is "
                                                  f"{n:,} characters long; the limit is {limit:,} "
                                                  f"(limits.max_block_chars)")


def _read_bilingual(path: Path, root: Path, fmt: str, source: str, raw: bytes, file_text: str,
                    encoding: str, on_disk: bool, limits: Limits) -> Article | None:
    """XLIFF, TMX, or the English half of a paired text file: one article (else None). The
    Persian half of a pair is read under the same rules as an article file: a regular file within
    `limits.max_file_bytes`, not a symlink out of the input folder."""
    partner = paired.source_of(path) if fmt == "txt" and on_disk else None
    if fmt not in ("xliff", "tmx") and partner is None:
        return None
    common = dict(source=source, article_id=article_id_for(source), file_text=file_text,
                  encoding=encoding)
    try:
        if partner is not None:
            refused = refused_link(partner, root, limits.follow_symlinks)
            if refused:
                raise IngestError(source, f"its Persian source {partner.name} {refused}")
            try:
                fa_raw = _read_bytes(partner, source, limits.max_file_bytes)
            except IngestError as e:
                raise IngestError(source, f"its Persian source {partner.name} {e.problem}") \
                    from None
            return paired.read(path, partner, raw=raw, fa_raw=fa_raw, **common)
        return bifile.read(path, content_hash=sha256_bytes(raw), **common)
    except (bifile.BilingualError, paired.PairError) as e:
        raise IngestError(source, str(e)) from None


def _read_monolingual(path: Path, fmt: str, source: str, raw: bytes, file_text: str,
                      encoding: str, on_disk: bool, limits: Limits) -> Article:
    meta: dict = {}
    warnings: list[str] = []
    if fmt == "html":
        view, omap, blocks, meta, warnings = html_reader.extract(file_text)
    else:
        view, omap = plain_view(file_text)
        meta, body = _front_matter(view, source, limits.max_metadata_bytes)
        if fmt == "md":
            blocks, warnings = md_reader.blocks(view, body)
        else:
            blocks = blocks_from_lines(view[body:], base=body)
    meta = _clean_meta(meta, source)
    if on_disk:
        side, side_path = _sidecar(path, limits.max_metadata_bytes)
        meta.update(_clean_meta(side, side_path or source))
    if "title" not in meta:
        first = next((b for b in blocks if b.kind == "title"), None)
        if first:
            meta["title"] = first.text
    declared = meta.pop("id", None)
    article_id = safe_id(declared) if declared else article_id_for(source)
    if declared and article_id != declared:
        warnings.append(f"its metadata id {declared!r} is not usable as a file name; the "
                        f"article is audited as {article_id!r}")
    return Article(
        source=source, path=str(path.resolve()), article_id=article_id,
        content_hash=sha256_bytes(raw), format=fmt, encoding=encoding, file_text=file_text,
        text=view, offsets=omap, blocks=blocks, metadata=meta,
        source_language=meta.pop("source_language", "fa"),
        target_language=meta.get("language", "en"), warnings=warnings,
    )


def read_article(path: Path, root: Path | None = None, *, data: bytes | None = None,
                 limits: Limits | None = None) -> Article:
    """One article from `path` (or from `data`, named by `path`). Every format, bilingual ones
    included, is read within the limits: file size before reading, the per-article time budget
    while decoding and parsing, block length after."""
    limits = limits or Limits()
    path = Path(path)
    source = relative_source(path, root) if root else path.name
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(source, f"unsupported file type {path.suffix or '(none)'}")
    raw = _read_bytes(path, source, limits.max_file_bytes) if data is None else data
    if len(raw) > limits.max_file_bytes:
        raise IngestError(source, f"is {len(raw):,} bytes; the limit is "
                                  f"{limits.max_file_bytes:,} (limits.max_file_bytes)")
    try:
        with time_budget(limits.article_seconds, "reading the file"):
            try:
                file_text, encoding = decode(raw)
            except DecodeError as e:
                raise IngestError(source, str(e)) from e
            article = _read_bilingual(path, root or path.parent, fmt, source, raw, file_text,
                                      encoding, data is None, limits) or \
                _read_monolingual(path, fmt, source, raw, file_text, encoding, data is None,
                                  limits)
    except OverBudget as e:
        raise IngestError(source, str(e)) from None
    _check_blocks(article, limits.max_block_chars)
    return article
