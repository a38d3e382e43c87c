"""SARIF 2.1.0 (one run) from the findings, for code-scanning tools (GitHub, VS Code viewers).

Columns: SARIF measures columns in `run.columnKind` units, and when that is absent a consumer
assumes UTF-16 code units; findings count Python characters (code points). This file sets
columnKind to utf16CodeUnits explicitly and converts, so a finding after an emoji or another
character outside the Basic Multilingual Plane still points at the right place. Lines are 1-based
and end at LF, CRLF or CR, as in the findings."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from pipeline import __version__
from pipeline.model import Finding
from pipeline.offsets import line_col, line_starts
from pipeline.rules.base import registry

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"critical": "error", "major": "warning", "minor": "note"}
FINGERPRINT_KEY = "clinicAudit/v1"


def _utf16_column(text: str, starts: list[int], offset: int) -> tuple[int, int]:
    line, col = line_col(starts, offset)
    prefix = text[starts[line - 1]:offset]
    return line, 1 + len(prefix.encode("utf-16-le")) // 2


def _rule(cls) -> dict:
    doc = cls.documentation()
    return {
        "id": cls.code, "name": cls.name,
        "shortDescription": {"text": cls.summary()},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": f"**{cls.code} {cls.name}**\n\n```\n{doc}\n```"},
        "defaultConfiguration": {"level": LEVEL[cls.severity]},
        "properties": {"category": cls.category, "mqm_type": cls.mqm_type,
                       "severity": cls.severity, "tags": [cls.category, cls.mqm_type]},
    }


def _region(f: Finding, text: str | None, starts: list[int] | None) -> dict:
    region: dict = {"startLine": f.line, "startColumn": f.column}
    if text is not None and starts is not None:
        region["startLine"], region["startColumn"] = _utf16_column(text, starts, f.start)
        region["endLine"], region["endColumn"] = _utf16_column(text, starts, f.end)
    region["snippet"] = {"text": f.text}
    return region


def build(findings: list[Finding], texts: dict[str, str], uris: dict[str, str]) -> dict:
    """The SARIF log. `texts`: file text by source (for UTF-16 columns; a source without its
    text keeps the finding's code-point columns, exact for text inside the BMP); `uris`: the
    artifact URI by source, relative to the repository root (%SRCROOT%)."""
    reg = registry()
    codes = sorted(set(reg) | {f.rule_id for f in findings})
    rules = [_rule(reg[c]) if c in reg else {"id": c, "shortDescription": {"text": c}}
             for c in codes]
    index = {c: i for i, c in enumerate(codes)}
    sources = sorted({f.source for f in findings})
    artifact = {s: i for i, s in enumerate(sources)}
    starts = {s: line_starts(t) for s, t in texts.items()}
    results = []
    for f in findings:
        region = _region(f, texts.get(f.source), starts.get(f.source))
        location = {"physicalLocation": {
            "artifactLocation": {"uri": uris.get(f.source, f.source), "uriBaseId": "%SRCROOT%",
                                 "index": artifact[f.source]},
            "region": region}}
        if f.unit_id is not None:  # the translation unit of a bilingual file (XLIFF, TMX)
            location["logicalLocations"] = [{"name": f.unit_id, "kind": "element",
                                             "fullyQualifiedName": f"{f.source}#{f.unit_id}"}]
        result = {
            "ruleId": f.rule_id, "ruleIndex": index[f.rule_id], "level": LEVEL[f.severity],
            "message": {"text": f.message}, "locations": [location],
            "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
            "properties": {"severity": f.severity, "category": f.category,
                           "mqm_type": f.mqm_type, "confidence": f.confidence,
                           "article_id": f.article_id, "evidence": f.evidence,
                           **({"unit_id": f.unit_id} if f.unit_id is not None else {})},
        }
        if f.review:  # an editor's decision (pipeline/review): waivers become suppressions
            result["properties"]["review"] = f.review
            if f.review["decision"] in ("false_alarm", "wont_fix", "waived"):
                result["suppressions"] = [{"kind": "external", "status": "accepted",
                                           "justification": f.review["comment"]
                                           or f.review["decision"]}]
        if f.suggestion:
            result["fixes"] = [{
                "description": {"text": f"Replace with: {f.suggestion}"},
                "artifactChanges": [{
                    "artifactLocation": location["physicalLocation"]["artifactLocation"],
                    "replacements": [{"deletedRegion": {k: v for k, v in region.items()
                                                        if k != "snippet"},
                                      "insertedContent": {"text": f.suggestion}}]}]}]
        results.append(result)
    return {
        "$schema": SCHEMA_URI, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "clinic-audit", "version": __version__,
                                "rules": rules}},
            "columnKind": "utf16CodeUnits",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {
                "text": "The root of the content repository the audit ran in."}}},
            "artifacts": [{"location": {"uri": uris.get(s, s), "uriBaseId": "%SRCROOT%"},
                           "sourceLanguage": "en"} for s in sources],
            "results": results,
        }],
    }


def artifact_uri(path: str, source: str, root: Path | None = None) -> str:
    """A finding's file as a URI reference relative to `root` (the working directory): its path
    when the file is under root, else its source path; percent-encoded."""
    root = (root or Path.cwd()).resolve()
    try:
        rel = Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        rel = source
    return quote(rel)
