"""Stage 3, detect: run the selected rules -> data/findings.parquet, data/detect.json, and the
segments with their quality scores (data/segments_scored.parquet). Articles that could not be
segmented (data/segment.json) are not checked: their failure is already on record.

The articles go through in batches (batch k of the segment stage's tables), in two passes
(`pipeline.detect.Audit`): the first audits each article of a batch and keeps, of all of them, only
the corpus rules' index entries (each batch's results wait in a temporary file); the corpus rules
then run once; the second pass reads each batch again (its tokens only when a corpus rule gave one
of its articles findings, which is then scored again) and writes its scored segments (batch k of
segments_scored.parquet) and its findings. findings.parquet holds every finding in sort order
(merged from the batches), FINDING_ROWS to a batch."""
from __future__ import annotations

import heapq
import sys
from itertools import islice

import numpy as np

from pipeline import cache, io, table_files, tables
from pipeline.detect import Audit, describe
from pipeline.parallel import ahead, cluster_setting, jobs_setting
from pipeline.resources import Resources
from pipeline.spill import Spill
from pipeline.stages.common import EXIT_OK, data_path, read_batches, stage_main

FINDING_ROWS = 10_000
TABLES = ("articles.parquet", "blocks.parquet", "segments.parquet", "tokens.parquet")


def run(settings: dict) -> int:
    seg_path = data_path(settings, "segment.json")
    failed = {e["article_id"] for e in io.read_json(seg_path)["errors"]} if seg_path.exists() \
        else set()
    resources = Resources(settings)
    reuse = cache.for_detect(settings)  # articles audited before (pipeline/cache.py)
    audit = Audit(settings, resources, jobs=jobs_setting(settings.get("jobs", 1)),
                  cluster=cluster_setting(settings), cache=reuse)
    ids: list[list[str]] = []  # the articles of each batch
    with Spill(settings["data_dir"], "detect") as spill:
        with audit:
            # with workers, batch k + 1 is read from the tables while they audit batch k
            read = ([a for a in tables.articles_from_frames(*frames) if a.article_id not in failed]
                    for frames in read_batches(settings, *TABLES))
            for k, batch in enumerate(ahead(read, audit.parallel)):
                spill.put(f"audited-{k}", audit.articles(batch))
                ids.append([a.article_id for a in batch])
        corpus = audit.corpus()
        again = {k for k, batch in enumerate(ids) if any(aid in corpus for aid in batch)}
        with table_files.TableWriter(data_path(settings, "segments_scored.parquet"),
                                     tables.SEGMENT_COLUMNS) as scored_out:
            for k, (articles, blocks, segments, tokens) in enumerate(
                    read_batches(settings, *TABLES, wanted=again.__contains__)):
                batch = [a for a in tables.articles_from_frames(articles, blocks, segments, tokens)
                         if a.article_id not in failed]
                spill.put_items(f"findings-{k}",
                                audit.findings(batch, spill.get(f"audited-{k}"), corpus))
                lost = {e["article_id"] for e in audit.errors if e.get("step")}
                scored_out.append(_scored(segments, [a for a in batch if a.article_id not in lost]))
        cache.record(reuse)
        found = heapq.merge(*(spill.items(f"findings-{k}") for k in range(len(ids))),
                            key=lambda f: f.sort_key)
        count = 0
        with table_files.TableWriter(data_path(settings, "findings.parquet"),
                                     tables.FINDING_COLUMNS) as findings_out:
            while chunk := list(islice(found, FINDING_ROWS)):
                findings_out.append(tables.findings_frame(chunk))
                count += len(chunk)
    for e in audit.errors:
        print(f"error: {describe(e)}", file=sys.stderr)
    io.write_json(data_path(settings, "detect.json"),
                  {"findings": count, "errors": audit.errors, "notes": dict(resources.notes),
                   "grammar_engines": resources.grammar_engines})
    # Rule errors do not stop the run: the report stage records them and fails the run.
    return EXIT_OK


def _scored(segments, articles):
    """The rows of `segments` (a batch of segments.parquet) of `articles`, with their quality:
    what tables.segments_frame(articles) gives, without the articles' tokens."""
    quality = {(a.article_id, s.index): s.quality for a in articles for s in a.segments}
    keep = [(aid, i) in quality for aid, i in
            zip(segments["article_id"].tolist(), segments["index"].tolist())]
    rows = segments.loc[np.array(keep, dtype=bool)].reset_index(drop=True)
    rows["quality"] = [quality[(aid, i)] for aid, i in
                       zip(rows["article_id"].tolist(), rows["index"].tolist())]
    return tables.typed(rows)


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
