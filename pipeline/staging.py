"""Never lose the last good report: `clinic-audit run` writes into a staging folder beside the
output (`reports.staging/` for `reports/`) and swaps it in only when the run finished.

- The staging folder starts as a copy of the current output (files the run does not write, such
  as a README, and `articles/MANIFEST` for the removal of stale pages, carry over), or empty.
  The copy is made of hard links where the file system allows them: every report file is
  written to a temporary name and renamed over its old name (`pipeline/io.py`), which gives the
  staging folder a new file and leaves the linked old one as it was. A re-audit keeps the pages
  that did not change, so a copy of thousands of pages would cost more than writing the few
  that did.
- Finished: the report stage wrote `summary.json` and at least one article was audited. Articles
  that failed on their own are recorded in that report (summary.json, index.html): one bad file
  among many does not hide the others' results. The swap is two renames (the old output is
  moved aside, the staging folder takes its name) and the old output is then deleted.
- Failed (a stage error, a bad setting met late, no article audited, an exception, Ctrl-C): the
  output is left untouched, byte for byte; the staging folder stays for inspection with
  `run-failed.json` (which stage, exit code, error) and is replaced by the next run.
"""
from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pipeline import io

FAILED = "run-failed.json"


@dataclass
class Staging:
    out: Path

    @property
    def path(self) -> Path:
        return self.out.with_name(self.out.name + ".staging")

    @property
    def old(self) -> Path:
        return self.out.with_name(self.out.name + ".old")

    def start(self) -> Path:
        """A fresh staging folder holding a copy of the current output."""
        shutil.rmtree(self.path, ignore_errors=True)
        if self.out.is_dir():
            shutil.copytree(self.out, self.path, symlinks=True, copy_function=_link_or_copy)
            # nothing from the last run may vouch for this one
            for name in ("summary.json", FAILED):
                (self.path / name).unlink(missing_ok=True)
        else:
            self.path.mkdir(parents=True)
        return self.path

    def finished(self) -> bool:
        summary = self.path / "summary.json"
        try:
            return bool(json.loads(summary.read_text(encoding="utf-8")).get("articles"))
        except (OSError, ValueError):
            return False

    def swap(self) -> None:
        """The staging folder becomes the output; the previous output is deleted."""
        shutil.rmtree(self.old, ignore_errors=True)
        if self.out.exists():
            os.replace(self.out, self.old)
        os.replace(self.path, self.out)
        shutil.rmtree(self.old, ignore_errors=True)

    def fail(self, stage: str | None, code: int, error: str | None = None) -> Path:
        """Record why the run failed in the staging folder (kept); returns that file."""
        where = self.path / FAILED
        self.path.mkdir(parents=True, exist_ok=True)
        io.write_json(where, {"complete": False, "failed_stage": stage, "exit_code": code,
                              "error": error, "output_left_unchanged": str(self.out)})
        return where


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # a file system without hard links
        shutil.copy2(src, dst)
