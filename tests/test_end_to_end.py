"""The whole pipeline on the bundled articles, through `clinic-audit run` and through DVC."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import ROOT


def run_cli(*args) -> int:
    with pytest.raises(SystemExit) as e:
        main(list(args))
    return e.value.code


@pytest.fixture(scope="module")
def bundled_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run")
    code = run_cli("--params", str(ROOT / "params.yaml"), "run", str(ROOT / "sources" / "articles"),
                   "--out", str(out / "reports"), "--data-dir", str(out / "data"))
    return code, out / "reports"


def test_run_on_bundled_sources_writes_every_output(bundled_run):
    code, reports = bundled_run
    assert code == 0
    for name in ("findings.jsonl", "findings.csv", "summary.json", "index.html"):
        assert (reports / name).stat().st_size > 0, name
    summary = json.loads((reports / "summary.json").read_text())
    assert summary["complete"] is True
    assert set(summary["articles"]) == {"000_d16d583c0d26eb51", "001_bdb9254bc7ba36e2"}
    assert summary["totals"]["findings"] == summary["findings_file"]["count"] > 0


def test_summary_and_index_name_the_grammar_engines(bundled_run):
    """A fresh install checks grammar offline (Harper), with no LanguageTool server."""
    from importlib.metadata import version

    _, reports = bundled_run
    summary = json.loads((reports / "summary.json").read_text())
    engine = f"harper-py {version('harper-py')}"
    assert summary["grammar_engines"] == [engine]
    assert f"Grammar checked by: {engine}" in (reports / "index.html").read_text()


def test_every_finding_text_is_the_file_text_at_its_offsets(bundled_run):
    _, reports = bundled_run
    texts = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "sources/articles").glob("*.txt")}
    rows = [json.loads(l) for l in (reports / "findings.jsonl").read_text().splitlines()]
    for r in rows:
        assert texts[r["source"]][r["start"]:r["end"]] == r["text"], r
        assert r["severity"] in ("critical", "major", "minor")


def test_a_bad_file_is_reported_and_the_others_still_audited(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    shutil.copy(ROOT / "sources/articles/001_bdb9254bc7ba36e2.txt", src)
    (src / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00")
    code = run_cli("--params", str(ROOT / "params.yaml"), "run", str(src),
                   "--out", str(tmp_path / "reports"), "--data-dir", str(tmp_path / "data"))
    assert code == 2
    summary = json.loads((tmp_path / "reports/summary.json").read_text())
    assert summary["complete"] is False
    assert summary["errors"]["ingest"][0]["source"] == "broken.txt"
    assert "001_bdb9254bc7ba36e2" in summary["articles"]
    assert "broken.txt" in (tmp_path / "reports/index.html").read_text()


def test_article_text_is_escaped_in_the_html_report(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    (src / "evil.txt").write_text('Title\n<script>alert(1)</script> and the the <img src=x onerror="alert(2)">\n')
    run_cli("--params", str(ROOT / "params.yaml"), "run", str(src),
            "--out", str(tmp_path / "reports"), "--data-dir", str(tmp_path / "data"))
    html = (tmp_path / "reports/articles/evil.html").read_text()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_rules_and_rule_commands(capsys):
    assert run_cli("rules") == 0
    listing = capsys.readouterr().out
    assert "TR001" in listing and "source-script-left" in listing
    assert run_cli("rule", "tr002") == 0
    doc = capsys.readouterr().out
    assert "What it does" in doc and "References" in doc
    assert run_cli("rule", "XX000") == 2


def _dvc_copy(dest: Path) -> Path:
    dest.mkdir()
    for name in ("dvc.yaml", "params.yaml", ".dvcignore"):
        shutil.copy(ROOT / name, dest / name)
    for name in ("sources", "pipeline", ".dvc"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "cache", "tmp"))
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    return dest


@pytest.mark.skipif(shutil.which("git") is None, reason="dvc repro needs git")
def test_dvc_repro_in_two_fresh_copies_gives_the_same_lock_and_numeric_metrics(tmp_path):
    """No absolute path or time stamp in a tracked output: two copies of the project in different
    folders reproduce byte-identical dvc.lock files, then say they are up to date."""
    dvc = Path(sys.executable).parent / "dvc"
    if not dvc.exists():
        pytest.skip("dvc is not installed in this environment")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    locks = []
    for name in ("one", "second-copy"):
        copy = _dvc_copy(tmp_path / name)
        r = subprocess.run([str(dvc), "repro"], cwd=copy, env=env, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        locks.append((copy / "dvc.lock").read_text(encoding="utf-8"))
        status = subprocess.run([str(dvc), "status"], cwd=copy, env=env, capture_output=True,
                                text=True, check=True)
        assert "Data and pipelines are up to date" in status.stdout
    assert locks[0] == locks[1]
    assert str(tmp_path) not in locks[0]
    m = subprocess.run([str(dvc), "metrics", "show", "--json"], cwd=copy, env=env,
                       capture_output=True, text=True, check=True)
    metrics = json.loads(m.stdout)
    data = next(iter(metrics.values()))["data"]
    assert list(data) == ["reports/metrics.json"]
    values = data["reports/metrics.json"]["data"]
    assert values["complete"] == 1 and values["articles"] == 2

    def numbers(node):
        return all(numbers(v) for v in node.values()) if isinstance(node, dict) else \
            isinstance(node, (int, float)) and not isinstance(node, bool)

    assert numbers(values)


def test_a_crash_exits_2_leaves_the_last_report_and_says_where_its_own_is(tmp_path, monkeypatch,
                                                                          capsys):
    def boom(settings):
        raise MemoryError("simulated crash in segmentation")

    monkeypatch.setattr("pipeline.stages.segment.run", boom)
    out = tmp_path / "reports"
    out.mkdir()
    (out / "summary.json").write_text('{"complete": true}')  # left over from an earlier run
    code = run_cli("--params", str(ROOT / "params.yaml"), "run", str(ROOT / "sources/articles"),
                   "--out", str(out), "--data-dir", str(tmp_path / "data"))
    assert code == 2
    assert (out / "summary.json").read_text() == '{"complete": true}'  # the earlier run's, intact
    staging = tmp_path / "reports.staging"
    assert not (staging / "summary.json").exists()
    why = json.loads((staging / "run-failed.json").read_text())
    assert why["failed_stage"] == "segment" and "simulated crash" in why["error"]
    err = capsys.readouterr().err
    assert "crashed" in err and f"partial output is in {staging}/" in err
