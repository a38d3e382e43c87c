"""A lean core: `check` imports none of the extras; the validate stage without Great Expectations
records a skip (never a pass of checks that did not run); `review` without its extra is a clear
error."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from pipeline.cli import main
from tests.conftest import ROOT

HEAVY = ("great_expectations", "dvc", "starlette", "uvicorn", "playwright")


def test_check_imports_none_of_the_extras(tmp_path):
    (tmp_path / "knee.txt").write_text("Knee pain\n\nRest the the knee.\n", encoding="utf-8")
    script = ("import sys\nfrom pipeline.cli import main\n"
              "try:\n    main(['--params', sys.argv[1], 'check', 'knee.txt', '-q'])\n"
              "except SystemExit as e:\n    code = e.code\n"
              f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
              "print(code, heavy, file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", script, str(ROOT / "params.yaml")], cwd=tmp_path,
                       capture_output=True, text=True, timeout=600)
    assert r.stderr.splitlines()[-1] == "1 []", r.stderr


def test_run_without_great_expectations_records_the_skip(tmp_path, monkeypatch, capsys):
    from pipeline.stages import validate

    monkeypatch.setattr(validate, "gx_installed", lambda: False)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "knee.txt").write_text("Knee pain\n\nRest the knee and put ice on it.\n",
                                             encoding="utf-8")
    with pytest.raises(SystemExit) as e:
        main(["--params", str(ROOT / "params.yaml"), "run", str(tmp_path / "a"), "--out",
              str(tmp_path / "reports"), "--data-dir", str(tmp_path / "data")])
    assert e.value.code == 0
    summary = json.loads((tmp_path / "reports" / "summary.json").read_text(encoding="utf-8"))
    assert summary["complete"] is True
    assert summary["notes"]["validation"] == validate.NOT_INSTALLED
    assert "clinic-audit[validate]" in validate.NOT_INSTALLED
    assert not (tmp_path / "reports" / "validation").exists()
    assert "clinic-audit[validate]" in (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert f"note: validate skipped: {validate.NOT_INSTALLED}" in capsys.readouterr().err


def test_review_without_its_extra_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pipeline.review.serve", None)  # as if starlette were absent
    with pytest.raises(SystemExit) as e:
        main(["--params", str(ROOT / "params.yaml"), "review", "--db", str(tmp_path / "r.sqlite")])
    assert e.value.code == 2
    assert "pip install 'clinic-audit[review]'" in capsys.readouterr().err
    assert not (tmp_path / "r.sqlite").exists()  # nothing created before the error
