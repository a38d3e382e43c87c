"""Findings back to the translator: annotated XLIFF (read back by independent parsers), fixlist.csv,
and the unit id in findings.jsonl / .csv / SARIF."""
from __future__ import annotations

import csv
import difflib
import io
import json
from pathlib import Path

import jsonschema
from lxml import etree
from translate.storage import xliff as tt_xliff

from pipeline import tables
from pipeline.report import fixlist, sarif, xliff_out
from pipeline.report.files import jsonl_text, write_csv
from tests.conftest import make_article, run_rules

DATA = Path(__file__).parent / "data" / "bilingual"
BILINGUAL = ["TR050", "TR051", "TR052", "TR053", "TR054", "TR055", "TR056", "TR057", "TR001"]
X2 = ('<?xml version="1.0" encoding="UTF-8"?>\n'
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="fa" '
      'trgLang="en">\n <file id="f1">\n'
      '  <unit id="dose">\n   <segment><source>این دارو را ۲ هفته مصرف کنید.</source>'
      '<target>Take this medicine for 2 months.</target></segment>\n  </unit>\n'
      '  <unit id="noted">\n   <notes><note category="translator">checked</note></notes>\n'
      '   <segment><source>قرص ۵۰۰ میلی‌گرمی</source><target>a 50 mg tablet</target></segment>\n'
      '  </unit>\n'
      '  <unit id="ok">\n   <segment><source>سردرد</source><target>Headache</target></segment>\n'
      '  </unit>\n </file>\n</xliff>\n')


def _findings(text: str, name: str):
    article = make_article(text, name)
    return article, run_rules([article], BILINGUAL)


def test_annotated_xliff12_reads_back_identically_in_translate_toolkit():
    text = (DATA / "knee-pain.xlf").read_bytes().decode("utf-8")
    article, findings = _findings(text, "knee-pain.xlf")
    assert {(f.unit_id, f.rule_id) for f in findings} == {
        ("u2", "TR051"), ("u4", "TR050"), ("u5", "TR054")}
    annotated = xliff_out.annotate(text, findings)
    assert annotated != text
    before = tt_xliff.xlifffile.parsestring(text.encode("utf-8"))
    after = tt_xliff.xlifffile.parsestring(annotated.encode("utf-8"))
    assert [(u.getid(), u.source, u.target) for u in before.units] == \
           [(u.getid(), u.source, u.target) for u in after.units]
    notes = {u.getid().split("\x04")[-1]: u.getnotes() for u in after.units}
    assert "TR051 number-mismatch [critical]" in notes["u2"]
    assert "TR050 untranslated-unit" in notes["u4"] and "TR054 empty-target" in notes["u5"]
    assert notes["title"] == ""
    # ITS 2.0 LQI: the target points at the unit's standoff issues
    root = etree.fromstring(annotated.encode("utf-8"))
    its = "{http://www.w3.org/2005/11/its}"
    ns = {"x": "urn:oasis:names:tc:xliff:document:1.2", "its": its[1:-1]}
    target = root.find(".//x:trans-unit[@id='u2']/x:target", ns)
    ref = target.get(f"{its}locQualityIssuesRef")
    issues = root.find(f".//its:locQualityIssues[@{{http://www.w3.org/XML/1998/namespace}}id="
                       f"'{ref[1:]}']", ns)
    (issue,) = issues
    assert issue.get("locQualityIssueType") == "numbers"
    assert issue.get("locQualityIssueSeverity") == "100"
    assert "the source has ۵۰۰ (500), the target 50" in issue.get("locQualityIssueComment")
    assert _only_insertions(text, annotated)


def _only_insertions(before: str, after: str) -> bool:
    """Nothing of `before` is changed or removed in `after`: it only gained text."""
    ops = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    return all(op in ("equal", "insert") for op, *_ in ops)


def _units2(text: str):
    root = etree.fromstring(text.encode("utf-8"))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    return root, [(u.get("id"), [etree.tostring(s, encoding="unicode", with_tail=False)
                                 for s in u.findall("x:segment", ns)])
                  for u in root.iterfind(".//x:unit", ns)]


def test_annotated_xliff2_has_notes_and_the_same_units():
    article, findings = _findings(X2, "b.xlf")
    assert [(f.unit_id, f.rule_id, f.text) for f in findings] == [
        ("dose", "TR052", "2 months"), ("noted", "TR051", "50")]
    annotated = xliff_out.annotate(X2, findings)
    root_in, units_in = _units2(X2)
    root_out, units_out = _units2(annotated)
    assert units_in == units_out
    assert _only_insertions(X2, annotated)
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    notes = {u.get("id"): [(n.get("category"), n.get("appliesTo"), n.text)
                           for n in u.iterfind("x:notes/x:note", ns)]
             for u in root_out.iterfind(".//x:unit", ns)}
    assert notes["ok"] == []
    assert notes["noted"][0] == ("translator", None, "checked")
    assert notes["noted"][1][:2] == ("clinic-audit", "target")
    assert notes["dose"][0][2].startswith("TR052 unit-mismatch [critical]: Unit changed")
    # <notes> comes first in the unit, before the segments
    dose = root_out.find(".//x:unit[@id='dose']", ns)
    assert etree.QName(dose[0]).localname == "notes"


def test_fixlist_and_unit_ids_in_every_output(tmp_path):
    xlf, findings = _findings((DATA / "knee-pain.xlf").read_bytes().decode("utf-8"), "knee-pain.xlf")
    mono = make_article("Our clinic in شیرازShiraz opens at 9.\n", "mono.txt")
    mono_findings = run_rules([mono], ["TR001"])
    fixlist.write(tmp_path / "fixlist.csv", [xlf, mono], findings + mono_findings)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "fixlist.csv").read_text())))
    by = {(r["file"], r["unit"]): r for r in rows}
    dose = by[("knee-pain.xlf", "u2")]
    assert dose["source_passage"] == ('روزی <g id="1">۳ بار</g> قرص ۵۰۰ میلی\u200cگرمی مصرف '
                                      'کنید.<x id="2"/>')
    assert dose["target_passage"] == 'Take a 50 mg tablet <g id="1">3 times</g> a day.<x id="2"/>'
    assert (dose["flagged"], dose["suggestion"], dose["line"]) == ("50", "500", "11")
    assert by[("knee-pain.xlf", "u5")]["target_passage"] == ""
    m = by[("mono.txt", "")]
    assert (m["source_passage"], m["target_passage"], m["flagged"]) == (
        "", "Our clinic in شیرازShiraz opens at 9.", "شیراز")
    records = [json.loads(x) for x in jsonl_text(findings).splitlines()]
    assert sorted(r["unit_id"] for r in records) == ["u2", "u4", "u5"]
    write_csv(tmp_path / "f.csv", findings,
              segments=tables.segments_frame([xlf]).to_dict("records"))
    assert sorted(r["unit_id"] for r in csv.DictReader(open(tmp_path / "f.csv",
                                                            encoding="utf-8-sig"))) == \
           ["u2", "u4", "u5"]
    log = sarif.build(findings, {xlf.source: xlf.file_text}, {xlf.source: xlf.source})
    results = log["runs"][0]["results"]
    assert sorted(r["locations"][0]["logicalLocations"][0]["name"] for r in results) == \
           ["u2", "u4", "u5"]
    assert all(r["properties"]["unit_id"] for r in results)
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
