"""`--jobs N`: segment and detect in worker processes (and the report stage's pages, with validate
beside it) give the same output, byte for byte, as one process; the per-article time budget holds
inside a worker; a worker that dies fails only the article it was auditing (a report worker, no
page at all); fewer articles to do than justify workers (a re-audit after a few changed) are done
in this process, and start none. The tests of workers make them for any number of items
(`pools`)."""
from __future__ import annotations

import filecmp
import json
import multiprocessing
import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline import detect as detect_mod
from pipeline import nlp, parallel
from pipeline.cli import main
from pipeline.detect import audit_article, detect
from pipeline.ingest import read_article
from pipeline.parallel import Behind, ahead
from pipeline.report import pages
from pipeline.rules.base import Match, Rule
from tests.conftest import ROOT, settings_for

EXTRA = {  # contradictions across articles (FA007, so articles are scored again), garble, debris
    "x1.txt": "Magnesium is a vitamin that relaxes muscles.\n\nSciatica is a chronic condition.\n",
    "x2.txt": "Magnesium is not a vitamin.\n\nSciatica is a short-term condition. Patient should "
              "see doctor if the pain its getting worse.\n",
    "x3.txt": "Knee pain\n\nThe brace should wear for six weeks. Call now for an appointment!\n",
    "x4.md": "# Back pain\n\nDry needling, also called acupuncture, relaxes the muscle.\n",
    "x5.txt": "Acupuncture differs from dry needling in its theory. Rest helps.\n",
}
OUTPUTS = ("findings.jsonl", "findings.csv", "findings.sarif", "summary.json", "junit.xml",
           "articles.csv", "fixlist.csv", "index.html")
TABLES = ("articles.parquet", "blocks.parquet", "segments.parquet", "tokens.parquet",
          "findings.parquet", "segments_scored.parquet", "detect.json", "segment.json")


def _run(corpus, out, jobs: int, params: Path = ROOT / "params.yaml") -> int:
    with pytest.raises(SystemExit) as e:
        main(["--params", str(params), "run", str(corpus), "--out",
              str(out / "reports"), "--data-dir", str(out / "data"), "--jobs", str(jobs)])
    return e.value.code


@pytest.fixture
def pools(monkeypatch):
    """Worker processes for any number of items (else a few are done in this process)."""
    monkeypatch.setattr(parallel, "worth_a_pool", lambda items, jobs: True)


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path, pools):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "sources" / "articles", corpus)
    for name, text in EXTRA.items():
        (corpus / name).write_text(text, encoding="utf-8")
    assert _run(corpus, tmp_path / "one", 1) == _run(corpus, tmp_path / "two", 2) == 0
    one, two = tmp_path / "one", tmp_path / "two"
    for name in OUTPUTS:
        assert (one / "reports" / name).read_bytes() == (two / "reports" / name).read_bytes(), name
    for name in TABLES:
        assert (one / "data" / name).read_bytes() == (two / "data" / name).read_bytes(), name
    pages = sorted(p.name for p in (one / "reports" / "articles").iterdir())
    assert len([p for p in pages if p.endswith(".html")]) == 7
    match, mismatch, errors = filecmp.cmpfiles(one / "reports" / "articles",
                                               two / "reports" / "articles", pages, shallow=False)
    assert (mismatch, errors) == ([], [])
    rules = sorted(p.name for p in (one / "reports" / "rules").iterdir())
    assert len(rules) > 10
    assert filecmp.cmpfiles(one / "reports" / "rules", two / "reports" / "rules", rules,
                            shallow=False)[1:] == ([], [])
    rows = [json.loads(l) for l in (one / "reports" / "findings.jsonl").read_text().splitlines()]
    expected = {
        ("000_d16d583c0d26eb51.txt", "Dry needling or acupuncture"): 2,
        ("001_bdb9254bc7ba36e2.txt", "Magnesium supplement is one of the best vitamins"): 1,
        ("001_bdb9254bc7ba36e2.txt", "acupuncture is different from dry needling"): 2,
        ("x1.txt", "Magnesium is a vitamin"): 1, ("x1.txt", "Sciatica is a chronic"): 1,
        ("x2.txt", "Magnesium is not a vitamin"): 2, ("x2.txt", "Sciatica is a short-term"): 1,
        ("x4.md", "Dry needling, also called acupuncture"): 2,
        ("x5.txt", "Acupuncture differs from dry needling"): 2}
    # FA007 stands alone, or (one defect, one finding: pipeline/dedupe.py) is attached to the
    # knowledge-base finding on the same span as related evidence
    alone = {(r["source"], r["text"]): r["evidence"]["contradicts_count"] for r in rows
             if r["rule_id"] == "FA007"}
    related = {(r["source"], x["text"]) for r in rows for x in r["evidence"].get("related", [])
               if x["rule_id"] == "FA007"}
    assert set(alone) | related == set(expected) and not set(alone) & related
    assert alone == {k: expected[k] for k in alone}


