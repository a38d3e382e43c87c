"""`batch_articles`: the stages go through the release a few articles at a time, and every output is
the same, byte for byte, whatever the batch size: one article per batch, two (with `--jobs 2`, and
from the cache), and the core install's JSON tables instead of Parquet. The corpus has a
bilingual XLIFF file (fixlist.csv's passages, the annotated copy in xliff/),
contradictions across batches (FA007: articles scored again in a later pass), an empty article
(empty batches of segments), and sources whose sort order is not the order they are read in (a
folder `a/` read before `a.txt`), so that the findings of different batches interleave."""
from __future__ import annotations

import json

import pytest

from pipeline import table_files
from pipeline.cli import main
from tests.conftest import ROOT
from tests.test_parallel import EXTRA

CORPUS = {**EXTRA,  # and knee-pain.xlf: annotated XLIFF out, fix list passages
          "knee-pain.xlf": (ROOT / "tests" / "data" / "bilingual" / "knee-pain.xlf").read_text(
              encoding="utf-8"),
          "a/z.txt": "Back pain\n\nMagnesium is a vitamin. The brace should wear for six weeks.\n",
          "a.txt": "Neck pain\n\nSciatica is a short-term condition. Patient should see doctor.\n",
          "empty.txt": ""}
OUTPUTS = ("findings.jsonl", "findings.csv", "findings.sarif", "summary.json", "junit.xml",
           "articles.csv", "fixlist.csv", "metrics.json", "index.html")


def _run(corpus, out, batch: int, *flags: str) -> int:
    params = out / "params.yaml"
    out.mkdir(parents=True, exist_ok=True)
    params.write_text((ROOT / "params.yaml").read_text(encoding="utf-8") +
                      f"\nbatch_articles: {batch}\ncache: true\n"
                      f"cache_dir: {out.parent / 'cache'}\n",
                      encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["--params", str(params), "run", str(corpus), "--out", str(out / "reports"),
              "--data-dir", str(out / "data"), *flags])
    return e.value.code


def _outputs(out) -> dict[str, bytes]:
    reports = out / "reports"
    files = {name: (reports / name).read_bytes() for name in OUTPUTS}
    for folder in ("articles", "xliff"):
        files.update({f"{folder}/{p.name}": p.read_bytes()
                      for p in sorted((reports / folder).iterdir())})
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in CORPUS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def one_batch(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("one") / "run"
    assert _run(corpus, out, 100, "--no-cache") == 0
    return out


def test_the_reference_has_findings_that_interleave_across_batches(one_batch):
    rows = [json.loads(line) for line in
            (one_batch / "reports" / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    sources = [r["source"] for r in rows]
    assert sources == sorted(sources)
    assert {"a.txt", "a/z.txt", "x1.txt", "x2.txt", "x4.md", "x5.txt"} <= set(sources)
    fa007 = {r["source"] for r in rows if r["rule_id"] == "FA007"} | \
        {r["source"] for r in rows for x in r["evidence"].get("related", [])
         if x["rule_id"] == "FA007"}
    assert {"a.txt", "a/z.txt", "x1.txt", "x2.txt", "x4.md", "x5.txt"} <= fa007
    assert table_files.count(one_batch / "data" / "articles.parquet") == 1
    assert (one_batch / "reports" / "xliff" / "knee-pain.xlf").exists()


def test_one_article_per_batch_writes_the_same_bytes(corpus, one_batch, tmp_path):
    assert _run(corpus, tmp_path / "run", 1, "--no-cache") == 0
    assert _outputs(tmp_path / "run") == _outputs(one_batch)
    data = tmp_path / "run" / "data"
    assert table_files.count(data / "articles.parquet") == len(CORPUS)
    for name in ("blocks", "segments", "tokens", "segments_scored"):
        assert table_files.count(data / f"{name}.parquet") == len(CORPUS), name
    for name in ("articles", "segments", "tokens", "segments_scored", "findings"):
        assert table_files.read(data / f"{name}.parquet").equals(
            table_files.read(one_batch / "data" / f"{name}.parquet")), name
    assert not [p for p in data.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_two_per_batch_with_two_workers_writes_the_same_bytes(corpus, one_batch, tmp_path):
    assert _run(corpus, tmp_path / "run", 2, "--no-cache", "--jobs", "2") == 0
    assert _outputs(tmp_path / "run") == _outputs(one_batch)


def test_a_cached_rerun_in_batches_writes_the_same_bytes(corpus, one_batch, tmp_path, capsys):
    assert _run(corpus, tmp_path / "first", 2) == 0
    assert _run(corpus, tmp_path / "again", 3) == 0
    said = "".join(capsys.readouterr())
    assert "segment 9 of 9 articles reused" in said and "detect 9 of 9 articles reused" in said
    assert _outputs(tmp_path / "first") == _outputs(tmp_path / "again") == _outputs(one_batch)


def test_json_tables_in_batches_write_the_same_bytes(corpus, one_batch, tmp_path, monkeypatch):
    monkeypatch.setattr(table_files, "parquet_available", lambda: False)
    assert _run(corpus, tmp_path / "run", 2, "--no-cache") == 0
    data = tmp_path / "run" / "data"
    assert not list(data.glob("*.parquet"))
    lines = (data / "tokens.table.json").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + 5  # the columns, then one line per batch of 2 of the 9 articles
    assert _outputs(tmp_path / "run") == _outputs(one_batch)
