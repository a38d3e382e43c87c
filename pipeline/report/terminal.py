"""Findings as lines for a terminal, in a stable order:
`path:line:col: CODE [severity] message Suggestion: text`, coloured on a terminal (see
`pipeline.console`), with the article's text made printable."""
from __future__ import annotations

from collections import Counter

from pipeline.console import SEVERITY_STYLE, paint, printable
from pipeline.model import SEVERITIES, Finding


def ordered(findings: list[Finding], paths: dict[str, str]) -> list[Finding]:
    return sorted(findings, key=lambda f: (paths.get(f.source, f.source), f.line, f.column,
                                           f.rule_id, f.fingerprint))


def text_line(f: Finding, path: str) -> str:
    where = paint(f"{printable(path)}:{f.line}:{f.column}:", "bold")
    sev = paint(f"[{f.severity}]", *SEVERITY_STYLE[f.severity])
    line = f"{where} {paint(f.rule_id, 'bold')} {sev} {printable(f.message)}"
    if f.suggestion:
        line += f" {paint('Suggestion:', 'green')} {printable(f.suggestion)}"
    return line


def summary_line(findings: list[Finding], files: int) -> str:
    sev = Counter(f.severity for f in findings)
    touched = len({f.source for f in findings})
    detail = ", ".join(f"{sev.get(s, 0)} {s}" for s in SEVERITIES)
    return f"{len(findings)} finding(s) ({detail}) in {touched} of {files} file(s)"
