"""Never lose the last good report: a run writes into OUT.staging/ and swaps it in only when it
finished; a failed run leaves the previous report byte-identical and says where its own partial
output and errors are; the files respect the umask."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import ROOT

KNEE = ("Knee pain\n\nRest the knee and apply ice for twenty minutes after a long walk. Gentle "
        "stretching of the the thigh muscles helps most patients within a week.\n")
NECK = ("Neck pain\n\nSitting for hours strains the neck and the upper back. Take a short break "
        "every hour and and look away from the screen.\n")


def run(capsys, src: Path, tmp: Path) -> tuple[int, str]:
    with pytest.raises(SystemExit) as e:
        main(["--params", str(ROOT / "params.yaml"), "run", str(src), "--out", str(tmp / "reports"),
              "--data-dir", str(tmp / "data")])
    return e.value.code, capsys.readouterr().err


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mode)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A complete earlier run, with a file of the user's own in the report folder."""

    tmp = tmp_path_factory.mktemp("staging")
    (tmp / "articles").mkdir()
    (tmp / "articles" / "knee.txt").write_text(KNEE, encoding="utf-8")
    old = os.umask(0o022)
    try:
        with pytest.raises(SystemExit) as e:
            main(["--params", str(ROOT / "params.yaml"), "run", str(tmp / "articles"), "--out",
                  str(tmp / "reports"), "--data-dir", str(tmp / "data")])
    finally:
        os.umask(old)
    assert e.value.code == 0
    (tmp / "reports" / "README.md").write_text("our notes\n", encoding="utf-8")
    return tmp


@pytest.mark.parametrize("inputs", ["nope", "empty"])
def test_a_failed_run_leaves_the_previous_report_byte_identical(capsys, good, inputs):
    before = snapshot(good / "reports")
    assert "summary.json" in before and "index.html" in before
    (good / "empty").mkdir(exist_ok=True)
    code, err = run(capsys, good / inputs, good)
    assert code == 2
    assert snapshot(good / "reports") == before
    staging = good / "reports.staging"
    assert f"{good / 'reports'}/ is unchanged; this run's partial output is in {staging}/" in err
    why = json.loads((staging / "run-failed.json").read_text(encoding="utf-8"))
    assert why["exit_code"] == 2 and why["output_left_unchanged"] == str(good / "reports")
    assert not (good / "reports.old").exists()


def test_a_finished_run_swaps_in_keeps_the_users_files_and_respects_the_umask(capsys, good, tmp_path):
    (good / "articles" / "neck.txt").write_text(NECK, encoding="utf-8")
    old = os.umask(0o002)
    try:
        code, _ = run(capsys, good / "articles", good)
    finally:
        os.umask(old)
        (good / "articles" / "neck.txt").unlink()
    assert code == 0
    reports = good / "reports"
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    assert sorted(summary["articles"]) == ["knee", "neck"]
    assert (reports / "README.md").read_text(encoding="utf-8") == "our notes\n"
    assert not (good / "reports.staging").exists() and not (good / "reports.old").exists()
    for name in ("index.html", "summary.json", "findings.jsonl", "articles/neck.html"):
        assert (reports / name).stat().st_mode & 0o777 == 0o664, name
