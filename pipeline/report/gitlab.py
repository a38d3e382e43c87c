"""GitLab Code Quality report (`check --output-format gitlab`): a JSON array of issues, each with
`description`, `check_name`, `fingerprint`, `severity` and `location` (path and begin/end
positions), the subset of the Code Climate format that GitLab reads
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).

Severities map one to one (critical, major, minor; GitLab also has info and blocker, unused).
The fingerprint is the finding's own (stable across runs and edits elsewhere, unique per
finding), so GitLab can tell new issues from fixed ones between the merge request and its base.
Paths are as shown by `check` (relative to the current directory): run it from the repository
root."""
from __future__ import annotations

from pipeline.model import Finding


def end_position(f: Finding) -> tuple[int, int]:
    """(line, column) just after the finding's text."""
    lines = f.text.split("\n")
    if len(lines) == 1:
        return f.line, f.column + len(f.text)
    return f.line + len(lines) - 1, len(lines[-1]) + 1


def issue(f: Finding, path: str) -> dict:
    end_line, end_col = end_position(f)
    text = f"{f.rule_id} {f.message}" + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    return {
        "description": text,
        "check_name": f.rule_id,
        "fingerprint": f.fingerprint,
        "severity": f.severity,
        "location": {"path": path,
                     "positions": {"begin": {"line": f.line, "column": f.column},
                                   "end": {"line": end_line, "column": end_col}}},
    }


def build(findings: list[Finding], paths: dict[str, str]) -> list[dict]:
    return [issue(f, paths[f.source]) for f in findings]
