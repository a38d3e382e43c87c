"""Stage 4, validate: Great Expectations checks the segment and finding tables.

Expectations: required columns; allowed categories and severities; offsets inside the article
(0 <= start < end <= length of the file text); each finding's text equal to the file's text at its
offsets; unique fingerprints. A failure there means the data is wrong: the run is incomplete.

The release policy (sources/policy.yaml) is expressed as a third suite, `release-policy`, over a
per-article table (score, critical findings, findings per 1,000 words by category, counting only
gating findings). Its failure is a policy violation, not bad data: it is recorded in
validation.json under `policy` and shown in the Data Docs, and the gate decides the exit status.

The tables are checked a batch at a time (segments: the stage batches; findings: their row groups;
the per-article policy table, small, as one), never whole, and the results are combined into one
validation.json (`Validator`): failed expectations with their first examples in table order, rows
summed; unique fingerprints are checked across batches with a set of the fingerprints (one pass
over that column). The result goes to data/validation.json and GX Data Docs are built into
reports/validation/ from the last batch of each table (the Data Docs pages load their styles and
scripts from CDNs). With the cache on (`validate_cache`), a batch is validated only when the
cache has no result for exactly what GX would be given (a re-audit validates the batches that
changed), and the Data Docs are built again only when the batches they show changed; a run that
validates nothing does not import Great Expectations. Great Expectations is imported only
here (it is slow to import), and is an extra (`clinic-audit[validate]`): without it the stage
records that it was skipped (validation.json `skipped`, shown in the summary's notes)."""
from __future__ import annotations

import importlib.util
import shutil
import sqlite3
import sys
import tempfile
import time
from concurrent.futures import wait
from pathlib import Path

import pandas as pd

from pipeline import cache, gate, io, table_files, tables as tables_mod
from pipeline.model import CATEGORIES, FINDING_COLUMNS, SEVERITIES
from pipeline.policy import Policy, PolicyError, limits, load_policy
from pipeline.policy import table as policy_table
from pipeline.spill import Spill
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, data_path, read_batches, stage_main
from pipeline.stages.validate_cache import BatchResults, docs_digest, records
from pipeline.tables import SEGMENT_COLUMNS

NOT_INSTALLED = ("Great Expectations is not installed, so the data checks did not run "
                 "(pip install 'clinic-audit[validate]')")


def _findings_for_validation(findings: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """`findings` with each article's length and whether its text is the file's at its offsets
    (`texts`: file text by article id, for the articles of these findings)."""
    df = findings.copy()
    df["article_length"] = [len(texts.get(a, "")) for a in df["article_id"]]
    df["text_matches_file"] = [texts.get(a, "")[int(s):int(e)] == t for a, s, e, t in
                               zip(df["article_id"], df["start"], df["end"], df["text"])]
    return df


def _segments_for_validation(segments: pd.DataFrame, lengths: dict[str, int]) -> pd.DataFrame:
    df = segments.copy()
    df["article_length"] = [lengths.get(a, 0) for a in df["article_id"]]
    return df


def _policy_suite(E, policy: Policy) -> list:
    """The release policy as expectations over the per-article table, generated from the same
    limits `pipeline.policy.evaluate` applies (never written a second time)."""
    return [E.ExpectColumnValuesToBeBetween(column=lim.column, min_value=lim.min_value,
                                            max_value=lim.max_value) for lim in limits(policy)]


def _suites(gx, policy: Policy):
    E = gx.expectations
    findings = [E.ExpectColumnToExist(column=c) for c in FINDING_COLUMNS] + [
        E.ExpectColumnValuesToBeInSet(column="category", value_set=list(CATEGORIES)),
        E.ExpectColumnValuesToBeInSet(column="severity", value_set=list(SEVERITIES)),
        E.ExpectColumnValuesToBeBetween(column="start", min_value=0),
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="end", column_B="start"),
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="article_length", column_B="end",
                                                   or_equal=True),
        E.ExpectColumnValuesToBeInSet(column="text_matches_file", value_set=[True]),
        E.ExpectColumnValuesToBeUnique(column="fingerprint"),
        E.ExpectColumnValuesToNotBeNull(column="message"),
        E.ExpectColumnValuesToBeBetween(column="confidence", min_value=0, max_value=1),
    ]
    segments = [E.ExpectColumnToExist(column=c) for c in SEGMENT_COLUMNS] + [
        E.ExpectColumnValuesToBeBetween(column="file_start", min_value=0),
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="end", column_B="start"),
        E.ExpectColumnPairValuesAToBeGreaterThanB(column_A="article_length", column_B="file_end",
                                                   or_equal=True),
        E.ExpectColumnValuesToBeBetween(column="quality", min_value=0, max_value=1,
                                        mostly=1.0),
    ]
    return {"findings": findings, "segments": segments, "release-policy": _policy_suite(E, policy)}


