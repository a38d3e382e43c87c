"""Stage 3, detect: run the selected rules -> data/findings.parquet, data/detect.json, and the
segments with their quality scores (data/segments_scored.parquet). Articles that could not be
segmented (data/segment.json) are not checked: their failure is already on record."""
from __future__ import annotations

import sys

from pipeline import cache, io, table_files, tables
from pipeline.detect import describe, detect
from pipeline.parallel import cluster_setting, jobs_setting
from pipeline.resources import Resources
from pipeline.stages.common import EXIT_OK, data_path, read_table, stage_main


def load_articles(settings: dict):
    return tables.articles_from_frames(
        read_table(settings, "articles.parquet"), read_table(settings, "blocks.parquet"),
        read_table(settings, "segments.parquet"), read_table(settings, "tokens.parquet"))


def run(settings: dict) -> int:
    seg_path = data_path(settings, "segment.json")
    failed = {e["article_id"] for e in io.read_json(seg_path)["errors"]} if seg_path.exists() \
        else set()
    articles = [a for a in load_articles(settings) if a.article_id not in failed]
    resources = Resources(settings)
    reuse = cache.for_detect(settings)  # articles audited before (pipeline/cache.py)
    findings, errors, notes = detect(articles, settings, resources,
                                     jobs=jobs_setting(settings.get("jobs", 1)),
                                     cluster=cluster_setting(settings), cache=reuse)
    cache.record(reuse)
    for e in errors:
        print(f"error: {describe(e)}", file=sys.stderr)
    ok = {a.article_id for a in articles} - {e["article_id"] for e in errors if e.get("step")}
    table_files.write(data_path(settings, "findings.parquet"), tables.findings_frame(findings))
    table_files.write(data_path(settings, "segments_scored.parquet"),
                     tables.segments_frame([a for a in articles if a.article_id in ok]))
    io.write_json(data_path(settings, "detect.json"),
                  {"findings": len(findings), "errors": errors, "notes": notes,
                   "grammar_engines": resources.grammar_engines})
    # Rule errors do not stop the run: the report stage records them and fails the run.
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