def _articles(texts: dict[str, str]):
    return [read_article(ROOT / name, data=text.encode()) for name, text in texts.items()]


SMALL = {"a.txt": "Knee pain\n\nThe brace should wear for six weeks.\n",
         "b.txt": "Patient should see doctor. CRASH-ME SLOW-ME\n",
         "c.txt": "Magnesium is a vitamin that relaxes muscles.\n",
         "d.txt": "Magnesium is not a vitamin. Rest helps.\n"}


def _crashing_segment(articles):
    if any("CRASH-ME" in a.text for a in articles):
        os._exit(3)  # as a segfault in native code would: no exception, the process is gone
    return nlp._segment_batch(articles)


def _crashing_detect(articles):
    if any("CRASH-ME" in a.text for a in articles):
        os._exit(3)
    return detect_mod._audit_batch(articles)


class Slow(Rule):
    """Takes its time on one article (a stand-in for a runaway regular expression)."""

    code, name, category, severity, mqm_type = "TR999", "slow", "translation", "minor", "Other"

    def check(self, ctx):
        if "SLOW-ME" in ctx.text:
            time.sleep(30)
        return [Match(0, 4, "seen")]


def _slow_detect(articles):
    w = detect_mod._worker
    rules = [*w["rules"], (Slow, Slow(), {}, "minor")]
    return [audit_article(a, rules, w["resources"], w["limits"], w["score"]) for a in articles]


def _serial(select):
    settings = settings_for(select)
    articles = _articles(SMALL)
    assert nlp.segment(articles) == []
    findings, errors, _ = detect([a for a in articles if a.source != "b.txt"], settings,
                                 score=False)
    assert errors == []
    return [f.to_dict() for f in findings]


def test_a_worker_that_dies_fails_only_its_article(monkeypatch, pools):
    select = ["CO", "FA007", "TR025"]
    expected = _serial(select)
    assert sum(f["rule_id"] == "FA007" for f in expected) == 2
    settings = settings_for(select)
    articles = _articles(SMALL)
    monkeypatch.setattr(nlp, "_segment_batch", _crashing_segment)
    errors = nlp.segment(articles, jobs=2)
    assert [(e["source"], e["step"]) for e in errors] == [("b.txt", "segment")]
    assert "the worker process auditing it died" in errors[0]["problem"]
    assert [bool(a.segments) for a in articles] == [True, False, True, True]
    nlp.segment([articles[1]])  # segmented here, so that detect gets to the crash
    monkeypatch.setattr(detect_mod, "_audit_batch", _crashing_detect)
    findings, errors, _ = detect(articles, settings, jobs=2, score=False)
    assert [(e["source"], e["step"]) for e in errors] == [("b.txt", "detect")]
    assert "the worker process auditing it died" in errors[0]["problem"]
    assert [f.to_dict() for f in findings] == expected  # FA007 between c.txt and d.txt included