UNIQUE = "expect_column_values_to_be_unique"
TABLES = ("findings", "segments", "release-policy")  # the suites' order (`_suites`)
DOCS_MARKER = ".clinic-audit-batches"  # in the Data Docs folder: `validate_cache.docs_digest`


class Validator:
    """The suites run over tables given a batch at a time (`check`), their results combined
    (`finish`): a failed expectation is listed once, in GX's order, with the first
    EXAMPLES unexpected values of the whole table and the rows summed; `duplicates` (the
    fingerprints that more than one finding of the release has) decides the uniqueness of
    fingerprints across batches. A batch that `results` (`validate_cache.BatchResults`) has
    is not validated again, and Great Expectations is imported only for a batch it has not.
    Data Docs, when `docs_dir` is given, show the last batch of each table; they are built
    again only when those batches are not the ones the folder's were built from (its
    DOCS_MARKER), or always with the cache off."""

    EXAMPLES = 5

    def __init__(self, docs_dir: Path | None, policy: Policy | None, duplicates: set[str],
                 results: BatchResults):
        self.docs_dir, self.duplicates, self.results = docs_dir, duplicates, results
        self.policy = policy or Policy()
        self.tables = {name: {"order": None, "rows": 0, "failed": {}, "held": None, "key": None}
                       for name in TABLES}
        self.unique_examples: list[str] = []
        self.gx = self.context = self.workdir = None
        self.suites: dict[str, dict] = {}

    def _start(self) -> None:
        """Great Expectations, a project in a temporary folder and the suites (once)."""
        if self.context is not None:
            return
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        self.gx = gx
        self.workdir = Path(tempfile.mkdtemp(prefix="clinic-audit-gx-"))
        self.context = gx.get_context(mode="file", project_root_dir=str(self.workdir))
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        source = self.context.data_sources.add_pandas("tables")
        for name, expectations in _suites(gx, self.policy).items():
            asset = source.add_dataframe_asset(name=name)
            batch = asset.add_batch_definition_whole_dataframe(f"{name}-all")
            # given whole: added one by one, each expectation would save the suite again
            suite = self.context.suites.add(gx.ExpectationSuite(name=f"{name}-suite",
                                                                expectations=expectations))
            self.suites[name] = {"batch": batch, "suite": suite}

    def check(self, name: str, frame: pd.DataFrame) -> None:
        """One batch of the table `name`, in table order: validated when the next one comes
        (the last one by `finish`, with the Data Docs)."""
        st = self.tables[name]
        if st["held"] is not None:
            self._merge(name, self._records(name, st["held"], st["key"]))
        st["held"], st["key"] = frame, self.results.key(name, frame)
        st["rows"] += len(frame)
        if name == "findings" and len(self.unique_examples) < self.EXAMPLES:
            self.unique_examples += [fp for fp in frame["fingerprint"]
                                     if fp in self.duplicates][:self.EXAMPLES]

    def _records(self, name: str, frame: pd.DataFrame, key: str, docs: bool = False) -> list:
        """The batch's results (`validate_cache.records`): cached, or validated and cached. With
        `docs`, validated by a checkpoint whatever the cache has (the Data Docs show it)."""
        cached = self.results.get(key) if key else None  # no key: the table had no batch
        if cached is not None and not docs:
            return cached
        fresh = self._validate(name, frame, docs)
        if cached is None and key:
            self.results.put(key, fresh)
        return fresh if cached is None else cached

    def _validate(self, name: str, frame: pd.DataFrame, checkpoint: bool) -> list:
        """Great Expectations over one batch (by a checkpoint, whose result the Data Docs
        show, or by the batch)."""
        self._start()
        gx, st = self.gx, self.suites[name]
        if not checkpoint:
            batch = st["batch"].get_batch(batch_parameters={"dataframe": frame})
            return records(batch.validate(st["suite"]).results, _plain)
        vd = self.context.validation_definitions.add(gx.ValidationDefinition(
            name=f"{name}-validation", data=st["batch"], suite=st["suite"]))
        checkpoint = self.context.checkpoints.add(gx.Checkpoint(
            name=f"{name}-checkpoint", validation_definitions=[vd], actions=[]))
        res = checkpoint.run(batch_parameters={"dataframe": frame})
        return [r for run in res.run_results.values() for r in records(run.results, _plain)]

    def _merge(self, name: str, results: list) -> None:
        st = self.tables[name]
        if st["order"] is None:  # GX's order of the results (every batch's is the same)
            st["order"] = {tuple(r[:4]): k for k, r in enumerate(results)}
        for kind, column, column_a, column_b, success, unexpected in results:
            if success:
                continue
            k = st["order"].get((kind, column, column_a, column_b), 1000 + len(st["failed"]))
            entry = st["failed"].setdefault(k, {
                "expectation": kind, "column": column or f"{column_a}>{column_b}",
                "unexpected": []})
            entry["unexpected"] += unexpected[:self.EXAMPLES - len(entry["unexpected"])]

    def finish(self) -> dict:
        """Validate the last batch of each table (and build the Data Docs); the combined
        result: `success` and `suites` for the data suites, `policy` for the release policy."""
        try:
            digest = docs_digest([str(st["key"]) for st in self.tables.values()])
            docs = self._docs_stale(digest)
            results = {}
            for name, st in self.tables.items():
                self._merge(name, self._records(name, st["held"], st["key"], docs))
                if name == "findings":  # unique across the batches, not only within each
                    k = st["order"][(UNIQUE, "fingerprint", None, None)]
                    st["failed"].pop(k, None)
                    if self.duplicates:
                        st["failed"][k] = {"expectation": UNIQUE, "column": "fingerprint",
                                           "unexpected": self.unique_examples[:self.EXAMPLES]}
                failed = [st["failed"][k] for k in sorted(st["failed"])]
                results[name] = {"success": not failed, "rows": st["rows"], "failed": failed}
            if docs:
                self._docs(digest)
            verdict = results.pop("release-policy")
            return {"success": all(r["success"] for r in results.values()), "suites": results,
                    "policy": verdict}
        finally:
            self.close()

    def _docs_stale(self, digest: str) -> bool:
        """Whether the Data Docs are to be built: with the cache off always (as before it
        existed), else when the folder has none of the batches this run's would show."""
        if self.docs_dir is None:
            return False
        if not self.results.on:
            return True
        try:
            return (self.docs_dir / DOCS_MARKER).read_text(encoding="utf-8").strip() != digest
        except OSError:
            return True

    def _docs(self, digest: str) -> None:
        self.context.build_data_docs()
        built = self.workdir / "gx" / "uncommitted" / "data_docs" / "local_site"
        if built.exists():
            tmp = self.docs_dir.with_name(self.docs_dir.name + ".tmp")
            shutil.rmtree(tmp, ignore_errors=True)
            shutil.copytree(built, tmp)
            io.write_text(tmp / DOCS_MARKER, digest + "\n")
            shutil.rmtree(self.docs_dir, ignore_errors=True)
            tmp.rename(self.docs_dir)

    def close(self) -> None:
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)


