"""Stage 2, segment: blocks -> sentences and tokens with spaCy (data/segments.parquet, tokens.parquet)."""
from __future__ import annotations

from pipeline import io, nlp, tables
from pipeline.stages.common import EXIT_OK, data_path, read_table, stage_main


def run(settings: dict) -> int:
    articles = tables.articles_from_frames(read_table(settings, "articles.parquet"),
                                           read_table(settings, "blocks.parquet"))
    nlp.segment(articles, model=settings["nlp"]["model"], batch_size=settings["nlp"]["batch_size"])
    io.write_parquet(data_path(settings, "segments.parquet"), tables.segments_frame(articles))
    io.write_parquet(data_path(settings, "tokens.parquet"), tables.tokens_frame(articles))
    return EXIT_OK


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
