"""Read article files (.txt, .md, .html/.htm) into `Article` records.

`discover` expands paths into article files; `read_article` reads one file and raises `IngestError`
(naming the file) when it cannot be read, so that the caller can report it and go on with the rest.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import frontmatter
import yaml

from pipeline.ingest import bifile, paired
from pipeline.ingest import html as html_reader
from pipeline.ingest import markdown as md_reader
from pipeline.ingest.decode import DecodeError, decode
from pipeline.ingest.structure import blocks_from_lines
from pipeline.model import Article, sha256_bytes
from pipeline.offsets import plain_view

FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
           **bifile.EXTENSIONS}
SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")
META_KEYS = ("title", "url", "language", "published", "id", "author", "source_language")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)


class IngestError(Exception):
    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


def discover(paths: list[Path]) -> tuple[list[tuple[Path, Path]], list[IngestError]]:
    """(file, root) pairs in a stable order; root is what `source` is made relative to."""
    found: list[tuple[Path, Path]] = []
    errors: list[IngestError] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in FORMATS and not f.name.startswith("."):
                    found.append((f, p))
        elif p.is_file():
            if p.suffix.lower() not in FORMATS:
                errors.append(IngestError(str(p), f"unsupported file type {p.suffix or '(none)'}; "
                                          f"expected one of {', '.join(sorted(FORMATS))}"))
            else:
                found.append((p, p.parent))
        else:
            errors.append(IngestError(str(p), "no such file or directory"))
    return found, errors


def relative_source(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def article_id_for(source: str) -> str:
    """Stable id from the source path: survives content edits (the content hash tracks those)."""
    stem = source.rsplit(".", 1)[0]
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-") or "article"


def _sidecar(path: Path) -> dict:
    for suffix in SIDECAR_SUFFIXES:
        side = path.with_name(path.name.rsplit(".", 1)[0] + suffix)
        if side.exists():
            try:
                text = side.read_text(encoding="utf-8")
                data = json.loads(text) if suffix.endswith("json") else yaml.safe_load(text)
            except (OSError, ValueError, yaml.YAMLError) as e:
                raise IngestError(str(side), f"unreadable metadata sidecar: {e}") from e
            if not isinstance(data, dict):
                raise IngestError(str(side), "metadata sidecar must be a mapping")
            return data
    return {}


def _front_matter(view: str, source: str) -> tuple[dict, int]:
    """Metadata from YAML front matter at the top of the view, and where the body starts."""
    m = _FRONT.match(view)
    if not m:
        return {}, 0
    try:
        post = frontmatter.loads(m.group(0) + "\n")
    except Exception as e:  # python-frontmatter raises the YAML parser's own errors
        raise IngestError(source, f"invalid front matter: {e}") from e
    return dict(post.metadata), m.end()


def _clean_meta(meta: dict) -> dict:
    out = {}
    for k in META_KEYS:
        if meta.get(k) not in (None, ""):
            out[k] = str(meta[k])
    if "date" in meta and "published" not in out:
        out["published"] = str(meta["date"])
    return out


def _read_bilingual(path: Path, fmt: str, source: str, raw: bytes, file_text: str,
                    encoding: str, on_disk: bool) -> Article | None:
    """XLIFF, TMX, or the English half of a paired text file: one article (else None)."""
    partner = paired.source_of(path) if fmt == "txt" and on_disk else None
    if fmt not in ("xliff", "tmx") and partner is None:
        return None
    common = dict(source=source, article_id=article_id_for(source), file_text=file_text,
                  encoding=encoding)
    try:
        if partner is not None:
            return paired.read(path, partner, raw=raw, **common)
        return bifile.read(path, content_hash=sha256_bytes(raw), **common)
    except (bifile.BilingualError, paired.PairError) as e:
        raise IngestError(source, str(e)) from None


def read_article(path: Path, root: Path | None = None, *, data: bytes | None = None) -> Article:
    path = Path(path)
    source = relative_source(path, root) if root else path.name
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(source, f"unsupported file type {path.suffix or '(none)'}")
    try:
        raw = path.read_bytes() if data is None else data
    except OSError as e:
        raise IngestError(source, f"cannot be read: {e.strerror or e}") from e
    try:
        file_text, encoding = decode(raw)
    except DecodeError as e:
        raise IngestError(source, str(e)) from e
    bilingual = _read_bilingual(path, fmt, source, raw, file_text, encoding, data is None)
    if bilingual is not None:
        return bilingual
    meta: dict = {}
    if fmt == "html":
        view, omap, blocks, meta = html_reader.extract(file_text)
    else:
        view, omap = plain_view(file_text)
        fm, body = _front_matter(view, source)
        meta.update(fm)
        if fmt == "md":
            blocks = md_reader.blocks(view, body)
        else:
            blocks = blocks_from_lines(view[body:], base=body)
    meta.update(_sidecar(path) if data is None else {})
    meta = _clean_meta(meta)
    if "title" not in meta:
        first = next((b for b in blocks if b.kind == "title"), None)
        if first:
            meta["title"] = first.text
    return Article(
        source=source, path=str(path.resolve()), article_id=meta.pop("id", None) or article_id_for(source),
        content_hash=sha256_bytes(raw), format=fmt, encoding=encoding, file_text=file_text,
        text=view, offsets=omap, blocks=blocks, metadata=meta,
        source_language=meta.pop("source_language", "fa"),
        target_language=meta.get("language", "en"),
    )
