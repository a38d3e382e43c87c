"""The report stage writes its files article by article (pipeline/report/stream.py): every file is
byte for byte what the whole-release builders make from all the findings, texts and segments at
once (files, sarif, fixlist, xliff_out, html, summary, policy), here on a corpus read one article a
batch whose findings interleave across batches (tests/test_batches.py's), with a bilingual file
and cross-article findings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import config, io, table_files, tables
from pipeline.policy import evaluate, load_policy
from pipeline.report import files, fixlist, html, junit, sarif, summary as summary_mod
from pipeline.report import xliff_out
from tests.conftest import run_batched
from tests.test_batches import CORPUS


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stream")
    code, _ = run_batched(folder, CORPUS)
    assert code == 0
    return folder


@pytest.fixture(scope="module")
def whole(run, tmp_path_factory):
    """The report as the whole-release builders write it from the same tables."""
    data, out = run / "data", tmp_path_factory.mktemp("whole")
    articles = table_files.read(data / "articles.parquet")
    records = articles.to_dict("records")
    segments = table_files.read(data / "segments_scored.parquet").to_dict("records")
    found = tables.findings_from_frame(table_files.read(data / "findings.parquet"))
    full = tables.articles_from_frames(articles, table_files.read(data / "blocks.parquet"))
    policy = load_policy(Path(config.load(run / "params.yaml")["policy"]))  # as the stage names it
    sha = files.write_jsonl(out / "findings.jsonl", found)
    files.write_csv(out / "findings.csv", found, segments=segments)
    rows = [{"article_id": r["article_id"], "source": r["source"],
             "word_count": r["word_count"], "title": json.loads(r["metadata"]).get("title")}
            for r in records]
    summary = summary_mod.build(rows, found, ingest=io.read_json(data / "ingest.json"),
                                detect=io.read_json(data / "detect.json"),
                                validation=io.read_json(data / "validation.json"),
                                findings_sha256=sha)
    verdicts = evaluate([{"article_id": aid, "source": a["source"], "words": a["words"]}
                         for aid, a in summary["articles"].items()], found, policy)
    summary_mod.add_policy(summary, verdicts, policy, out)
    files.write_articles_csv(out / "articles.csv", summary,
                             {aid: v.passed for aid, v in verdicts.items()})
    io.write_text(out / "junit.xml", junit.build(verdicts, policy))
    uris = {r["source"]: sarif.artifact_uri(r["path"], r["source"]) for r in records}
    io.write_json(out / "findings.sarif",
                  sarif.build(found, {r["source"]: r["file_text"] for r in records}, uris))
    fixlist.write(out / "fixlist.csv", full, found)
    xliff_out.write(out / "xliff", full, found)
    html.write(out, summary=summary, findings=found,
               texts={r["article_id"]: r["file_text"] for r in records}, segments=segments,
               verdicts=verdicts, policy=policy)
    return out, summary


def _tree(folder) -> dict[str, bytes]:
    """The report's files, but articles/DIGESTS (the stage's record of its pages' inputs)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != html.DIGESTS and p.parts[len(folder.parts)] in
            ("findings.jsonl", "findings.csv", "findings.sarif", "fixlist.csv", "index.html",
             "articles.csv", "junit.xml", "articles", "rules", "xliff")}


def test_every_streamed_file_is_the_whole_release_builders_file(run, whole):
    streamed, built = _tree(run / "reports"), _tree(whole[0])
    assert sorted(streamed) == sorted(built)
    assert {"findings.sarif", "fixlist.csv", "junit.xml", "xliff/knee-pain.xlf",
            "rules/FA007.html"} <= set(streamed)
    assert b"<failure" in streamed["junit.xml"]  # gating findings listed
    assert len([n for n in streamed if n.startswith("articles/")]) == len(CORPUS) + 1  # MANIFEST
    for name in streamed:
        assert streamed[name] == built[name], name


def test_the_summary_is_the_whole_release_summary(run, whole):
    summary = io.read_json(run / "reports" / "summary.json")
    expected = json.loads(json.dumps(whole[1]))
    for key in ("totals", "articles", "errors", "findings_file", "complete"):
        assert summary[key] == expected[key], key
    assert summary["findings_file"]["count"] == summary["totals"]["findings"] > 10


def test_sarif_results_streamed_around_the_log(tmp_path):
    """No finding: the log is the builder's, with an empty list of results and artifacts."""
    writer = sarif.ResultsWriter(tmp_path / "results.tmp")
    writer.write(tmp_path / "a.sarif", sarif.rule_codes([]), [], {})
    io.write_json(tmp_path / "b.sarif", sarif.build([], {}, {}))
    assert (tmp_path / "a.sarif").read_bytes() == (tmp_path / "b.sarif").read_bytes()
    assert not (tmp_path / "results.tmp").exists()
