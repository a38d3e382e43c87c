"""Stage 2, segment: blocks -> sentences and tokens with spaCy (data/segments.parquet,
tokens.parquet, and data/segment.json listing the articles that could not be segmented)."""
from __future__ import annotations

import sys

from pipeline import cache, io, nlp, table_files, tables
from pipeline.limits import Limits
from pipeline.parallel import cluster_setting, jobs_setting
from pipeline.stages.common import EXIT_OK, data_path, read_table, stage_main


def run(settings: dict) -> int:
    articles = tables.articles_from_frames(read_table(settings, "articles.parquet"),
                                           read_table(settings, "blocks.parquet"))
    reuse = cache.for_segment(settings)  # articles segmented before (pipeline/cache.py)
    errors = nlp.segment(articles, model=settings["nlp"]["model"],
                         batch_size=settings["nlp"]["batch_size"],
                         limits=Limits.from_settings(settings),
                         jobs=jobs_setting(settings.get("jobs", 1)),
                         cluster=cluster_setting(settings), cache=reuse)
    cache.record(reuse)
    for e in errors:
        print(f"segment error: {e['source']}: {e['problem']}", file=sys.stderr)
    table_files.write(data_path(settings, "segments.parquet"), tables.segments_frame(articles))
    table_files.write(data_path(settings, "tokens.parquet"), tables.tokens_frame(articles))
    io.write_json(data_path(settings, "segment.json"), {"errors": errors})
    # A failed article does not stop the run: detect skips it, the report lists it and fails.
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
