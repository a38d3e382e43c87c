"""The built wheel, installed into a fresh virtual environment, runs `check`, `run` and `gate` in
an empty folder that holds only one article: the knowledge base, rule data, models and default
policy all come from the package, nothing from this checkout.

To stay cheap, the fresh environment is given this environment's installed dependencies through a
.pth line (a directory added that way has its own .pth files ignored, so the editable install of
this checkout there is not seen), and the wheel goes in with `pip --python VENV install --no-deps`.
Building the wheel needs setuptools>=77 from the package index (pip's build isolation)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ("Knee pain after running\n\n"
           "Knee pain is common in runners. Rest the knee for a few days and put ice on it for "
           "twenty minutes at a time. See a doctor if the swelling lasts longer than a week.\n")
POLICY_REF = "package:pipeline/data/policy.yaml"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp / "dist"),
                    str(ROOT)], check=True, timeout=900, capture_output=True)
    wheel, = (tmp / "dist").glob("clinic_audit-*.whl")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site, = (venv / "lib").glob("python3*/site-packages")
    (site / "_project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
                    "-q", "--no-deps", str(wheel)], check=True, timeout=600, capture_output=True)
    return venv


def _cli(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(venv / "bin" / "clinic-audit"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


def test_the_package_comes_from_the_wheel(installed, tmp_path):
    out = subprocess.run([str(installed / "bin" / "python"), "-c",
                          "import pipeline, pipeline.packaged as p; print(pipeline.__file__); "
                          "print(p.knowledge_dir()); print(p.policy_file())"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    for path in out:
        assert Path(path).is_relative_to(installed), path


def test_check_run_and_gate_in_a_folder_with_only_an_article(installed, tmp_path):
    (tmp_path / "knee.txt").write_text(ARTICLE, encoding="utf-8")
    check = _cli(installed, tmp_path, "check", "knee.txt")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[-1].endswith(f"policy passed ({POLICY_REF})")

    run = _cli(installed, tmp_path, "run", "knee.txt")
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads((tmp_path / "reports" / "summary.json").read_text(encoding="utf-8"))
    assert summary["complete"] and list(summary["articles"]) == ["knee"]
    assert summary["policy"]["path"] == POLICY_REF and summary["policy"]["passed"]
    assert (tmp_path / "reports" / "index.html").is_file()

    gate = _cli(installed, tmp_path, "gate")
    assert gate.returncode == 0, gate.stdout + gate.stderr
    assert f"gate: passed, 1 article(s) meet the policy ({POLICY_REF}:" in gate.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == [".clinic-audit-cache", "data", "knee.txt",
                                                           "reports"]
    # the per-article cache ignores itself, so a content repository never sees it as new files
    assert (tmp_path / ".clinic-audit-cache" / ".gitignore").read_text(encoding="utf-8") \
        .splitlines()[-1] == "*"
