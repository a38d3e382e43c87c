"""Stage 4, validate: Great Expectations checks the segment and finding tables.

Expectations: required columns; allowed categories and severities; offsets inside the article
(0 <= start < end <= length of the file text); each finding's text equal to the file's text at its
offsets; unique fingerprints. The result goes to data/validation.json and GX Data Docs are built
into reports/validation/. Great Expectations is imported only here: it is slow to import."""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd

from pipeline import io
from pipeline.model import CATEGORIES, FINDING_COLUMNS, SEVERITIES
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, data_path, read_table, stage_main
from pipeline.tables import SEGMENT_COLUMNS


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


def _suites(gx):
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
        E.ExpectColumnValuesToBeBetween(column="fluency", min_value=0, max_value=1,
                                        mostly=1.0),
    ]
    return {"findings": findings, "segments": segments}


def validate(tables: dict[str, pd.DataFrame], docs_dir: Path | None) -> dict:
    """Run the suites over `tables` ({'findings': df, 'segments': df}); build Data Docs into
    `docs_dir` when given. Returns a JSON-able summary."""
    import great_expectations as gx

    workdir = Path(tempfile.mkdtemp(prefix="clinic-audit-gx-"))
    try:
        context = gx.get_context(mode="file", project_root_dir=str(workdir))
        source = context.data_sources.add_pandas("tables")
        results = {}
        ok = True
        for name, expectations in _suites(gx).items():
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
                                       "unexpected": (er.result or {}).get("partial_unexpected_list",
                                                                           [])[:5]})
            results[name] = {"success": bool(res.success), "rows": len(tables[name]),
                             "failed": failed}
            ok = ok and bool(res.success)
        if docs_dir is not None:
            context.build_data_docs()
            built = workdir / "gx" / "uncommitted" / "data_docs" / "local_site"
            if built.exists():
                tmp = docs_dir.with_name(docs_dir.name + ".tmp")
                shutil.rmtree(tmp, ignore_errors=True)
                shutil.copytree(built, tmp)
                shutil.rmtree(docs_dir, ignore_errors=True)
                tmp.rename(docs_dir)
        return {"success": ok, "suites": results}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(settings: dict) -> int:
    articles = read_table(settings, "articles.parquet")
    tables = {
        "findings": _findings_for_validation(read_table(settings, "findings.parquet"), articles),
        "segments": _segments_for_validation(read_table(settings, "segments_scored.parquet"),
                                             articles),
    }
    result = validate(tables, Path(settings["out"]) / "validation")
    io.write_json(data_path(settings, "validation.json"), result)
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
