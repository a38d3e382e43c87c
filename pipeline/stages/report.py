"""Stage 5, report: findings -> reports/: findings.jsonl, findings.csv, findings.sarif, junit.xml,
articles.csv, summary.json, index.html and articles/*.html; for translators fixlist.csv and, for
XLIFF inputs, annotated copies in xliff/.

Exit status 2 when the run was not complete (an unreadable article, an article that failed a step,
a rule that failed, a failed validation, no article at all) or the policy or waivers file is
missing or invalid: the reports of an incomplete run are still written, marked incomplete, so that
nothing is lost and nothing looks complete when it is not."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

from pipeline import gate, io
from pipeline.report import stream, summary as summary_mod
from pipeline.policy import PolicyError, load_policy
from pipeline.review import marks
from pipeline.review.db import ReviewDBError
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, data_path, stage_main


def run(settings: dict, validated: Callable[[], object] | None = None) -> int:
    """`validated`: called before the summary is assembled, when the validate stage runs beside
    this one (`validate.Background.result`); validation.json is read after it returned."""
    out = Path(settings["out"])
    try:
        policy = load_policy(Path(settings["policy"]))
        waivers = gate.load_waivers(Path(settings["waivers"]))
        reviews = marks.collect(waivers, settings["review"]["db"])
    except (PolicyError, gate.GateError, ReviewDBError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    ingest = io.read_json(data_path(settings, "ingest.json"))
    segment_failures = io.read_json(data_path(settings, "segment.json"))["errors"]
    detect = io.read_json(data_path(settings, "detect.json"))

    def validation() -> dict | None:
        if validated is not None:
            validated()
        vpath = data_path(settings, "validation.json")
        return io.read_json(vpath) if vpath.exists() else None

    failed = {e["article_id"] for e in segment_failures} | \
        {e["article_id"] for e in detect.get("errors", []) if e.get("step")}
    # article by article, never the whole release in memory (pipeline/report/stream.py); for
    # translators the fix list and annotated copies of the XLIFF inputs, each article on its own:
    # one that fails is recorded, and listed by the index
    summary, step_failures = stream.write(settings, out, policy=policy, reviews=reviews,
                                          failed=failed, ingest=ingest, detect=detect,
                                          validation=validation,
                                          segment_failures=segment_failures)
    for e in step_failures:
        print(f"report error: {e['source']}: {e['problem']}", file=sys.stderr)
    # summary.json last: it vouches for the files above (count and hash of findings.jsonl).
    io.write_json(out / "metrics.json", summary_mod.metrics(summary))  # DVC's metrics: numbers
    io.write_json(out / "summary.json", summary)
    if not summary["complete"]:
        print("error: the run is incomplete; see summary.json `errors`", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
