"""Stage 5, report: findings -> reports/ (findings.jsonl, findings.csv, summary.json, index.html).

Exit status 2 when the run was not complete (an unreadable article, a rule that failed, a failed
validation): the reports are still written, marked incomplete, so that nothing is lost and nothing
looks complete when it is not."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline import io, tables
from pipeline.report import files, html, summary as summary_mod
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, data_path, read_table, stage_main


def run(settings: dict) -> int:
    out = Path(settings["out"])
    articles = read_table(settings, "articles.parquet")
    findings = tables.findings_from_frame(read_table(settings, "findings.parquet"))
    ingest = io.read_json(data_path(settings, "ingest.json"))
    detect = io.read_json(data_path(settings, "detect.json"))
    vpath = data_path(settings, "validation.json")
    validation = io.read_json(vpath) if vpath.exists() else None
    rows = [{"article_id": r["article_id"], "source": r["source"], "word_count": r["word_count"],
             "title": json.loads(r["metadata"]).get("title")} for r in articles.to_dict("records")]
    sha = files.write_jsonl(out / "findings.jsonl", findings)
    files.write_csv(out / "findings.csv", findings)
    summary = summary_mod.build(rows, findings, ingest=ingest, detect=detect,
                                validation=validation, findings_sha256=sha)
    html.write_index(out / "index.html", summary, findings)
    # summary.json last: it vouches for the files above (count and hash of findings.jsonl).
    io.write_json(out / "summary.json", summary)
    if not summary["complete"]:
        print("error: the run is incomplete; see summary.json `errors`", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
