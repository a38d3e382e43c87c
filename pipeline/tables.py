"""Articles, segments and findings as pandas tables (the Parquet files between stages) and back."""
from __future__ import annotations

import json
import os

import pandas as pd

from pipeline.model import FINDING_COLUMNS, Article, Block, Finding, Segment, Token
from pipeline.offsets import OffsetMap

ARTICLE_COLUMNS = ["article_id", "source", "path", "content_hash", "format", "encoding",
                   "file_text", "text", "offsets", "metadata", "source_language",
                   "target_language", "word_count"]
BLOCK_COLUMNS = ["article_id", "index", "kind", "start", "end", "text", "marker", "source_text",
                 "align_id"]
SEGMENT_COLUMNS = ["article_id", "source", "index", "block", "block_kind", "start", "end",
                   "file_start", "file_end", "text", "n_tokens", "source_text", "align_id",
                   "quality"]
TOKEN_COLUMNS = ["article_id", "segment", "i", "start", "end", "file_start", "file_end", "text",
                 "pos", "tag", "lemma"]
# The columns that are not strings (None allowed in strings), by name in every table: each batch
# of a table then has the same schema, an empty one (no rows) included.
INTEGERS = ("word_count", "index", "start", "end", "file_start", "file_end", "block", "n_tokens",
            "segment", "i", "line", "column")
FLOATS = ("quality", "confidence")


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with INTEGERS as int64 and FLOATS as float64 (None as NaN)."""
    return frame.astype({c: "int64" for c in INTEGERS if c in frame.columns} |
                        {c: "float64" for c in FLOATS if c in frame.columns})


def articles_frame(articles: list[Article]) -> pd.DataFrame:
    # the path relative to the working folder (the project's, under DVC): no absolute path in a
    # tracked table, so that a clone elsewhere produces the same bytes and DVC sees no change
    rows = [{"article_id": a.article_id, "source": a.source, "path": os.path.relpath(a.path),
             "content_hash": a.content_hash, "format": a.format, "encoding": a.encoding,
             "file_text": a.file_text, "text": a.text, "offsets": json.dumps(a.offsets.to_dict()),
             "metadata": json.dumps(a.metadata, ensure_ascii=False),
             "source_language": a.source_language, "target_language": a.target_language,
             "word_count": a.word_count} for a in articles]
    return typed(pd.DataFrame(rows, columns=ARTICLE_COLUMNS))


def blocks_frame(articles: list[Article]) -> pd.DataFrame:
    rows = [{"article_id": a.article_id, "index": b.index, "kind": b.kind, "start": b.start,
             "end": b.end, "text": b.text, "marker": b.marker, "source_text": b.source_text,
             "align_id": b.align_id} for a in articles for b in a.blocks]
    return typed(pd.DataFrame(rows, columns=BLOCK_COLUMNS))


def segments_frame(articles: list[Article]) -> pd.DataFrame:
    rows = []
    for a in articles:
        for s in a.segments:
            fs, fe = a.file_span(s.start, s.end)
            rows.append({"article_id": a.article_id, "source": a.source, "index": s.index,
                         "block": s.block, "block_kind": s.block_kind, "start": s.start,
                         "end": s.end, "file_start": fs, "file_end": fe, "text": s.text,
                         "n_tokens": len(s.tokens), "source_text": s.source_text,
                         "align_id": s.align_id, "quality": s.quality})
    return typed(pd.DataFrame(rows, columns=SEGMENT_COLUMNS))


def tokens_frame(articles: list[Article]) -> pd.DataFrame:
    """Tokens with view offsets (`start`, `end`) and offsets into the file (`file_start`, ...)."""
    rows = []
    for a in articles:
        for s in a.segments:
            for t in s.tokens:
                fs, fe = a.file_span(t.start, t.end)
                rows.append({"article_id": a.article_id, "segment": s.index, "i": t.i,
                             "start": t.start, "end": t.end, "file_start": fs, "file_end": fe,
                             "text": t.text, "pos": t.pos, "tag": t.tag, "lemma": t.lemma})
    return typed(pd.DataFrame(rows, columns=TOKEN_COLUMNS))


def _records(frame: pd.DataFrame):
    """Rows as dicts, built from column lists (several times faster than DataFrame.to_dict)."""
    cols = list(frame.columns)
    for values in zip(*(frame[c].tolist() for c in cols)):
        yield dict(zip(cols, values))


def _none(v):
    return None if v is None or (isinstance(v, float) and pd.isna(v)) else v


def articles_from_frames(articles: pd.DataFrame, blocks: pd.DataFrame,
                         segments: pd.DataFrame | None = None,
                         tokens: pd.DataFrame | None = None) -> list[Article]:
    out: dict[str, Article] = {}
    for r in _records(articles):
        meta = json.loads(r["metadata"])
        out[r["article_id"]] = Article(
            source=r["source"], path=r["path"], article_id=r["article_id"],
            content_hash=r["content_hash"], format=r["format"], encoding=r["encoding"],
            file_text=r["file_text"], text=r["text"],
            offsets=OffsetMap.from_dict(json.loads(r["offsets"])), metadata=meta,
            source_language=r["source_language"], target_language=r["target_language"])
    for r in _records(blocks.sort_values(["article_id", "index"])):
        out[r["article_id"]].blocks.append(Block(
            index=int(r["index"]), kind=r["kind"], start=int(r["start"]), end=int(r["end"]),
            text=r["text"], marker=r["marker"], source_text=_none(r["source_text"]),
            align_id=_none(r["align_id"])))
    if segments is not None:
        toks: dict[tuple[str, int], list[Token]] = {}
        if tokens is not None:
            tokens = tokens.sort_values(["article_id", "segment", "i"])
            cols = ["article_id", "segment", "i", "start", "end", "text", "pos", "tag", "lemma"]
            for aid, seg, i, start, end, text, pos, tag, lemma in zip(
                    *(tokens[c].tolist() for c in cols)):
                toks.setdefault((aid, int(seg)), []).append(
                    Token(int(i), int(start), int(end), text, pos, tag, lemma))
        for r in _records(segments.sort_values(["article_id", "index"])):
            key = (r["article_id"], int(r["index"]))
            out[r["article_id"]].segments.append(Segment(
                index=int(r["index"]), block=int(r["block"]), block_kind=r["block_kind"],
                start=int(r["start"]), end=int(r["end"]), text=r["text"],
                tokens=toks.get(key, []), source_text=_none(r["source_text"]),
                align_id=_none(r["align_id"]), quality=_none(r["quality"])))
    return list(out.values())


def findings_frame(findings: list[Finding]) -> pd.DataFrame:
    rows = []
    for f in findings:
        d = f.to_dict()
        d["evidence"] = json.dumps(d["evidence"], ensure_ascii=False, sort_keys=True)
        d["review"] = json.dumps(d["review"], ensure_ascii=False) if d["review"] else None
        rows.append(d)
    return typed(pd.DataFrame(rows, columns=FINDING_COLUMNS))


def findings_from_frame(frame: pd.DataFrame) -> list[Finding]:
    out = []
    for r in _records(frame):
        r["evidence"] = json.loads(r["evidence"]) if r["evidence"] else {}
        r["suggestion"] = _none(r["suggestion"])
        r["unit_id"] = _none(r.get("unit_id"))
        r["review"] = json.loads(r["review"]) if _none(r.get("review")) else None
        for k in ("start", "end", "line", "column"):
            r[k] = int(r[k])
        r["confidence"] = float(r["confidence"])
        out.append(Finding(**r))
    return out
