"""Stage 2, segment: blocks -> sentences and tokens with spaCy (data/segments.parquet,
tokens.parquet, and data/segment.json listing the articles that could not be segmented).

The articles go through one batch at a time (batch k of articles.parquet and blocks.parquet gives
batch k of segments.parquet and tokens.parquet), so that only one batch's tokens are in memory.
With the cache, a batch whose articles all segmented before is appended from its cached rows
(`cache.BatchCache`), and an article segmented before is read from its entry."""
from __future__ import annotations

import sys
from contextlib import nullcontext

from pipeline import cache, io, nlp, table_files, tables
from pipeline.limits import Limits
from pipeline.parallel import Behind, cluster_setting, jobs_setting
from pipeline.stages.common import EXIT_OK, data_path, read_batches, stage_main


def run(settings: dict) -> int:
    reuse = cache.for_segment(settings)  # articles segmented before (pipeline/cache.py)
    batches = cache.BatchCache(reuse) if reuse else None  # and whole batches of them
    options = {"model": settings["nlp"]["model"], "batch_size": settings["nlp"]["batch_size"],
               "limits": Limits.from_settings(settings),
               "jobs": jobs_setting(settings.get("jobs", 1)), "cluster": cluster_setting(settings),
               "cache": reuse}
    workers = nlp.segment_workers(**options)  # started once, for every batch
    errors: list[dict] = []
    with workers or nullcontext(), \
            table_files.TableWriter(data_path(settings, "segments.parquet"),
                                    tables.SEGMENT_COLUMNS) as segments_out, \
            table_files.TableWriter(data_path(settings, "tokens.parquet"),
                                    tables.TOKEN_COLUMNS) as tokens_out, \
            Behind(workers is not None) as behind:

        def write(batch, key, failed):
            frames = tables.segments_frame(batch), tables.tokens_frame(batch)
            segments_out.append(frames[0])
            tokens_out.append(frames[1])
            if key and not failed:
                batches.put(key, frames)

        for articles, blocks in read_batches(settings, "articles.parquet", "blocks.parquet"):
            key = batches.key(articles, blocks) if batches else None
            frames = batches.get(key, len(articles)) if key else None
            if frames is not None:  # a batch of unchanged articles: its rows as they were
                behind.run(_append, (segments_out, tokens_out), frames)
                continue
            batch = tables.articles_from_frames(articles, blocks)
            failed = nlp.segment(batch, workers=workers, **options)
            errors += failed
            behind.run(write, batch, key, failed)  # with workers: while they parse the next
    cache.record(reuse)
    for e in errors:
        print(f"segment error: {e['source']}: {e['problem']}", file=sys.stderr)
    io.write_json(data_path(settings, "segment.json"), {"errors": errors})
    # A failed article does not stop the run: detect skips it, the report lists it and fails.
    return EXIT_OK


def _append(writers, frames) -> None:
    for out, frame in zip(writers, frames):
        out.append(frame)


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
