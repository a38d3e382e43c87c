"""reports/fixlist.csv: one row per finding, for translators, in every input format.

Columns: file, unit (the unit id of a bilingual file; empty otherwise), line, column, rule,
severity, source passage (the unit's Persian source, inline codes shown as their markup; empty for
a monolingual article), target passage (the unit's target, or the paragraph of a monolingual
article that holds the finding), flagged text, problem, suggestion."""
from __future__ import annotations

import bisect
import csv
import io as _io
from pathlib import Path
from typing import Iterable

from pipeline import io
from pipeline.model import Article, Finding
from pipeline.rules.translation.units import shown

COLUMNS = ["file", "unit", "line", "column", "rule", "severity", "source_passage",
           "target_passage", "flagged", "problem", "suggestion"]
PASSAGE_CHARS = 500


def _blocks_by_file_offset(article: Article):
    spans = [(*article.file_span(b.start, b.end), b) for b in article.blocks]
    spans.sort(key=lambda t: t[0])
    return [s for s, _, _ in spans], spans


def rows(articles: list[Article], findings: list[Finding]) -> list[dict]:
    index = {a.article_id: (a, *_blocks_by_file_offset(a)) for a in articles}
    out = []
    for f in findings:
        block = None
        if f.article_id in index:
            a, starts, spans = index[f.article_id]
            if f.unit_id is not None:
                block = next((b for _, _, b in spans if b.align_id == f.unit_id), None)
            else:
                k = bisect.bisect_right(starts, f.start) - 1
                if k >= 0 and spans[k][0] <= f.start <= spans[k][1]:
                    block = spans[k][2]
        codes = (index[f.article_id][0].metadata.get("codes") or {}).get(f.unit_id) \
            if block is not None else None
        out.append({
            "file": f.source, "unit": f.unit_id or "", "line": f.line, "column": f.column,
            "rule": f"{f.rule_id} {f.rule_name}", "severity": f.severity,
            "source_passage": shown(block.source_text, codes, PASSAGE_CHARS)
            if block is not None and block.source_text is not None else "",
            "target_passage": shown(block.text, codes, PASSAGE_CHARS) if block is not None else "",
            "flagged": f.text, "problem": f.message, "suggestion": f.suggestion or ""})
    return out


def write(path: Path, articles: Iterable[Article], findings: list[Finding]) -> list[dict]:
    """fixlist.csv, article by article: an article whose rows cannot be made is left out and
    returned as a failure (source, article_id, step `fixlist`, problem); the others are written.
    `articles` is read once, one article at a time (the report stage reads them in batches)."""
    by_article: dict[str, list[Finding]] = {}
    for f in findings:
        by_article.setdefault(f.article_id, []).append(f)
    known: set[str] = set()
    out, failures = [], []
    for a in articles:
        known.add(a.article_id)
        try:
            out += rows([a], by_article.get(a.article_id, []))
        except Exception as exc:  # one article's rows must not cost the others'
            failures.append({"source": a.source, "article_id": a.article_id, "step": "fixlist",
                             "problem": f"its fix list rows could not be made: "
                                        f"{type(exc).__name__}: {exc}"})
    out += rows([], [f for f in findings if f.article_id not in known])
    buf = _io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(out)
    io.write_text(path, buf.getvalue())
    return failures
