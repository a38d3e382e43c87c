"""Per-article report fragments (pipeline/report/fragments.py): a re-audit assembles the report
of the unchanged articles from their cached parts and builds only the changed one, and every
report file is byte for byte what a run without the cache writes."""
from __future__ import annotations

import filecmp

from pipeline import io
from pipeline.report import fragments, stream
from tests.test_cache import _params, _reused, _run, _same_output
from tests.test_parallel import EXTRA

REPORTS = ("findings.jsonl", "findings.csv", "findings.sarif", "summary.json", "metrics.json",
           "junit.xml", "articles.csv", "fixlist.csv", "index.html")


def _corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in EXTRA.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _built(monkeypatch) -> list[str]:
    """The articles whose report parts the stage builds (not assembled from a fragment)."""
    built = []
    article = stream._Report._article

    def spy(self, aid, *args, **kwargs):
        built.append(aid)
        return article(self, aid, *args, **kwargs)
    monkeypatch.setattr(stream._Report, "_article", spy)
    return built


def _same_reports(a, b) -> None:
    _same_output(a, b)
    for name in REPORTS:
        assert (a / "reports" / name).read_bytes() == (b / "reports" / name).read_bytes(), name
    rules = sorted(p.name for p in (a / "reports" / "rules").glob("*.html"))
    assert rules == sorted(p.name for p in (b / "reports" / "rules").glob("*.html"))
    assert filecmp.cmpfiles(a / "reports" / "rules", b / "reports" / "rules", rules,
                            shallow=False)[1:] == ([], [])


def _fragments(cache_dir):
    return sorted((cache_dir / "report").rglob("*.pickle"))


def test_a_re_audit_builds_the_report_of_the_changed_article_only(capsys, tmp_path,
                                                                  monkeypatch):
    folder, c = _corpus(tmp_path), tmp_path / "c"
    params = _params(tmp_path, c)
    code, out, _ = _run(capsys, params, folder, tmp_path / "run")
    assert code == 0 and _reused(out)["report"] == (0, 5) and len(_fragments(c)) == 5
    built = _built(monkeypatch)
    code, out, _ = _run(capsys, params, folder, tmp_path / "run", "--jobs", "2")
    assert code == 0, (out, _)
    assert _reused(out)["report"] == (5, 5) and built == []
    rules = tmp_path / "run" / "reports" / "rules"
    made = {p.name: p.stat().st_ino for p in rules.glob("*.html")}
    (folder / "x3.txt").write_text(EXTRA["x3.txt"] + "\nRest the the knee.\n", encoding="utf-8")
    code, out, _ = _run(capsys, params, folder, tmp_path / "run")
    assert code == 0 and _reused(out)["report"] == (4, 5) and _reused(out)["pages"] == (4, 5)
    assert built == ["x3"] and len(_fragments(c)) == 6
    now = {p.name: p.stat().st_ino for p in rules.glob("*.html")}
    assert {n for n in now if now[n] != made.get(n)} == {"TR002.html"}  # the others kept
    assert _run(capsys, params, folder, tmp_path / "fresh", "--no-cache")[0] == 0
    _same_reports(tmp_path / "fresh", tmp_path / "run")


def test_a_new_output_folder_builds_every_article_and_writes_the_same_bytes(capsys, tmp_path):
    folder, c = _corpus(tmp_path), tmp_path / "c"
    params = _params(tmp_path, c)
    assert _run(capsys, params, folder, tmp_path / "a")[0] == 0
    code, out, _ = _run(capsys, params, folder, tmp_path / "b", "--jobs", "2")
    # the fragments are there, the pages they were made with are not
    assert code == 0 and _reused(out)["report"] == (0, 5)
    _same_reports(tmp_path / "a", tmp_path / "b")


def test_a_damaged_fragment_is_built_again_with_a_warning(capsys, tmp_path, monkeypatch):
    folder, c = _corpus(tmp_path), tmp_path / "c"
    params = _params(tmp_path, c)
    assert _run(capsys, params, folder, tmp_path / "run")[0] == 0
    assert _run(capsys, params, folder, tmp_path / "fresh", "--no-cache")[0] == 0
    built = _built(monkeypatch)
    for damage, problem in ((lambda data: data[:-10], "(truncated)"),
                            (lambda data: data[:-5] + bytes([data[-5] ^ 0xFF]) + data[-4:],
                             "checksum mismatch")):
        entry = _fragments(c)[0]
        entry.write_bytes(damage(entry.read_bytes()))
        built.clear()
        code, out, err = _run(capsys, params, folder, tmp_path / "run")
        assert code == 0 and _reused(out)["report"] == (4, 5) and len(built) == 1
        assert err.count("(report) is unusable and is recomputed") == 1 and problem in err
        io.read_checked_pickle(entry)  # written again, whole
        _same_reports(tmp_path / "fresh", tmp_path / "run")


def test_sarif_results_keep_their_indexes_as_placeholders():
    text = ('{\n  "index": -1,\n  "ruleIndex": -2,\n  "x": [\n    "\\"index\\": -1"\n  ]\n},\n'
            '{\n  "index": -1,\n  "ruleIndex": -1\n}')
    kept = fragments.Sarif(text, ["TR002", "FA007"], 2)
    assert kept.fill({"FA007": 40, "TR002": 3}, 7) == (
        '{\n  "index": 7,\n  "ruleIndex": 40,\n  "x": [\n    "\\"index\\": -1"\n  ]\n},\n'
        '{\n  "index": 7,\n  "ruleIndex": 3\n}')
