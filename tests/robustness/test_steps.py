"""Per-article isolation of the steps main gained after issue 12: Harper, the claims parser and
quality scoring (in detect), the fix list and the annotated XLIFF copies (in the report stage).
A failure names the file and the step; the other articles finish with the same results as alone."""
from __future__ import annotations

import csv
import json
import pytest

from pipeline.detect import detect
from pipeline.grammar.harper import HarperEngine
from pipeline.resources import Resources
from tests.conftest import make_article, run_rules, settings_for
from tests.robustness import oracle
from tests.robustness.test_runs import run
from tests.robustness.test_regressions import write

GOOD = ("Knee pain\n\nThe tibia, the bone of the forearm, is broken. He don't need to take "
        "antibiotics and and needs rest.\n")
SELECT = ["TR002", "TR015", "FA009"]  # doubled words, Harper's agreement lints, claims


class PanicException(BaseException):
    """What a Rust panic in a native extension surfaces as (pyo3): not an Exception."""


@pytest.fixture
def saboteur(monkeypatch):
    """Harper, the claims parser and quality scoring fail on articles that ask for it."""
    import pipeline.detect as detect_mod
    import pipeline.rules.fact.relation_common as relation_common

    lint_blocks, relations = HarperEngine.lint_blocks, relation_common.sentence_relations

    def lint(self, key, text, spans):
        if "HARPER-PANIC" in text:
            raise PanicException("index out of bounds")
        return lint_blocks(self, key, text, spans)

    def sentence_relations(kb, facts, text, *args, **kw):
        if "CLAIMS-FAIL" in text:
            raise ValueError("simulated parser failure")
        return relations(kb, facts, text, *args, **kw)

    score = detect_mod.score_segments

    def score_segments(article, findings, resources):
        if "QUALITY-FAIL" in article.text:
            raise RuntimeError("simulated model failure")
        return score(article, findings, resources)

    monkeypatch.setattr(HarperEngine, "lint_blocks", lint)
    monkeypatch.setattr(relation_common, "sentence_relations", sentence_relations)
    monkeypatch.setattr(detect_mod, "score_segments", score_segments)


def test_harper_claims_and_quality_failures_fail_their_article_only(saboteur):
    articles = [make_article(GOOD, "good.txt"),
                make_article(GOOD + "HARPER-PANIC here.\n", "harper.txt"),
                make_article(GOOD + "CLAIMS-FAIL here.\n", "claims.txt"),
                make_article(GOOD + "QUALITY-FAIL here.\n", "quality.txt")]
    settings = settings_for(SELECT)
    findings, errors, _ = detect(articles, settings, Resources(settings))
    assert sorted((e["source"], e["step"], e["problem"]) for e in errors) == [
        ("claims.txt", "claims parser", "ValueError: simulated parser failure"),
        ("harper.txt", "grammar (Harper)", "PanicException: index out of bounds"),
        ("quality.txt", "quality", "RuntimeError: simulated model failure")]
    alone = run_rules([make_article(GOOD, "good.txt")], SELECT)
    assert {f.rule_id for f in alone} == set(SELECT)  # every step ran on the good article
    assert [(f.rule_id, f.start, f.end) for f in findings] == \
        [(f.rule_id, f.start, f.end) for f in alone]
    assert all(s.quality is not None for s in articles[0].segments)


X12 = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="fa" '
       'target-language="en" original="a" datatype="plaintext"><body>\n'
       '<trans-unit id="u1"><source>درد زانو</source><target>Knee pain</target></trans-unit>\n'
       '<trans-unit id="u2"><source>استراحت کنید و و یخ بگذارید.</source>'
       '<target>Rest the the knee and put ice on it.</target></trans-unit>\n'
       '</body></file></xliff>\n')


def test_a_failed_fix_list_or_xliff_copy_names_the_article_and_the_others_are_written(
        tmp_path, monkeypatch):
    from pipeline.report import fixlist, xliff_out

    src = tmp_path / "articles"
    write(src / "a.xlf", X12)
    write(src / "b.xlf", X12.replace("Knee pain", "Knee pain XLIFF-FAIL"))
    write(src / "c.txt", "Neck pain\n\nRoll the the shoulders. FIXLIST-FAIL\n")
    write(src / "d.txt", "Hip pain\n\nWalk and and rest.\n")
    out = tmp_path / "out"
    stale = write(out / "reports" / "xliff" / "b.xlf", "an earlier run's copy")
    rows, annotate = fixlist.rows, xliff_out.annotate

    def failing_rows(articles, findings):
        if any("FIXLIST-FAIL" in a.text for a in articles):
            raise KeyError("simulated")
        return rows(articles, findings)

    def failing_annotate(text, findings):
        if "XLIFF-FAIL" in text:
            raise ValueError("simulated")
        return annotate(text, findings)

    monkeypatch.setattr(fixlist, "rows", failing_rows)
    monkeypatch.setattr(xliff_out, "annotate", failing_annotate)
    assert run(src, out) == 2
    reports = out / "reports"
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    assert summary["complete"] is False
    assert sorted((e["source"], e["step"]) for e in summary["errors"]["articles"]) == [
        ("b.xlf", "xliff"), ("c.txt", "fixlist")]
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert "failed at xliff" in index and "failed at fixlist" in index
    with open(reports / "fixlist.csv", encoding="utf-8", newline="") as fh:
        assert {r["file"] for r in csv.DictReader(fh)} == {"a.xlf", "b.xlf", "d.txt"}
    assert (reports / "xliff" / "a.xlf").exists() and not stale.exists()
    assert {p.name for p in (reports / "articles").glob("*.html")} == {
        "a.html", "b.html", "c.html", "d.html"}


def test_the_quality_step_is_under_the_time_budget(monkeypatch):
    import time

    import pipeline.detect as detect_mod

    def slow(article, findings, resources):
        while True:
            time.sleep(0.01)

    settings = settings_for(["TR002"], limits={"article_seconds": 0.5})
    resources = Resources(settings)
    detect([make_article(GOOD, "warm.txt")], settings_for(["TR002"]), resources)  # load first
    monkeypatch.setattr(detect_mod, "score_segments", slow)
    article = make_article(GOOD, "slow.txt")
    with oracle.deadline(30):
        findings, errors, _ = detect([article], settings, resources)
    assert findings == [] and [(e["step"], e["problem"]) for e in errors] == [
        ("quality", "scoring slow.txt took longer than 0.5 s (limits.article_seconds)")]



def test_check_names_the_article_and_the_step_and_prints_the_others(saboteur, tmp_path, capsys):
    import yaml

    from pipeline.cli import main
    from tests.conftest import ROOT

    write(tmp_path / "good.txt", GOOD)
    write(tmp_path / "harper.txt", GOOD + "HARPER-PANIC here.\n")
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params.update(rules={"select": SELECT})
    write(tmp_path / "params.yaml", yaml.safe_dump(params))
    with pytest.raises(SystemExit) as e:
        main(["--params", str(tmp_path / "params.yaml"), "check", str(tmp_path), "--format",
              "jsonl", "--policy", str(ROOT / "sources" / "policy.yaml")])
    out, err = capsys.readouterr()
    assert e.value.code == 2
    assert "error: harper.txt failed at grammar (Harper): PanicException: index out of bounds" \
        in err.splitlines()
    rows = [json.loads(line) for line in out.splitlines()]
    assert {r["source"] for r in rows} == {"good.txt"} and {r["rule_id"] for r in rows} == set(SELECT)