def test_the_time_budget_holds_inside_a_worker(monkeypatch, pools):
    select = ["CO", "TR025"]
    settings = settings_for(select, limits={"article_seconds": 5})
    articles = _articles(SMALL)
    assert nlp.segment(articles) == []
    monkeypatch.setattr(detect_mod, "_audit_batch", _slow_detect)
    started = time.monotonic()
    findings, errors, _ = detect(articles, settings, jobs=2, score=False)
    assert time.monotonic() - started < 25
    assert errors == [{"source": "b.txt", "article_id": "b", "step": "detect",
                       "problem": "checking b.txt took longer than 5 s (limits.article_seconds)"}]
    assert sorted({f.source for f in findings if f.rule_id == "TR999"}) == ["a.txt", "c.txt", "d.txt"]


_RENDER = pages._render  # the worker's own, as imported (the test replaces it in this process)
_RULE_PAGE = pages._rule_page


def _crashing_render(items):
    if multiprocessing.parent_process() is not None and any("CRASH-ME" in item[4].file_text
                                                            for item in items):
        os._exit(3)  # a report worker dies; the pages of its task are rendered by the stage
    return _RENDER(items)


def _crashing_rule_page(task):
    if multiprocessing.parent_process() is not None:
        os._exit(3)  # a rule page's worker dies; the stage makes the page itself
    return _RULE_PAGE(task)


