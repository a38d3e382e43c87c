"""SARIF output: valid against the official SARIF 2.1.0 schema, UTF-16 columns, fingerprints,
levels, rule help from the rule documentation."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from pipeline.report import sarif
from pipeline.rules.base import registry
from tests.conftest import ROOT, make_article, run_rules

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def build(articles, findings) -> dict:
    return sarif.build(findings, {a.source: a.file_text for a in articles},
                       {a.source: f"sources/articles/{a.source}" for a in articles})


def test_bundled_articles_give_a_schema_valid_sarif_log():
    articles = [make_article(p.read_text(encoding="utf-8"), p.name)
                for p in sorted((ROOT / "sources/articles").glob("*.txt"))]
    findings = run_rules(articles)
    log = build(articles, findings)
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.validate(log, SCHEMA, cls=jsonschema.Draft4Validator)
    run, = log["runs"]
    assert run["columnKind"] == "utf16CodeUnits"
    assert len(run["results"]) == len(findings) > 0
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= set(registry())
    for r, f in zip(run["results"], findings):
        assert r["partialFingerprints"] == {"clinicAudit/v1": f.fingerprint}
        assert r["level"] == {"critical": "error", "major": "warning", "minor": "note"}[f.severity]
        assert run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == f.rule_id
        region = r["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["snippet"]["text"]) == (f.line, f.text)


def test_rule_help_is_the_rule_documentation():
    article = make_article("The the end.\n", "a.txt")
    log = build([article], run_rules([article]))
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "TR002")
    assert rule["help"]["text"] == registry()["TR002"].documentation()
    assert "What it does" in rule["help"]["text"]


@pytest.mark.parametrize("prefix,extra", [("", 0), ("😀 ", 1), ("😀😀 é ", 2)])
def test_columns_count_utf16_code_units(prefix, extra):
    article = make_article(f"First line.\n{prefix}stiffness and stiffness hurt.\n", "a.txt")
    f, = run_rules([article], ["TR002"])
    assert f.column == len(prefix) + 1  # findings count code points
    region = build([article], [f])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startColumn"] == f.column + extra
    assert region["endColumn"] == region["startColumn"] + len("stiffness and stiffness")
    jsonschema.validate(build([article], [f]), SCHEMA, cls=jsonschema.Draft4Validator)


def test_suggestions_become_fixes():
    article = make_article("Pain, stiffness and stiffness.\n", "a.txt")
    f, = run_rules([article], ["TR002"])
    result = build([article], [f])["runs"][0]["results"][0]
    replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert replacement["insertedContent"]["text"] == f.suggestion
    assert replacement["deletedRegion"]["startColumn"] == f.column
