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
from pipeline.detect import Audit, cacheable, describe
from pipeline.parallel import ahead, cluster_setting, jobs_setting
from pipeline.resources import Resources
from pipeline.spill import Spill
from pipeline.stages.common import EXIT_OK, data_path, read_batches, stage_main

FINDING_ROWS = 10_000
TABLES = ("articles.parquet", "blocks.parquet", "segments.parquet", "tokens.parquet")
_MISSING = object()


def run(settings: dict) -> int:
    seg_path = data_path(settings, "segment.json")
    failed = {e["article_id"] for e in io.read_json(seg_path)["errors"]} if seg_path.exists() \
        else set()
    resources = Resources(settings)
    reuse = cache.for_detect(settings)  # articles audited before (pipeline/cache.py)
    audit = Audit(settings, resources, jobs=jobs_setting(settings.get("jobs", 1)),
                  cluster=cluster_setting(settings), cache=reuse)
    # whole batches audited before; not when a corpus rule reads the articles themselves
    batches = cache.BatchCache(reuse) if reuse and audit.kept is None else None
    ids: list[list[str]] = []  # the articles of each batch
    keys: dict[int, str] = {}  # batch -> its key, for the batches that can be cached
    done: list[set[str]] = []  # of each batch, the articles whose findings are cached
    with Spill(settings["data_dir"], "detect") as spill:
        with audit:
            # with workers, batch k + 1 is read from the tables while they audit batch k
            for k, (key, entry, batch) in enumerate(ahead(_first(settings, failed, batches),
                                                          audit.parallel)):
                if entry is not None:
                    ids.append(list(entry["ids"]))
                    audited = entry["audited"]
                    audit.adopt(ids[-1], audited)
                    spill.put(f"done-{k}", entry["done"])
                else:
                    ids.append([a.article_id for a in batch])
                    audited = audit.articles(batch)
                    entry = {"done": {}}
                if key and all(cacheable(r) for r in audited):
                    keys[k] = key
                done.append(set(entry["done"]))
                spill.put(f"audited-{k}", audited)
        corpus = audit.corpus()
        again = {k for k, batch in enumerate(ids) if any(aid in corpus for aid in batch)}
        with table_files.TableWriter(data_path(settings, "segments_scored.parquet"),
                                     tables.SEGMENT_COLUMNS) as scored_out:
            for k, (articles, blocks, segments, tokens) in enumerate(
                    read_batches(settings, *TABLES, wanted=again.__contains__)):
                findings, quality = _second(k, ids[k], keys.get(k), done[k], spill, audit,
                                            corpus, batches, (articles, blocks, segments, tokens))
                spill.put_items(f"findings-{k}", findings)
                scored_out.append(_scored(segments, quality))
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


def _first(settings: dict, failed: set[str], batches):
    """(key, entry, articles) of each batch for the first pass: its key when it can be cached
    (no article of it failed segmentation), and its cached entry (`BatchCache`) or else its
    articles, built from the tables (a cached batch's tokens are not read)."""
    need: dict[int, bool] = {}
    path = data_path(settings, "tokens.parquet")
    tokens = table_files.batches(path, need.get)
    for k, (articles, blocks, segments) in enumerate(read_batches(settings, *TABLES[:3])):
        key = batches.key(articles, blocks) if batches else None
        if key and failed.intersection(articles["article_id"].tolist()):
            key = None
        entry = batches.get(key, len(articles)) if key else None
        need[k] = entry is None
        toks = next(tokens, _MISSING)
        if toks is _MISSING:
            raise ValueError(f"{path} has fewer batches of articles than "
                             f"{data_path(settings, TABLES[0])}: they come from different runs; "
                             "run the stages again from ingest")
        batch = None if entry is not None else [
            a for a in tables.articles_from_frames(articles, blocks, segments, toks)
            if a.article_id not in failed]
        yield key, entry, batch
    if next(tokens, _MISSING) is not _MISSING:
        raise ValueError(f"{path} has more batches of articles than "
                         f"{data_path(settings, TABLES[0])}: they come from different runs; "
                         "run the stages again from ingest")


def _second(k: int, ids: list[str], key: str | None, done_ids: set[str], spill, audit: Audit,
            corpus: dict, batches, frames) -> tuple[list, dict]:
    """Batch k's findings (sorted, merged) and its segments' quality by (article, segment):
    the cached ones of the articles that no corpus rule gave findings, the others' from the
    articles built from the batch's tables (their tokens only when a corpus rule gave one of
    them findings: it is then scored again). A batch that can be cached is stored with what
    its articles without corpus findings came to."""
    audited = spill.get(f"audited-{k}")
    done = spill.get(f"done-{k}") if done_ids else {}
    need = [i for i, aid in enumerate(ids) if aid in corpus or aid not in done]
    per_article: dict[str, list] = {}
    quality: dict[tuple[str, int], float] = {}
    if need:
        wanted = {ids[i] for i in need}
        articles, blocks, segments, tokens = (
            None if f is None else f[f["article_id"].isin(wanted)] for f in frames)
        batch = tables.articles_from_frames(articles, blocks, segments, tokens)
        order = {a.article_id: a for a in batch}
        batch = [order[ids[i]] for i in need]
        before = len(audit.errors)
        for f in audit.findings(batch, [audited[i] for i in need], corpus):
            per_article.setdefault(f.article_id, []).append(f)
        lost = {e["article_id"] for e in audit.errors if e.get("step")}
        erred = {e.get("article_id") for e in audit.errors[before:]}
        for a, i in zip(batch, need):
            if a.article_id in lost:
                continue
            scores = {s.index: s.quality for s in a.segments}
            quality.update(((a.article_id, n), q) for n, q in scores.items())
            if key and a.article_id not in corpus and a.article_id not in erred:
                done[a.article_id] = (per_article.get(a.article_id, []), scores)
        if key:  # the audits as read (`findings` merges the findings of one defect in place)
            batches.put(key, {"ids": ids, "audited": spill.get(f"audited-{k}"), "done": done})
    needed = {ids[i] for i in need}
    for aid in ids:
        if aid not in needed:
            per_article[aid], scores = done[aid]
            quality.update(((aid, n), q) for n, q in scores.items())
    findings = [f for aid in ids for f in per_article.get(aid, [])]
    findings.sort(key=lambda f: f.sort_key)
    return findings, quality


def _scored(segments, quality: dict[tuple[str, int], float]):
    """The rows of `segments` (a batch of segments.parquet) that have a quality (the articles
    not lost), with it: what tables.segments_frame gives, without the articles' tokens."""
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
