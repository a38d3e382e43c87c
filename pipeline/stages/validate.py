"""Stage 4, validate: Great Expectations checks the segment and finding tables.

Expectations: required columns; allowed categories and severities; offsets inside the article
(0 <= start < end <= length of the file text); each finding's text equal to the file's text at its
offsets; unique fingerprints. A failure there means the data is wrong: the run is incomplete.

The release policy (sources/policy.yaml) is expressed as a third suite, `release-policy`, over a
per-article table (score, critical findings, findings per 1,000 words by category, counting only
gating findings). Its failure is a policy violation, not bad data: it is recorded in
validation.json under `policy` and shown in the Data Docs, and the gate decides the exit status.

The result goes to data/validation.json and GX Data Docs are built into reports/validation/ (the
Data Docs pages load their styles and scripts from CDNs). Great Expectations is imported only
here (it is slow to import), and is an extra (`clinic-audit[validate]`): without it the stage
records that it was skipped (validation.json `skipped`, shown in the summary's notes)."""
from __future__ import annotations

import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from pipeline import gate, io, tables as tables_mod
from pipeline.model import CATEGORIES, FINDING_COLUMNS, SEVERITIES
from pipeline.policy import Policy, PolicyError, limits, load_policy
from pipeline.policy import table as policy_table
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, data_path, read_table, stage_main
from pipeline.tables import SEGMENT_COLUMNS

NOT_INSTALLED = ("Great Expectations is not installed, so the data checks did not run "
                 "(pip install 'clinic-audit[validate]')")


def _findings_for_validation(findings: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    texts = dict(zip(articles["article_id"], articles["file_text"]))
    df = findings.copy()
    df["article_length"] = [len(texts.get(a, "")) for a in df["article_id"]]
    df["text_matches_file"] = [texts.get(a, "")[int(s):int(e)] == t for a, s, e, t in
                               zip(df["article_id"], df["start"], df["end"], df["text"])]
    return df


def _segments_for_validation(segments: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    lengths = dict(zip(articles["article_id"], articles["file_text"].str.len()))
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


def validate(tables: dict[str, pd.DataFrame], docs_dir: Path | None,
             policy: Policy | None = None) -> dict:
    """Run the suites over `tables` ({'findings': df, 'segments': df, 'release-policy': df});
    build Data Docs into `docs_dir` when given. Returns a JSON-able summary: `success` and
    `suites` for the data suites, `policy` for the release-policy suite."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    workdir = Path(tempfile.mkdtemp(prefix="clinic-audit-gx-"))
    try:
        context = gx.get_context(mode="file", project_root_dir=str(workdir))
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        source = context.data_sources.add_pandas("tables")
        results = {}
        for name, expectations in _suites(gx, policy or Policy()).items():
            asset = source.add_dataframe_asset(name=name)
            batch = asset.add_batch_definition_whole_dataframe(f"{name}-all")
            suite = context.suites.add(gx.ExpectationSuite(name=f"{name}-suite"))
            for e in expectations:
                suite.add_expectation(e)
            vd = context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{name}-validation", data=batch, suite=suite))
            checkpoint = context.checkpoints.add(gx.Checkpoint(
                name=f"{name}-checkpoint", validation_definitions=[vd],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="docs")]))
            res = checkpoint.run(batch_parameters={"dataframe": tables[name]})
            failed = []
            for r in res.run_results.values():
                for er in r.results:
                    if not er.success:
                        cfg = er.expectation_config
                        failed.append({"expectation": cfg.type,
                                       "column": cfg.kwargs.get("column") or
                                       f"{cfg.kwargs.get('column_A')}>{cfg.kwargs.get('column_B')}",
                                       "unexpected": [
                                           round(v, 3) if isinstance(v, float) else v for v in
                                           (er.result or {}).get("partial_unexpected_list", [])[:5]]})
            results[name] = {"success": bool(res.success), "rows": len(tables[name]),
                             "failed": failed}
        if docs_dir is not None:
            context.build_data_docs()
            built = workdir / "gx" / "uncommitted" / "data_docs" / "local_site"
            if built.exists():
                tmp = docs_dir.with_name(docs_dir.name + ".tmp")
                shutil.rmtree(tmp, ignore_errors=True)
                shutil.copytree(built, tmp)
                shutil.rmtree(docs_dir, ignore_errors=True)
                tmp.rename(docs_dir)
        verdict = results.pop("release-policy")
        return {"success": all(r["success"] for r in results.values()), "suites": results,
                "policy": verdict}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _articles_for_policy(findings: pd.DataFrame, articles: pd.DataFrame, policy: Policy,
                         waived: set[str]) -> pd.DataFrame:
    rows = [{"article_id": a, "source": s, "words": w} for a, s, w in
            zip(articles["article_id"], articles["source"], articles["word_count"])]
    found = tables_mod.findings_from_frame(findings)
    return pd.DataFrame([{k: v for k, v in row.items() if k != "gating"}
                         for row in policy_table(rows, found, policy, accepted=waived)])


def gx_installed() -> bool:
    return importlib.util.find_spec("great_expectations") is not None


def run(settings: dict) -> int:
    try:
        policy = load_policy(Path(settings["policy"]))
        waived = {w.fingerprint for w in gate.load_waivers(Path(settings["waivers"]))}
    except (PolicyError, gate.GateError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    articles = read_table(settings, "articles.parquet")
    findings = read_table(settings, "findings.parquet")
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
    if articles.empty:  # nothing to check; the report stage fails the run for having no article
        shutil.rmtree(Path(settings["out"]) / "validation", ignore_errors=True)
        io.write_json(data_path(settings, "validation.json"),
                      {"success": True, "suites": {}, "skipped": "no article to validate",
                       "policy": {"success": True, "rows": 0, "failed": []}})
        return EXIT_OK
    tables = {
        "findings": _findings_for_validation(findings, articles),
        "segments": _segments_for_validation(read_table(settings, "segments_scored.parquet"),
                                             articles),
        "release-policy": _articles_for_policy(findings, articles, policy, waived),
    }
    result = validate(tables, Path(settings["out"]) / "validation", policy)
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


def main() -> None:
    stage_main(run, __doc__)


if __name__ == "__main__":
    main()
