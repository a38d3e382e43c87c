"""Incremental re-audit (pipeline/cache.py): a cached re-run, `--no-cache` and `--jobs 2` write
the same bytes as a fresh run; a changed article is the only one recomputed and a contradiction
between it and an unchanged article is still found; a changed option or knowledge file
invalidates every entry; a damaged entry is recomputed with a warning; a run killed mid-way
leaves only entries that verify and the previous report untouched."""
from __future__ import annotations

import filecmp
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import cache, config, io
from pipeline.cli import main
from tests.conftest import ROOT
from tests.test_parallel import EXTRA, OUTPUTS, TABLES


def _params(tmp: Path, cache_dir: Path, extra: str = "") -> Path:
    """The project's settings with the cache on, in `cache_dir`."""
    path = tmp / f"params-{cache_dir.name}-{abs(hash(extra))}.yaml"
    text = (ROOT / "params.yaml").read_text(encoding="utf-8")
    path.write_text(f"{text}\ncache: true\ncache_dir: {cache_dir}\n{extra}", encoding="utf-8")
    return path


def _run(capsys, params: Path, corpus: Path, out: Path, *flags: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main(["--params", str(params), "run", str(corpus), "--out", str(out / "reports"),
              "--data-dir", str(out / "data"), *flags])
    captured = capsys.readouterr()
    return e.value.code, captured.out, captured.err


def _reused(out: str) -> dict[str, tuple[int, int]]:
    """{step: (articles or batches reused, articles or batches)} from the run's `cache: ...`
    line."""
    line = next(line for line in out.splitlines() if line.startswith("cache: "))
    return {m[1]: (int(m[2]), int(m[3]))
            for m in re.finditer(r"(\w+) (\d+) of (\d+) (?:articles|batches) reused", line)}


def _entries(cache_dir: Path, step: str) -> list[Path]:
    return sorted((cache_dir / step).rglob("*.pickle"))


def _same_output(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / "reports" / name).read_bytes() == (b / "reports" / name).read_bytes(), name
    for name in TABLES:
        assert (a / "data" / name).read_bytes() == (b / "data" / name).read_bytes(), name
    pages = sorted(p.name for p in (a / "reports" / "articles").iterdir())
    assert pages == sorted(p.name for p in (b / "reports" / "articles").iterdir())
    _, mismatch, errors = filecmp.cmpfiles(a / "reports" / "articles", b / "reports" / "articles",
                                           pages, shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "sources" / "articles", folder)
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_fresh_cached_no_cache_and_jobs_2_runs_write_the_same_bytes(capsys, tmp_path, corpus):
    one, two = tmp_path / "cache1", tmp_path / "cache2"
    code, out, _ = _run(capsys, _params(tmp_path, one), corpus, tmp_path / "fresh")
    assert code == 0
    reused = _reused(out)
    assert reused["segment"] == reused["detect"] == (0, 7) and reused["rescore"][0] == 0
    assert len(_entries(one, "segment")) == len(_entries(one, "detect")) == 7
    code, out, _ = _run(capsys, _params(tmp_path, one), corpus, tmp_path / "cached")
    assert code == 0
    # every article, and every article that FA007 gave findings, scored again (x1, x2, ...); a
    # new output folder: every page made
    assert _reused(out) == {"segment": (7, 7), "detect": (7, 7), "rescore": (6, 6),
                            "pages": (0, 7), "report": (0, 7), "validate": (3, 3)}
    code, out, _ = _run(capsys, _params(tmp_path, one), corpus, tmp_path / "nocache", "--no-cache")
    assert code == 0 and "cache: " not in out
    # worker processes compute and write the entries of a new cache, then a run reads them all
    code, out, _ = _run(capsys, _params(tmp_path, two), corpus, tmp_path / "jobs2", "--jobs", "2")
    assert code == 0 and len(_entries(two, "segment")) == len(_entries(two, "detect")) == 7
    code, out, _ = _run(capsys, _params(tmp_path, two), corpus, tmp_path / "jobs2b", "--jobs", "2")
    assert code == 0
    assert _reused(out) == {"segment": (7, 7), "detect": (7, 7), "rescore": (6, 6),
                            "pages": (0, 7), "report": (0, 7), "validate": (3, 3)}
    for run in ("cached", "nocache", "jobs2", "jobs2b"):
        _same_output(tmp_path / "fresh", tmp_path / run)
    # again into an output folder of the same release: its pages are kept, not made again
    pages = tmp_path / "jobs2b" / "reports" / "articles"
    made = {p.name: p.stat().st_ino for p in pages.glob("*.html")}
    code, out, _ = _run(capsys, _params(tmp_path, two), corpus, tmp_path / "jobs2b", "--jobs", "2")
    assert code == 0 and _reused(out)["pages"] == (7, 7)
    assert {p.name: p.stat().st_ino for p in pages.glob("*.html")} == made
    _same_output(tmp_path / "fresh", tmp_path / "jobs2b")
    # and so are the rule pages, but those of the rules whose findings changed
    rules = tmp_path / "jobs2b" / "reports" / "rules"
    made = {p.name: p.stat().st_ino for p in rules.glob("*.html")}
    changed = sorted(corpus.iterdir())[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nRest the the knee.\n",
                       encoding="utf-8")
    code, out, _ = _run(capsys, _params(tmp_path, two), corpus, tmp_path / "jobs2b", "--jobs", "2")
    assert code == 0 and _reused(out)["pages"] == (6, 7)
    now = {p.name: p.stat().st_ino for p in rules.glob("*.html")}
    assert {n for n in now if now[n] != made.get(n)} == {"TR002.html"}
    assert _run(capsys, _params(tmp_path, one), corpus, tmp_path / "fresh2", "--no-cache")[0] == 0
    _same_output(tmp_path / "fresh2", tmp_path / "jobs2b")


def _fa007(out: Path) -> set[tuple[str, str]]:
    import json

    rows = [json.loads(line) for line in (out / "reports" / "findings.jsonl").read_text(
        encoding="utf-8").splitlines()]
    alone = {(r["source"], r["text"]) for r in rows if r["rule_id"] == "FA007"}
    related = {(r["source"], x["text"]) for r in rows for x in r["evidence"].get("related", [])
               if x["rule_id"] == "FA007"}
    return alone | related


def test_a_changed_article_is_the_only_one_recomputed_and_contradicts_a_cached_one(
        capsys, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "x2.txt").write_text("Sciatica is a short-term condition.\n", encoding="utf-8")
    params = _params(tmp_path, tmp_path / "c")
    assert _run(capsys, params, folder, tmp_path / "before")[0] == 0
    assert ("x1.txt", "Magnesium is a vitamin") not in _fa007(tmp_path / "before")
    # x2 now says the opposite of what the unchanged (cached) x1 says
    (folder / "x2.txt").write_text(EXTRA["x2.txt"], encoding="utf-8")
    pages = tmp_path / "before" / "reports" / "articles"
    inodes = {p.name: p.stat().st_ino for p in pages.glob("*.html")}
    code, out, _ = _run(capsys, params, folder, tmp_path / "before")  # into the same folder
    assert code == 0
    reused = _reused(out)
    assert reused["segment"] == reused["detect"] == (4, 5)
    assert reused["rescore"][1] - reused["rescore"][0] >= 2  # x1 and x2 have new FA007 findings
    # the pages of x1 and x2 are made again, the three others kept
    assert reused["pages"] == (3, 5)
    now = {p.name: p.stat().st_ino for p in pages.glob("*.html")}
    assert {n for n in now if now[n] != inodes.get(n)} == {"x1.html", "x2.html"}
    shutil.copytree(tmp_path / "before", tmp_path / "after")
    found = _fa007(tmp_path / "after")
    assert {("x1.txt", "Magnesium is a vitamin"), ("x2.txt", "Magnesium is not a vitamin")} <= found
    assert _run(capsys, params, folder, tmp_path / "fresh", "--no-cache")[0] == 0
    _same_output(tmp_path / "fresh", tmp_path / "after")


def test_a_rule_option_change_invalidates_every_detect_entry(capsys, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("x1.txt", "x3.txt"):
        (folder / name).write_text(EXTRA[name], encoding="utf-8")
    c = tmp_path / "c"
    assert _run(capsys, _params(tmp_path, c), folder, tmp_path / "a")[0] == 0
    changed = _params(tmp_path, c, "rules:\n  severity: {TR012: major}\n  ignore: [TR038]\n")
    code, out, _ = _run(capsys, changed, folder, tmp_path / "b")
    assert code == 0  # the parse is the same; every article is audited again
    assert _reused(out)["segment"] == (2, 2) and _reused(out)["detect"] == (0, 2)


def _settings(tmp_path: Path, **over) -> dict:
    s = config.load(ROOT / "params.yaml", root=ROOT)
    s["knowledge"] = str(tmp_path / "knowledge")
    s.update(over)
    return s


def test_batches_of_unchanged_articles_are_reused_whole_and_give_the_same_bytes(
        capsys, tmp_path, corpus):
    # seven articles, two a batch: four batches; FA007 gives findings in several of them
    params = _params(tmp_path, tmp_path / "c", "batch_articles: 2\n")
    assert _run(capsys, params, corpus, tmp_path / "run")[0] == 0
    for step in ("segment", "detect"):
        assert len(list((tmp_path / "c" / "batches" / step).rglob("*.pickle"))) == 4, step
    changed = sorted(corpus.iterdir())[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMagnesium is a vitamin.\n",
                       encoding="utf-8")
    code, out, _ = _run(capsys, params, corpus, tmp_path / "run")
    assert code == 0
    reused = _reused(out)
    assert reused["segment"] == reused["detect"] == (6, 7)
    for step in ("segment", "detect"):  # the changed article's batch, stored anew
        assert len(list((tmp_path / "c" / "batches" / step).rglob("*.pickle"))) == 5, step
    assert _run(capsys, params, corpus, tmp_path / "fresh", "--no-cache")[0] == 0
    _same_output(tmp_path / "fresh", tmp_path / "run")


def test_keys_change_with_what_can_change_a_result_and_only_with_that(tmp_path):
    (tmp_path / "knowledge").mkdir()
    base = _settings(tmp_path)
    seg, det = cache.segment_key(base), cache.detect_key(base, True)
    # where things are read and written, workers, the policy: same keys
    same = _settings(tmp_path, out="elsewhere", data_dir="d2", jobs=2, inputs=["x"],
                     policy="other.yaml", cache_dir="c2")
    assert (cache.segment_key(same), cache.detect_key(same, True)) == (seg, det)
    # what the rules read: a new detect key, the same segment key
    for change in ({"rules": {**base["rules"], "options": {"TR012": {"ignore_rules": ["X"]}}}},
                   {"rules": {**base["rules"], "select": ["TR"]}},
                   {"grammar": {**base["grammar"], "harper": False}}):
        other = _settings(tmp_path, **change)
        assert cache.segment_key(other) == seg and cache.detect_key(other, True) != det, change
    assert cache.detect_key(base, False) != det
    (tmp_path / "knowledge" / "extra.yaml").write_text("concepts: []\n", encoding="utf-8")
    assert cache.detect_key(base, True) != det  # the project's knowledge, by content
    # the spaCy model: every key
    model = _settings(tmp_path, nlp={**base["nlp"], "model": "another_model"})
    assert cache.segment_key(model) != seg and cache.detect_key(model, True) != det


def test_the_key_does_not_depend_on_the_folder_the_audit_is_started_from(tmp_path, monkeypatch):
    # `python -m` from a checkout puts the checkout first on the import path, with its own
    # clinic_audit.egg-info; the console script puts its bin/ folder there instead
    (tmp_path / "clinic_audit.egg-info").mkdir()
    before = cache.package_versions.__wrapped__()
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path[1:]])
    assert cache.package_versions.__wrapped__() == before
    monkeypatch.setattr(sys, "path", [sys.path[0], str(tmp_path), *sys.path[1:]])
    assert "clinic_audit.egg-info" in cache.package_versions.__wrapped__().splitlines()


