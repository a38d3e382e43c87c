"""Findings as lines for a terminal (`file:line:col: CODE message`) or as GitHub Actions workflow
commands (`::error file=...,line=...,col=...::message`), in a stable order."""
from __future__ import annotations

from collections import Counter

from pipeline.model import SEVERITIES, Finding

GITHUB_LEVEL = {"critical": "error", "major": "warning", "minor": "notice"}


def ordered(findings: list[Finding], paths: dict[str, str]) -> list[Finding]:
    return sorted(findings, key=lambda f: (paths.get(f.source, f.source), f.line, f.column,
                                           f.rule_id, f.fingerprint))


def text_line(f: Finding, path: str) -> str:
    return f"{path}:{f.line}:{f.column}: {f.rule_id} {f.message}"


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding, path: str) -> str:
    end_line = f.line + f.text.count("\n")
    props = [f"file={_gh_prop(path)}", f"line={f.line}", f"col={f.column}",
             f"endLine={end_line}", f"title={_gh_prop(f'{f.rule_id} {f.rule_name} ({f.severity})')}"]
    msg = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
    return f"::{GITHUB_LEVEL[f.severity]} {','.join(props)}::{_gh_data(msg)}"


def summary_line(findings: list[Finding], files: int) -> str:
    sev = Counter(f.severity for f in findings)
    touched = len({f.source for f in findings})
    detail = ", ".join(f"{sev.get(s, 0)} {s}" for s in SEVERITIES)
    return f"{len(findings)} finding(s) ({detail}) in {touched} of {files} file(s)"
