"""findings.jsonl (the reference output), findings.csv and the per-article articles.csv."""
from __future__ import annotations

import csv
import hashlib
import io as _io
import json
from pathlib import Path

from pipeline import io
from pipeline.model import CATEGORIES, FINDING_COLUMNS, SEVERITIES, Finding
from pipeline.report.context import Sentences

# findings.csv: the finding record plus the sentence around it (after the flagged text)
_AFTER_TEXT = FINDING_COLUMNS.index("text") + 1
CSV_COLUMNS = [*FINDING_COLUMNS[:_AFTER_TEXT], "sentence", *FINDING_COLUMNS[_AFTER_TEXT:]]


def jsonl_text(findings: list[Finding]) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
                   for f in findings)


def write_jsonl(path: Path, findings: list[Finding]) -> str:
    """Write findings.jsonl; return its sha256 (recorded in summary.json for the gate)."""
    text = jsonl_text(findings)
    io.write_text(path, text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_csv(path: Path, findings: list[Finding], *, segments: list[dict]) -> None:
    """findings.csv: UTF-8 with a byte-order mark (so that Excel reads it as UTF-8), one row per
    finding with `sentence`, the sentence(s) around it from `segments` (rows of segments_scored;
    empty when the finding lies outside every sentence)."""
    sentences = Sentences(segments)
    buf = _io.StringIO()
    buf.write("\ufeff")
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for f in findings:
        row = f.to_dict()
        row["sentence"] = sentences.text(f)
        row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False, sort_keys=True)
        row["review"] = (json.dumps(row["review"], ensure_ascii=False, sort_keys=True)
                         if row["review"] else "")
        w.writerow(row)
    io.write_text(path, buf.getvalue())


ARTICLE_COLUMNS = ["article_id", "source", "words", "score", "passed", "findings", "penalty",
                   *SEVERITIES, *CATEGORIES]


def write_articles_csv(path: Path, summary: dict, passed: dict[str, bool]) -> None:
    """reports/articles.csv: one row per article (DVC plots it), worst score first."""
    buf = _io.StringIO()
    w = csv.DictWriter(buf, fieldnames=ARTICLE_COLUMNS, lineterminator="\n")
    w.writeheader()
    for aid, a in sorted(summary["articles"].items(), key=lambda kv: (kv[1]["score"], kv[0])):
        w.writerow({"article_id": aid, "source": a["source"], "words": a["words"],
                    "score": a["score"], "passed": int(passed.get(aid, False)),
                    "findings": a["findings"], "penalty": a["penalty"],
                    **a["by_severity"], **a["by_category"]})
    io.write_text(path, buf.getvalue())
