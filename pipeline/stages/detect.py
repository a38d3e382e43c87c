"""Stage 3, detect: run the selected rules -> data/findings.parquet, data/detect.json, and the
segments with their fluency scores (data/segments_scored.parquet)."""
from __future__ import annotations

import sys

from pipeline import io, tables
from pipeline.detect import detect
from pipeline.resources import Resources
from pipeline.stages.common import EXIT_OK, data_path, read_table, stage_main


def load_articles(settings: dict):
    return tables.articles_from_frames(
        read_table(settings, "articles.parquet"), read_table(settings, "blocks.parquet"),
        read_table(settings, "segments.parquet"), read_table(settings, "tokens.parquet"))


def run(settings: dict) -> int:
    articles = load_articles(settings)
    resources = Resources(settings)
    findings, errors, notes = detect(articles, settings, resources)
    for e in errors:
        print(f"rule error: {e['rule_id']} on {e['source'] or 'the corpus'}: {e['error']}",
              file=sys.stderr)
    io.write_parquet(data_path(settings, "findings.parquet"), tables.findings_frame(findings))
    io.write_parquet(data_path(settings, "segments_scored.parquet"), tables.segments_frame(articles))
    io.write_json(data_path(settings, "detect.json"),
                  {"findings": len(findings), "errors": errors, "notes": notes,
                   "grammar_engines": resources.grammar_engines})
    # Rule errors do not stop the run: the report stage records them and fails the run.
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
