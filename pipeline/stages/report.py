"""Stage 5, report: findings -> reports/: findings.jsonl, findings.csv, findings.sarif, junit.xml,
articles.csv, summary.json, index.html and articles/*.html; for translators fixlist.csv and, for
XLIFF inputs, annotated copies in xliff/.

Exit status 2 when the run was not complete (an unreadable article, an article that failed a step,
a rule that failed, a failed validation, no article at all) or the policy or waivers file is
missing or invalid: the reports of an incomplete run are still written, marked incomplete, so that
nothing is lost and nothing looks complete when it is not."""
from __future__ import annotations

import json
import sys

import pandas as pd
from pathlib import Path

from pipeline import gate, io, table_files, tables
from pipeline.report import files, fixlist, html, junit, sarif, summary as summary_mod
from pipeline.report import xliff_out
from pipeline.policy import PolicyError, evaluate, load_policy
from pipeline.review import marks
from pipeline.review.db import ReviewDBError
from pipeline.stages.common import (EXIT_ERROR, EXIT_OK, data_path, read_batches, read_table,
                                    stage_main)


def run(settings: dict) -> int:
    out = Path(settings["out"])
    try:
        policy = load_policy(Path(settings["policy"]))
        waivers = gate.load_waivers(Path(settings["waivers"]))
        reviews = marks.collect(waivers, settings["review"]["db"])
    except (PolicyError, gate.GateError, ReviewDBError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    articles = read_table(settings, "articles.parquet")
    segments = read_table(settings, "segments_scored.parquet").to_dict("records")
    findings = marks.mark(tables.findings_from_frame(read_table(settings, "findings.parquet")),
                          reviews)
    ingest = io.read_json(data_path(settings, "ingest.json"))
    segment_failures = io.read_json(data_path(settings, "segment.json"))["errors"]
    detect = io.read_json(data_path(settings, "detect.json"))
    vpath = data_path(settings, "validation.json")
    validation = io.read_json(vpath) if vpath.exists() else None
    failed = {e["article_id"] for e in segment_failures} | \
        {e["article_id"] for e in detect.get("errors", []) if e.get("step")}
    records = [r for r in articles.to_dict("records") if r["article_id"] not in failed]
    rows = [{"article_id": r["article_id"], "source": r["source"], "word_count": r["word_count"],
             "title": json.loads(r["metadata"]).get("title")} for r in records]
    sha = files.write_jsonl(out / "findings.jsonl", findings)
    files.write_csv(out / "findings.csv", findings, segments=segments)
    summary = summary_mod.build(rows, findings, ingest=ingest, detect=detect,
                                validation=validation, findings_sha256=sha,
                                failures=segment_failures)
    verdicts = evaluate([{"article_id": aid, "source": a["source"], "words": a["words"]}
                         for aid, a in summary["articles"].items()], findings, policy,
                        accepted=marks.waived(reviews))
    summary_mod.add_policy(summary, verdicts, policy, out)
    summary["review"] = marks.summary(findings, reviews)
    files.write_articles_csv(out / "articles.csv", summary,
                             {aid: v.passed for aid, v in verdicts.items()})
    uris = {r["source"]: sarif.artifact_uri(r["path"], r["source"]) for r in records}
    texts = {r["source"]: r["file_text"] for r in records}
    io.write_json(out / "findings.sarif", sarif.build(findings, texts, uris))
    io.write_text(out / "junit.xml", junit.build(verdicts, policy))
    # for translators: the fix list (every format) and annotated copies of the XLIFF inputs
    # (blocks.parquet gives the passages; a data directory from before it was read has none),
    # reading the articles with their blocks one batch at a time.
    # Each article on its own: one that fails is recorded, and listed by the index below.
    step_failures = fixlist.write(out / "fixlist.csv", _with_blocks(settings, failed), findings)
    step_failures += xliff_out.write(out / "xliff", _with_blocks(settings, failed), findings)[1]
    summary_mod.add_failures(summary, step_failures)
    step_failures += html.write(out, summary=summary, findings=findings,
                                texts={r["article_id"]: r["file_text"] for r in records},
                                segments=segments, verdicts=verdicts,
                                policy=policy)
    for e in step_failures:
        print(f"report error: {e['source']}: {e['problem']}", file=sys.stderr)
    # summary.json last: it vouches for the files above (count and hash of findings.jsonl).
    io.write_json(out / "metrics.json", summary_mod.metrics(summary))  # DVC's metrics: numbers
    io.write_json(out / "summary.json", summary)
    if not summary["complete"]:
        print("error: the run is incomplete; see summary.json `errors`", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _with_blocks(settings: dict, failed: set[str]):
    """The articles that went through every step, with their blocks, batch by batch."""
    if table_files.exists(data_path(settings, "blocks.parquet")):
        batches = read_batches(settings, "articles.parquet", "blocks.parquet")
    else:
        batches = ((a, pd.DataFrame(columns=tables.BLOCK_COLUMNS))
                   for (a,) in read_batches(settings, "articles.parquet"))
    for articles, blocks in batches:
        for a in tables.articles_from_frames(articles, blocks):
            if a.article_id not in failed:
                yield a


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
