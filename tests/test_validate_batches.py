"""The validate stage checks the tables a batch at a time and combines the results: the same
validation.json whatever the batches, failures found in any batch with their first examples in
table order, and fingerprints unique across batches (not only within each)."""
from __future__ import annotations

import json

import pytest

from pipeline import config, io, table_files
from pipeline.stages import validate
from tests.conftest import run_batched

pytest.importorskip("great_expectations")

CORPUS = {"a.txt": "Knee pain\n\nMagnesium is a vitamin. The brace should wear for six weeks.\n",
          "b.txt": "Neck pain\n\nSciatica is a short-term condition. Patient should see doctor.\n",
          "c.txt": "Back pain\n\nThe patient must to rest. Vitamin D is a mineral.\n"}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A run at one article per batch (three batches of segments): its folder and settings."""
    folder = tmp_path_factory.mktemp("validate")
    code, params = run_batched(folder, CORPUS)
    assert code == 0
    return folder, params


def _settings(params, data, out):
    settings = config.load(params)
    settings["data_dir"], settings["out"] = str(data), str(out)
    return settings


def _rewrite(path, frame, parts: int) -> None:
    """The table `path` as `frame` cut into `parts` batches."""
    size = -(-len(frame) // parts)
    with table_files.TableWriter(path, list(frame.columns)) as w:
        for k in range(parts):
            w.append(frame.iloc[k * size:(k + 1) * size].reset_index(drop=True))


def _validate(run, findings, parts: int, tmp_path):
    folder, params = run
    data = tmp_path / f"data{parts}"
    data.mkdir()
    for name in ("articles.parquet", "segments_scored.parquet"):  # their batches kept
        _rewrite(data / name, table_files.read(folder / "data" / name), 3)
    _rewrite(data / "findings.parquet", findings, parts)
    code = validate.run(_settings(params, data, tmp_path / f"reports{parts}"))
    return code, io.read_json(data / "validation.json"), tmp_path / f"reports{parts}"


def test_a_clean_run_validates_the_same_in_one_batch_or_many(run, tmp_path):
    folder, _ = run
    findings = table_files.read(folder / "data" / "findings.parquet")
    assert len(findings) >= 5  # three batches of findings
    assert table_files.count(folder / "data" / "segments_scored.parquet") == 3
    one = _validate(run, findings, 1, tmp_path)
    many = _validate(run, findings, 3, tmp_path)
    assert one[0] == many[0] == 0
    assert one[1] == many[1] == io.read_json(folder / "data" / "validation.json")
    assert one[1]["success"] and one[1]["suites"]["findings"]["rows"] == len(findings)
    assert (many[2] / "validation" / "index.html").exists()  # Data Docs of the last batch


def test_failures_in_any_batch_are_combined_and_duplicates_found_across_batches(run, tmp_path):
    folder, _ = run
    findings = table_files.read(folder / "data" / "findings.parquet")
    n = len(findings)
    findings.loc[1, "text"] = "not the file's text"  # batch 1 of 3
    findings.loc[n - 1, "fingerprint"] = findings.loc[0, "fingerprint"]  # batches 1 and 3
    findings.loc[n - 2, "confidence"] = 1.5  # batch 2
    one = _validate(run, findings, 1, tmp_path)
    many = _validate(run, findings, 3, tmp_path)
    assert one[0] == many[0] == 2
    assert one[1] == many[1]
    failed = {f["column"]: f for f in many[1]["suites"]["findings"]["failed"]}
    assert failed == {
        "text_matches_file": {"expectation": "expect_column_values_to_be_in_set",
                              "column": "text_matches_file", "unexpected": [False]},
        "fingerprint": {"expectation": "expect_column_values_to_be_unique",
                        "column": "fingerprint",
                        "unexpected": [findings.loc[0, "fingerprint"]] * 2},
        "confidence": {"expectation": "expect_column_values_to_be_between",
                       "column": "confidence", "unexpected": [1.5]}}
    assert not many[1]["success"] and many[1]["suites"]["segments"]["success"]
    assert many[1]["suites"]["findings"]["rows"] == n


def test_a_bad_segment_pair_is_reported_as_plain_json(run, tmp_path):
    """A pair expectation's examples are numpy values: written as JSON numbers."""
    folder, params = run
    data = tmp_path / "data"
    data.mkdir()
    table_files.write(data / "articles.parquet",
                      table_files.read(folder / "data" / "articles.parquet"))
    table_files.write(data / "findings.parquet",
                      table_files.read(folder / "data" / "findings.parquet"))
    segments = table_files.read(folder / "data" / "segments_scored.parquet")
    segments.loc[0, "file_end"] = 10**6
    _rewrite(data / "segments_scored.parquet", segments, 1)
    code = validate.run(_settings(params, data, tmp_path / "reports"))
    result = json.loads((data / "validation.json").read_text(encoding="utf-8"))
    length = len(table_files.read(data / "articles.parquet").set_index("article_id")
                 .loc[segments.loc[0, "article_id"], "file_text"])
    assert code == 2
    assert result["suites"]["segments"]["failed"] == [
        {"expectation": "expect_column_pair_values_a_to_be_greater_than_b",
         "column": "article_length>file_end", "unexpected": [[length, 10**6]]}]
