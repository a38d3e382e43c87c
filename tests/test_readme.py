"""The README's two set-up commands are the ones CI runs and they install from the lock files."""
from __future__ import annotations

import re

from tests.conftest import ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", quick)


def test_readme_has_exactly_two_setup_commands_from_lock_files():
    cmds = _commands()
    assert len(cmds) == 2
    run, test = cmds
    assert "requirements.lock" in run and run.endswith("clinic-audit run")
    assert "requirements-test.lock" in test and "pytest" in test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _commands()[1] in ci.splitlines()


def test_lock_files_pin_every_package():
    for name in ("requirements.lock", "requirements-test.lock"):
        lines = [l for l in (ROOT / name).read_text().splitlines() if l and not l.startswith("#")]
        assert lines and all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[^=\s]+", l) for l in lines), name
