"""GitHub Actions annotations (`check --output-format github`): workflow commands
`::error|warning|notice file=...,line=...,col=...,endLine=...,title=...::message`.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and 50 per job
(actions/toolkit, docs/problem-matchers.md, "Limitations"); anything past that is dropped in
silence. So the annotations go to the files the pull request changes (from `git diff` against
`--diff-base`, or `origin/$GITHUB_BASE_REF` in a pull-request workflow; every file when neither
is known or `--annotate-all`), most severe first, within those limits, and a last line says how
many findings were left out and why."""
from __future__ import annotations

import os
import subprocess
from collections import Counter
from pathlib import Path

from pipeline.model import SEVERITIES, Finding

LEVEL = {"critical": "error", "major": "warning", "minor": "notice"}
PER_LEVEL = 10  # annotations of one level GitHub shows per step
PER_JOB = 50    # annotations GitHub shows per job, all steps together


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def line(f: Finding, path: str) -> str:
    end_line = f.line + f.text.count("\n")
    props = [f"file={_prop(path)}", f"line={f.line}", f"col={f.column}",
             f"endLine={end_line}", f"title={_prop(f'{f.rule_id} {f.rule_name} ({f.severity})')}"]
    msg = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    return f"::{LEVEL[f.severity]} {','.join(props)}::{_data(msg)}"


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], capture_output=True, text=True, timeout=60)
    if done.returncode:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip()
                           else f"git {args[0]} failed")
    return done.stdout


def changed_files(base: str | None) -> tuple[set[str] | None, str]:
    """Resolved paths of the files changed since `base` (its merge base with HEAD, to the working
    tree, plus untracked files), or None and why when that cannot be known."""
    if not base:
        base_ref = os.environ.get("GITHUB_BASE_REF")
        if not base_ref:
            return None, "in every file (no base to compare with: not a pull request; " \
                          "--diff-base REF gives one)"
        base = f"origin/{base_ref}"
    try:
        top = Path(_git("rev-parse", "--show-toplevel").strip())
        merge_base = _git("merge-base", base, "HEAD").strip()
        names = _git("diff", "--name-only", "-z", merge_base, "--").split("\0")
        names += _git("ls-files", "--others", "--exclude-standard", "-z").split("\0")
    except (OSError, RuntimeError, subprocess.SubprocessError) as e:
        return None, f"in every file (the files changed since {base} are unknown: {e}; in a " \
                     f"workflow, check out with fetch-depth: 0)"
    return {str((top / n).resolve()) for n in names if n}, f"in the files changed since {base}"


def select(findings: list[Finding], paths: dict[str, str], files: dict[str, str],
           changed: set[str] | None) -> tuple[list[Finding], Counter]:
    """The findings to annotate, most severe first, and the count left out by reason."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    left: Counter = Counter()
    chosen: list[Finding] = []
    per_level: Counter = Counter()
    for f in sorted(findings, key=lambda f: (rank[f.severity], paths[f.source], f.line, f.column,
                                               f.rule_id)):
        if changed is not None and files[f.source] not in changed:
            left["unchanged"] += 1
        elif per_level[f.severity] >= PER_LEVEL or len(chosen) >= PER_JOB:
            left["limit"] += 1
        else:
            per_level[f.severity] += 1
            chosen.append(f)
    return chosen, left


def annotations(findings: list[Finding], paths: dict[str, str], files: dict[str, str],
                changed: set[str] | None, scope: str) -> list[str]:
    """The workflow commands and a closing summary line."""
    chosen, left = select(findings, paths, files, changed)
    out = [line(f, paths[f.source]) for f in chosen]
    by_level = Counter(LEVEL[f.severity] for f in chosen)
    shown = ", ".join(f"{by_level.get(lv, 0)} {lv}" for lv in ("error", "warning", "notice"))
    summary = f"annotations: {len(chosen)} of {len(findings)} finding(s) ({shown}), most " \
              f"severe first, {scope}"
    reasons = []
    if left["limit"]:
        reasons.append(f"{left['limit']} past GitHub's limit of {PER_LEVEL} per level per step")
    if left["unchanged"]:
        reasons.append(f"{left['unchanged']} in unchanged files (--annotate-all includes them)")
    if reasons:
        summary += f"; left out: {', '.join(reasons)}; every finding: --output-format text or " \
                   f"the SARIF report"
    return out + [summary]