def _plain(value):
    """An unexpected value as JSON can hold it: numpy scalars (a pair expectation's values) as
    Python numbers, pairs as lists, floats rounded to 3 places."""
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    return round(value, 3) if isinstance(value, float) else value


class _Texts:
    """The articles' file texts by id, in an SQLite file of a spill folder: the findings come
    sorted by source, and each batch of them needs the texts of its few articles."""

    def __init__(self, folder: Path):
        self.db = sqlite3.connect(Path(folder) / "texts.sqlite")
        self.db.execute("CREATE TABLE t (id TEXT PRIMARY KEY, text TEXT)")

    def put(self, pairs) -> None:
        self.db.executemany("INSERT OR REPLACE INTO t VALUES (?, ?)", pairs)

    def get(self, ids) -> dict[str, str]:
        ids, out = sorted(set(ids)), {}
        for k in range(0, len(ids), 500):
            part = ids[k:k + 500]
            out.update(self.db.execute(f"SELECT id, text FROM t WHERE id IN "
                                       f"({','.join('?' * len(part))})", part))
        return out


def _duplicates(settings: dict) -> set[str]:
    """The fingerprints that more than one finding has (one pass over that column)."""
    seen, dups = set(), set()
    for chunk in table_files.batches(data_path(settings, "findings.parquet"),
                                     columns=["fingerprint"]):
        for fp in chunk["fingerprint"]:
            if fp in seen:
                dups.add(fp)
            seen.add(fp)
    return dups