def test_report_workers_and_validate_beside_them_change_nothing(tmp_path, monkeypatch, capfd,
                                                                  pools):
    """With two workers the report stage renders the article and rule pages in worker
    processes and the validate stage runs beside it: the same files, the same exit status and
    the same messages, in the same order, as one process; a report worker that dies costs no
    page."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in SMALL.items():
        (corpus / name).write_text(text, encoding="utf-8")
    said, ended = {}, []
    restart = pages.Pages._restart

    def counted(self):  # whether a pool was ended: after a worker died, and at close
        ended.append(self.pool is not None)
        restart(self)

    for jobs in (1, 2):
        if jobs == 2:
            monkeypatch.setattr(pages, "_render", _crashing_render)
            monkeypatch.setattr(pages, "_rule_page", _crashing_rule_page)
            monkeypatch.setattr(pages.Pages, "_restart", counted)
        code = _run(corpus, tmp_path / str(jobs), jobs)
        said[jobs] = (code, capfd.readouterr().err.replace(str(tmp_path / str(jobs)), "OUT"))
    assert said[1] == said[2]
    # the four articles were one task: its pool ended when the worker died, and the task was
    # done here; the rule pages started another pool, whose workers died too, and it was ended
    # at the end of the stage
    assert ended == [True, True]
    assert said[1][0] == 0
    assert [line.split(" (")[0] for line in said[1][1].splitlines()] == [
        "release policy not met: score", "release policy not met: fact_per_1000_words"]
    one, two = tmp_path / "1" / "reports", tmp_path / "2" / "reports"
    for name in OUTPUTS:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    names = sorted(p.name for p in (one / "articles").iterdir())
    assert names == sorted(p.name for p in (two / "articles").iterdir())
    assert [n for n in names if n.endswith(".html")] == ["a.html", "b.html", "c.html", "d.html"]
    assert filecmp.cmpfiles(one / "articles", two / "articles", names, shallow=False)[1:] == ([], [])
    rules = sorted(p.name for p in (one / "rules").iterdir())
    assert rules == sorted(p.name for p in (two / "rules").iterdir()) and len(rules) > 2
    assert filecmp.cmpfiles(one / "rules", two / "rules", rules, shallow=False)[1:] == ([], [])


def test_work_behind_and_ahead_of_the_workers_keeps_order_and_errors():
    for on in (True, False):
        done = []
        with Behind(on) as behind:
            for k in range(5):
                behind.run(done.append, k)
        assert done == [0, 1, 2, 3, 4]
        with pytest.raises(ZeroDivisionError), Behind(on) as behind:
            behind.run(lambda: 1 / 0)
        assert list(ahead(iter(range(5)), on)) == [0, 1, 2, 3, 4]

        def failing():
            yield "first"
            raise ValueError("the table is damaged")

        read = ahead(failing(), on)
        assert next(read) == "first"
        with pytest.raises(ValueError, match="damaged"):
            next(read)


_STATE: dict = {}


def _note(tag: str) -> None:
    _STATE.setdefault("started", []).append(tag)


def _twice(items: list) -> list:
    return [(2 * x, os.getpid(), tuple(_STATE["started"])) for x in items]


def test_few_items_are_done_here_and_many_by_workers():
    """Fewer than `jobs` full batches: in this process, the initializer run here once; more:
    worker processes (each initialized once); the same results in the same order."""
    _STATE.clear()
    few, many = list(range(2 * parallel.MAX_BATCH - 1)), list(range(2 * parallel.MAX_BATCH))
    assert not parallel.worth_a_pool(len(few), 2) and parallel.worth_a_pool(len(many), 2)
    with parallel.Workers(_twice, 2, initializer=_note, initargs=("t",), died=None) as workers:
        assert workers.map(few) == [(2 * x, os.getpid(), ("t",)) for x in few]
        assert workers.map(few[:3]) == [(2 * x, os.getpid(), ("t",)) for x in few[:3]]
        assert workers.pool is None and _STATE["started"] == ["t"]
        done = workers.map(many)
        assert workers.pool is not None
    assert [d[0] for d in done] == [2 * x for x in many]
    assert {d[1] for d in done} - {os.getpid()} == {d[1] for d in done}  # all by workers
    assert {d[2] for d in done} == {("t",)}


def test_a_small_re_audit_at_jobs_2_starts_no_worker(tmp_path, monkeypatch):
    """A release of more articles than justify workers: its first run at --jobs 2 starts them
    for segment and detect; the re-audit after one article changed starts none, for the report
    pages either (a spy on the pools), and writes what a run at --jobs 1 without the cache
    writes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    topics = ["knee", "back", "neck", "hip", "ankle", "wrist", "elbow", "shoulder", "foot"]
    for k in range(2 * parallel.MAX_BATCH + 1):
        (corpus / f"a{k:02d}.txt").write_text(
            f"{topics[k % 9].title()} pain\n\nRest the {topics[k % 9]} for {k + 2} days. Patient "
            f"should see doctor if the pain its getting worse.\n", encoding="utf-8")
    params = tmp_path / "params.yaml"
    params.write_text((ROOT / "params.yaml").read_text(encoding="utf-8") +
                      f"\ncache: true\ncache_dir: {tmp_path / 'cache'}\n", encoding="utf-8")
    started = []
    real = parallel.process_pool

    def spy(jobs, initializer, initargs):
        started.append(getattr(initializer, "__module__", None))
        return real(jobs, initializer, initargs)

    monkeypatch.setattr(parallel, "process_pool", spy)
    assert _run(corpus, tmp_path / "two", 2, params) == 0
    assert {"pipeline.nlp", "pipeline.detect"} <= set(started)
    with (corpus / "a03.txt").open("a", encoding="utf-8") as f:
        f.write("Zinc is a mineral.\n")
    started.clear()
    assert _run(corpus, tmp_path / "two", 2, params) == 0
    # validate's, beside the report stage: no segment, detect or report page pool
    assert started == [None]
    monkeypatch.setattr(parallel, "process_pool", real)
    with pytest.raises(SystemExit):
        main(["--params", str(params), "run", str(corpus), "--out",
              str(tmp_path / "one" / "reports"), "--data-dir", str(tmp_path / "one" / "data"),
              "--jobs", "1", "--no-cache"])
    for name in OUTPUTS:
        assert (tmp_path / "one" / "reports" / name).read_bytes() == \
            (tmp_path / "two" / "reports" / name).read_bytes(), name
