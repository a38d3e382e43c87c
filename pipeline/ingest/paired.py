"""Paired plain-text files: `NAME.fa.txt` (the Persian source) beside `NAME.en.txt` (the English
translation), aligned by paragraph: one paragraph per non-empty line, blank lines ignored, as
line-aligned parallel text is written. The pair is one article (the English file, whose offsets
findings use); each English paragraph is a block whose `source_text` is the Persian paragraph of
the same rank, and whose unit id is `p<rank>`. Different paragraph counts are an error naming
both files and the counts."""
from __future__ import annotations

from pathlib import Path

from pipeline.ingest.decode import DecodeError, decode
from pipeline.ingest.structure import blocks_from_lines
from pipeline.model import Article, sha256_bytes
from pipeline.offsets import plain_view

SOURCE_SUFFIX = ".fa.txt"
TARGET_SUFFIX = ".en.txt"


class PairError(ValueError):
    pass


def _stem(path: Path, suffix: str) -> str | None:
    name = path.name
    return name[:-len(suffix)] if name.lower().endswith(suffix) else None


def source_of(path: Path) -> Path | None:
    """The Persian partner of an English half (`NAME.en.txt` -> `NAME.fa.txt`), if it exists."""
    stem = _stem(path, TARGET_SUFFIX)
    if stem is None:
        return None
    side = path.with_name(stem + SOURCE_SUFFIX)
    return side if side.is_file() else None


def target_of(path: Path) -> Path | None:
    stem = _stem(path, SOURCE_SUFFIX)
    if stem is None:
        return None
    return path.with_name(stem + TARGET_SUFFIX)


def split(files: list[tuple[Path, Path]]) -> tuple[list[tuple[Path, Path]], list[tuple[str, str]]]:
    """The files to read (a pair's Persian half is read with its English half, not alone), and
    (file, problem) for a Persian half without its English partner."""
    keep, problems = [], []
    for path, root in files:
        partner = target_of(path)
        if partner is None:
            keep.append((path, root))
        elif not partner.is_file():
            problems.append((str(path), f"is a Persian source ({SOURCE_SUFFIX}) without its "
                                        f"English partner {partner.name}; not audited"))
    return keep, problems


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def read(path: Path, source_path: Path, *, source: str, article_id: str, raw: bytes,
         fa_raw: bytes, file_text: str, encoding: str) -> Article:
    """The pair as one article; `fa_raw` is the Persian file's bytes, read by the caller (within
    the ingest limits)."""
    try:
        fa_text, _ = decode(fa_raw)
    except DecodeError as e:
        raise PairError(f"its Persian source {source_path.name} {e}") from e
    view, omap = plain_view(file_text)
    blocks = blocks_from_lines(view)
    fa = _paragraphs(fa_text.lstrip("\ufeff"))
    if len(fa) != len(blocks):
        raise PairError(f"has {len(blocks)} paragraph(s) but its Persian source "
                        f"{source_path.name} has {len(fa)}; paired files are aligned by "
                        f"paragraph (one per non-empty line), so the counts must match")
    for k, (b, s) in enumerate(zip(blocks, fa), 1):
        b.source_text = s
        b.align_id = f"p{k}"
    meta = {"bilingual": "paired", "source_file": source_path.name}
    first = next((b for b in blocks if b.kind == "title"), None)
    if first:
        meta["title"] = first.text
    return Article(source=source, path=str(path.resolve()), article_id=article_id,
                   content_hash=sha256_bytes(raw + b"\0" + fa_raw), format="paired",
                   encoding=encoding, file_text=file_text, text=view, offsets=omap,
                   blocks=blocks, metadata=meta)