def _policy_rows(settings: dict, articles: list[dict], policy: Policy,
                 waived: set[str]) -> pd.DataFrame:
    """The per-article policy table (`policy.table` without its findings), from the findings
    source by source (they are sorted by source: an article's findings are all in its source's)."""
    rows: dict[str, dict] = {}
    by_id = {a["article_id"]: a for a in articles}

    def judge(group):
        ids = dict.fromkeys(f.article_id for f in group)
        for row in policy_table([by_id[a] for a in ids if a in by_id], group, policy,
                                accepted=waived):
            rows[row["article_id"]] = row

    group: list = []
    for chunk in table_files.batches(data_path(settings, "findings.parquet")):
        for f in tables_mod.findings_from_frame(chunk):
            if group and f.source != group[0].source:
                judge(group)
                group = []
            group.append(f)
    judge(group)
    out = [rows.get(a["article_id"]) or policy_table([a], [], policy, accepted=waived)[0]
           for a in articles]
    return pd.DataFrame([{k: v for k, v in row.items() if k != "gating"} for row in out])


def _validate_batches(settings: dict, texts: _Texts, policy: Policy,
                      waived: set[str]) -> dict | None:
    """The suites over the stage tables batch by batch; None when there is no article."""
    articles, lengths = [], {}
    for (frame,) in read_batches(settings, "articles.parquet"):
        texts.put(zip(frame["article_id"], frame["file_text"]))
        lengths.update(zip(frame["article_id"], frame["file_text"].str.len()))
        articles += [{"article_id": a, "source": s, "words": w} for a, s, w in
                     zip(frame["article_id"], frame["source"], frame["word_count"])]
    if not articles:
        return None
    results = BatchResults(settings, policy)
    validator = Validator(Path(settings["out"]) / "validation", policy, _duplicates(settings),
                          results)
    try:
        for (segments,) in read_batches(settings, "segments_scored.parquet"):
            validator.check("segments", _segments_for_validation(segments, lengths))
        for chunk in table_files.batches(data_path(settings, "findings.parquet")):
            validator.check("findings", _findings_for_validation(
                chunk, texts.get(chunk["article_id"])))
        validator.check("release-policy", _policy_rows(settings, articles, policy, waived))
        return validator.finish()
    except BaseException:
        validator.close()
        raise
    finally:
        if results.stats():
            cache.STATS["validate"] = results.stats()


def gx_installed() -> bool:
    return importlib.util.find_spec("great_expectations") is not None


