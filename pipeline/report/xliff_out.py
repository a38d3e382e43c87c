"""Annotated copies of the XLIFF inputs (reports/xliff/): every finding attached to its unit, for the
translator's CAT tool.

- XLIFF 1.2: a `<note from="clinic-audit" annotates="target">` per finding, and the findings as ITS
  2.0 Localization Quality Issue standoff markup (`<its:locQualityIssues>` in the unit, referenced
  by `its:locQualityIssuesRef` on the `<target>`), with `locQualityIssueType`, `...Comment` and
  `...Severity` (0-100).
- XLIFF 2.0/2.1: a `<note category="clinic-audit" appliesTo="target">` per finding in the unit's
  `<notes>` (created before `<originalData>` and the segments when the unit has none).

The copy is the input text with these insertions and nothing else, so that parsing the input and
the copy gives the same units, sources and targets (tests/test_bilingual_output.py checks this
with translate-toolkit and lxml). A file is rewritten only when it has findings in units."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable
from xml.sax.saxutils import escape, quoteattr

from pipeline import io
from pipeline.ingest import xliff
from pipeline.ingest.xmlsafe import parse
from pipeline.model import Article, Finding

ITS_NS = "http://www.w3.org/2005/11/its"
ITS_SEVERITY = {"critical": 100, "major": 50, "minor": 10}
PRIORITY = {"critical": 1, "major": 2, "minor": 3}
ITS_TYPE_BY_RULE = {"TR051": "numbers", "TR052": "numbers", "TR053": "markup"}
ITS_TYPE_BY_MQM = {  # MQM type (its first part, or the whole) -> ITS 2.0 issue type
    "Accuracy/Untranslated": "untranslated", "Accuracy/Omission": "omission",
    "Accuracy/Addition": "addition", "Accuracy/Mistranslation": "mistranslation",
    "Accuracy/Inconsistency": "inconsistency", "Terminology": "terminology",
    "Fluency/Grammar": "grammar", "Fluency/Word order": "grammar",
    "Fluency/Punctuation": "typographical", "Fluency/Spelling": "misspelling",
    "Design/Markup": "markup", "Style": "style", "Locale convention": "locale-violation",
}


def its_type(f: Finding) -> str:
    if f.rule_id in ITS_TYPE_BY_RULE:
        return ITS_TYPE_BY_RULE[f.rule_id]
    return ITS_TYPE_BY_MQM.get(f.mqm_type) or ITS_TYPE_BY_MQM.get(f.mqm_type.split("/")[0],
                                                                    "other")


def comment(f: Finding) -> str:
    text = f"{f.rule_id} {f.rule_name} [{f.severity}]: {f.message}"
    if f.text and len(f.text) <= 200:
        text += f" Flagged: {f.text!r} (line {f.line}, column {f.column})."
    if f.suggestion:
        text += f" Suggestion: {f.suggestion}"
    return text


def _notes12(findings: list[Finding]) -> str:
    return "".join(f'<note from="clinic-audit" priority="{PRIORITY[f.severity]}" '
                   f'annotates="target">{escape(comment(f))}</note>' for f in findings)


def _standoff(ref: str, findings: list[Finding]) -> str:
    issues = "".join(f'<its:locQualityIssue locQualityIssueType="{its_type(f)}" '
                     f'locQualityIssueComment={quoteattr(comment(f))} '
                     f'locQualityIssueSeverity="{ITS_SEVERITY[f.severity]}"/>' for f in findings)
    return (f'<its:locQualityIssues xmlns:its="{ITS_NS}" version="2.0" xml:id="{ref}">'
            f'{issues}</its:locQualityIssues>')


def _notes2(findings: list[Finding]) -> str:
    return "".join(f'<note category="clinic-audit" priority="{PRIORITY[f.severity]}" '
                   f'appliesTo="target">{escape(comment(f))}</note>' for f in findings)


def annotate(file_text: str, findings: list[Finding]) -> str:
    """The XLIFF text with the findings (those with a unit id) attached to their units."""
    root = parse(file_text)
    units, info = xliff.units(root, file_text)
    by_unit: dict[str, list[Finding]] = {}
    for f in findings:
        if f.unit_id is not None:
            by_unit.setdefault(f.unit_id, []).append(f)
    edits: list[tuple[int, int, str]] = []  # (start, end, new text): insertions but one case
    v2 = str(info["xliff_version"]).startswith("2")
    for k, u in enumerate(units, 1):
        found = by_unit.get(u.unit_id)
        if not found:
            continue
        x = u.extra
        if v2:
            if x["notes_span"] is None:
                edits.append((x["notes_insert"], x["notes_insert"],
                              f"<notes>{_notes2(found)}</notes>"))
            elif x["notes_empty"]:  # <notes/> becomes <notes>...</notes>, attributes kept
                s, e = x["notes_span"]
                tag = file_text[s:e]
                edits.append((s, e, tag[:tag.rfind("/")].rstrip() + ">" + _notes2(found)
                              + "</notes>"))
            else:
                edits.append((x["notes_close"], x["notes_close"], _notes2(found)))
            continue
        ref = f"clinic-audit-lqi-{k}"
        tag = x["target_tag"]
        body = _notes12(found)
        if tag is not None and "locQualityIssuesRef" not in file_text[tag[0]:tag[1]]:
            close = tag[1] - (2 if tag[2] else 1)
            edits.append((close, close, f' xmlns:its="{ITS_NS}" its:version="2.0" '
                                        f'its:locQualityIssuesRef="#{ref}"'))
            body += _standoff(ref, found)
        edits.append((x["unit_close"], x["unit_close"], body))
    out, pos = [], 0
    for start, end, text in sorted(edits, key=lambda t: t[0]):
        out += [file_text[pos:start], text]
        pos = end
    out.append(file_text[pos:])
    return "".join(out)


def write(out_dir: Path, articles: Iterable[Article], findings: list[Finding]
          ) -> tuple[list[Path], list[dict]]:
    """Annotated copies of the XLIFF articles that have findings: the paths written, and the
    articles whose copy failed (source, article_id, step `xliff`, problem). A failed copy leaves
    no file behind (not even an earlier run's), and the other articles' copies are written."""
    by_article: dict[str, list[Finding]] = {}
    for f in findings:
        by_article.setdefault(f.article_id, []).append(f)
    written, failures = [], []
    for a in articles:
        if a.format != "xliff" or not any(f.unit_id for f in by_article.get(a.article_id, [])):
            continue
        path = Path(out_dir) / a.source
        try:
            text = annotate(a.file_text, by_article[a.article_id])
            encoding = {"utf-16": "utf-16-le", "utf-8-sig": "utf-8"}.get(a.encoding, a.encoding)
            with io.atomic_path(path) as tmp:  # the file's own encoding (BOM kept) and line ends
                tmp.write_bytes(text.encode(encoding, errors="xmlcharrefreplace"))
            written.append(path)
        except Exception as exc:  # one article's copy must not cost the others'
            path.unlink(missing_ok=True)
            failures.append({"source": a.source, "article_id": a.article_id, "step": "xliff",
                             "problem": f"its annotated XLIFF could not be written: "
                                        f"{type(exc).__name__}: {exc}"})
    return written, failures
