"""SARIF 2.1.0 (one run) from the findings, for code-scanning tools (GitHub, VS Code viewers).

Columns: SARIF measures columns in `run.columnKind` units, and when that is absent a consumer
assumes UTF-16 code units; findings count Python characters (code points). This file sets
columnKind to utf16CodeUnits explicitly and converts, so a finding after an emoji or another
character outside the Basic Multilingual Plane still points at the right place. Lines are 1-based
and end at LF, CRLF or CR, as in the findings."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import quote

from pipeline import __version__, io
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
    codes = rule_codes(f.rule_id for f in findings)
    index = {c: i for i, c in enumerate(codes)}
    sources = sorted({f.source for f in findings})
    artifact = {s: i for i, s in enumerate(sources)}
    starts = {s: line_starts(t) for s, t in texts.items()}
    results = [result(f, texts.get(f.source), starts.get(f.source),
                      uris.get(f.source, f.source), index[f.rule_id], artifact[f.source])
               for f in findings]
    return document(codes, sources, uris, results)


def rule_codes(found) -> list[str]:
    """The rules of the log, in order: every installed rule and any other rule in `found`."""
    return sorted(set(registry()) | set(found))


def result(f: Finding, text: str | None, starts: list[int] | None, uri: str, rule_index: int,
           artifact_index: int) -> dict:
    """One finding as a SARIF result (see `build`)."""
    region = _region(f, text, starts)
    location = {"physicalLocation": {
        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%", "index": artifact_index},
        "region": region}}
    if f.unit_id is not None:  # the translation unit of a bilingual file (XLIFF, TMX)
        location["logicalLocations"] = [{"name": f.unit_id, "kind": "element",
                                         "fullyQualifiedName": f"{f.source}#{f.unit_id}"}]
    out = {
        "ruleId": f.rule_id, "ruleIndex": rule_index, "level": LEVEL[f.severity],
        "message": {"text": f.message}, "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"severity": f.severity, "category": f.category,
                       "mqm_type": f.mqm_type, "confidence": f.confidence,
                       "article_id": f.article_id, "evidence": f.evidence,
                       **({"unit_id": f.unit_id} if f.unit_id is not None else {})},
    }
    if f.review:  # an editor's decision (pipeline/review): waivers become suppressions
        out["properties"]["review"] = f.review
        if f.review["decision"] in ("false_alarm", "wont_fix", "waived"):
            out["suppressions"] = [{"kind": "external", "status": "accepted",
                                    "justification": f.review["comment"]
                                    or f.review["decision"]}]
    if f.suggestion:
        out["fixes"] = [{
            "description": {"text": f"Replace with: {f.suggestion}"},
            "artifactChanges": [{
                "artifactLocation": location["physicalLocation"]["artifactLocation"],
                "replacements": [{"deletedRegion": {k: v for k, v in region.items()
                                                    if k != "snippet"},
                                  "insertedContent": {"text": f.suggestion}}]}]}]
    return out


def document(codes: list[str], sources: list[str], uris: dict[str, str], results: list) -> dict:
    """The log around the results: the tool and its rules (`codes`), the artifacts (`sources`,
    sorted)."""
    reg = registry()
    rules = [_rule(reg[c]) if c in reg else {"id": c, "shortDescription": {"text": c}}
             for c in codes]
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


_RESULTS = "\x00clinic-audit: the results\x00"


class ResultsWriter:
    """findings.sarif written result by result, byte for byte what `io.write_json(build(...))`
    writes: each result is dumped as it comes, indented for its place in the log (to a
    temporary file `tmp`), and the log around them, which lists the sources before the
    results, is written when they are all known, the results copied in between."""

    def __init__(self, tmp: Path):
        self.tmp, self.count = Path(tmp), 0
        self._file = self.tmp.open("w", encoding="utf-8")
        # the results' indent: where the marker stands in a log (the same in every log)
        text = io.dumps_json(document([], [], {}, [_RESULTS]))
        cut = text.index(json.dumps(_RESULTS))
        self._indent = " " * (cut - text.rindex("\n", 0, cut) - 1)

    def add(self, item: dict) -> None:
        self.add_dumped(self.dump(item))

    def dump(self, item: dict) -> str:
        """A result as `add` writes it, indented for its place in the log."""
        # JSON strings hold no raw line break: every line break is one of the dump's own
        return self._indent + io.dumps_json(item).replace("\n", "\n" + self._indent)

    def add_dumped(self, text: str, count: int = 1) -> None:
        """`count` results dumped by `dump`, joined by ",\n"."""
        if self.count:
            self._file.write(",\n")
        self._file.write(text)
        self.count += count

    def close(self) -> None:
        self._file.close()

    def write(self, path: Path, codes: list[str], sources: list[str],
              uris: dict[str, str]) -> None:
        self.close()
        doc = document(codes, sources, uris, [_RESULTS] if self.count else [])
        text = io.dumps_json(doc) + "\n"
        marker = json.dumps(_RESULTS)
        cut = text.index(marker) if self.count else len(text)
        line_start = text.rindex("\n", 0, cut) + 1
        with io.atomic_writer(path) as out:
            out.write(text[:line_start])
            if self.count:
                out.flush()  # the results as written (UTF-8), copied byte for byte
                with self.tmp.open("rb") as dumped:
                    shutil.copyfileobj(dumped, out.buffer, 1 << 20)
                out.write(text[cut + len(marker):])
        self.tmp.unlink(missing_ok=True)


def artifact_uri(path: str, source: str, root: Path | None = None) -> str:
    """A finding's file as a URI reference relative to `root` (the working directory): its path
    when the file is under root, else its source path; percent-encoded."""
    return Uris(root).uri(path, source)


class Uris:
    """`artifact_uri` of many files: the root and each folder resolved once."""

    def __init__(self, root: Path | None = None):
        self.root = (root or Path.cwd()).resolve()
        self.folders: dict[str, Path] = {}

    def uri(self, path: str, source: str) -> str:
        file = Path(path)
        if file.is_symlink() or file.name in ("", ".", ".."):
            resolved = file.resolve()
        else:
            folder = self.folders.get(str(file.parent))
            if folder is None:
                folder = self.folders[str(file.parent)] = file.parent.resolve()
            resolved = folder / file.name
        try:
            rel = resolved.relative_to(self.root).as_posix()
        except ValueError:
            rel = source
        return quote(rel)