def run(settings: dict) -> int:
    try:
        policy = load_policy(Path(settings["policy"]))
        waived = {w.fingerprint for w in gate.load_waivers(Path(settings["waivers"]))}
    except (PolicyError, gate.GateError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    if not gx_installed():
        # the core install: the suites need the `validate` extra. Recorded as a skip (summary.json
        # notes, index.html), never as a pass of checks that did not run; the policy is still
        # judged by the report stage and the gate.
        shutil.rmtree(Path(settings["out"]) / "validation", ignore_errors=True)
        io.write_json(data_path(settings, "validation.json"),
                      {"success": True, "suites": {}, "skipped": NOT_INSTALLED,
                       "policy": {"success": True, "rows": 0, "failed": []}})
        print(f"note: validate skipped: {NOT_INSTALLED}", file=sys.stderr)
        return EXIT_OK
    with Spill(Path(settings["data_dir"]), "validate") as spill:
        texts = _Texts(spill.folder)
        try:
            result = _validate_batches(settings, texts, policy, waived)
        finally:
            texts.db.close()
    if result is None:  # nothing to check; the report stage fails the run for having no article
        shutil.rmtree(Path(settings["out"]) / "validation", ignore_errors=True)
        io.write_json(data_path(settings, "validation.json"),
                      {"success": True, "suites": {}, "skipped": "no article to validate",
                       "policy": {"success": True, "rows": 0, "failed": []}})
        return EXIT_OK
    io.write_json(data_path(settings, "validation.json"), result)
    for f in result["policy"]["failed"]:  # a policy violation, not a data error: the gate decides
        print(f"release policy not met: {f['column']} (e.g. {f['unexpected']})", file=sys.stderr)
    if not result["success"]:
        for name, r in result["suites"].items():
            for f in r["failed"]:
                print(f"validation failed: {name}: {f['expectation']} on {f['column']} "
                      f"(e.g. {f['unexpected']})", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


class Background:
    """The stage in a worker process while the report stage writes the per-article files
    (`clinic-audit run` with two workers or more): `result()` waits for it and gives its exit
    status. What the stage prints to stderr is held and printed by `result()`, so the run says
    the same things in the same order as with one worker.

    The process starts with the run (`clinic-audit run` makes this before the first stage) and
    imports Great Expectations at once, while the other stages work: the import takes 5-7 s,
    most of a re-audit's validation, and the second core is idle while the earlier stages read
    their cached batches. `start(settings)` hands it the stage. The resident server keeps that
    process, Great Expectations imported, for its next run (`parallel.kept_worker`)."""

    def __init__(self):
        from pipeline.parallel import kept_worker

        self.pool, self.kept = kept_worker("validate", _warm)
        self.future = None
        self.code: int | None = None
        self.seconds = 0.0  # the stage's own time, once it finished (not the import before it)

    def start(self, settings: dict) -> None:
        import os

        from pipeline.parallel import as_caller

        self.future = self.pool.submit(as_caller, os.getcwd(), dict(os.environ), _captured,
                                       settings)

    def result(self) -> int:
        if self.future is None:  # the stage did not start: an earlier one stopped the run
            self.close()
            return EXIT_OK
        if self.code is None:
            try:
                self.code, said, self.seconds, stats = self.future.result()
            finally:
                self.close()
            if stats:  # the worker's hits and misses, for this run's `cache:` line
                cache.STATS["validate"] = stats
            sys.stderr.write(said)
        return self.code

    def close(self) -> None:
        if not self.kept:
            self.pool.shutdown(wait=True, cancel_futures=True)
        elif self.future is not None and not self.future.cancel():
            wait([self.future])  # as shutdown would: the stage is not left running


def _warm() -> None:
    if gx_installed():
        import great_expectations  # noqa: F401


def _captured(settings: dict) -> tuple[int, str, float, dict | None]:
    from contextlib import redirect_stderr
    from io import StringIO

    said = StringIO()
    started = time.perf_counter()
    cache.STATS.pop("validate", None)  # a kept worker's from its last run
    with redirect_stderr(said):
        code = run(settings)
    return code, said.getvalue(), time.perf_counter() - started, cache.STATS.pop("validate", None)


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