def test_article_key_covers_text_blocks_metadata_and_name():
    from pipeline.ingest import read_article

    def key(name: str, text: str) -> str:
        return cache.article_key(read_article(ROOT / name, data=text.encode()))

    base = key("a.md", "---\ntitle: Knee\n---\n# Knee\n\nRest it.\n")
    assert key("a.md", "---\ntitle: Knee\n---\n# Knee\n\nRest it.\n") == base
    assert key("b.md", "---\ntitle: Knee\n---\n# Knee\n\nRest it.\n") != base
    assert key("a.md", "---\ntitle: Knees\n---\n# Knee\n\nRest it.\n") != base
    assert key("a.md", "---\ntitle: Knee\n---\nKnee\n\nRest it.\n") != base  # a heading no more
    assert key("a.md", "---\ntitle: Knee\n---\n# Knee\n\nRest it!\n") != base


def test_a_damaged_entry_is_recomputed_with_a_warning(capsys, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in ("x1.txt", "x3.txt", "x5.txt"):
        (folder / name).write_text(EXTRA[name], encoding="utf-8")
    c = tmp_path / "c"
    params = _params(tmp_path, c)
    assert _run(capsys, params, folder, tmp_path / "a")[0] == 0
    truncated = _entries(c, "detect")[0]
    truncated.write_bytes(truncated.read_bytes()[:-10])
    flipped = _entries(c, "segment")[1]
    data = bytearray(flipped.read_bytes())
    data[-5] ^= 0xFF
    flipped.write_bytes(bytes(data))
    # and the entries of the whole batch (one batch: three articles), so that the articles' own
    # entries are read
    for step in ("segment", "detect"):
        (batch,) = (c / "batches" / step).rglob("*.pickle")
        batch.write_bytes(batch.read_bytes()[:-10])
    code, out, err = _run(capsys, params, folder, tmp_path / "b")
    assert code == 0
    assert (_reused(out)["segment"], _reused(out)["detect"]) == ((2, 3), (2, 3))
    assert err.count("is unusable and is recomputed") == 4
    assert "(truncated)" in err and "checksum mismatch" in err
    _same_output(tmp_path / "a", tmp_path / "b")
    for path in _entries(c, "segment") + _entries(c, "detect") + sorted(
            (c / "batches").rglob("*.pickle")):  # rewritten whole
        io.read_checked_pickle(path)


def test_a_run_killed_mid_way_leaves_only_whole_entries_and_the_old_report(capsys, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "x1.txt").write_text(EXTRA["x1.txt"], encoding="utf-8")
    c = tmp_path / "c"
    params = _params(tmp_path, c)
    assert _run(capsys, params, folder, tmp_path)[0] == 0
    before = {p.relative_to(tmp_path / "reports"): p.read_bytes()
              for p in (tmp_path / "reports").rglob("*") if p.is_file()}
    shutil.rmtree(c)
    body = sorted((ROOT / "sources" / "articles").glob("*.txt"))[0].read_text(encoding="utf-8")
    for k in range(16):
        (folder / f"a{k:02}.txt").write_text(f"Article {k}\n\n{body}", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-c", "from pipeline.cli import main; main()", "--params", str(params),
         "run", str(folder), "--out", str(tmp_path / "reports"), "--data-dir",
         str(tmp_path / "data")], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 900  # a shared, busy machine
        while not _entries(c, "detect") and time.monotonic() < deadline:
            assert proc.poll() is None, "the run ended before it was killed"
            time.sleep(0.01)
        assert proc.poll() is None, "the run ended before it was killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    detect = _entries(c, "detect")
    assert 1 <= len(detect) < 17
    for path in _entries(c, "segment") + detect:
        io.read_checked_pickle(path)  # raises on a partial entry
    after = {p.relative_to(tmp_path / "reports"): p.read_bytes()
             for p in (tmp_path / "reports").rglob("*") if p.is_file()}
    assert after == before
