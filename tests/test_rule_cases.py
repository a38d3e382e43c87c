"""Data-driven rule tests: one YAML file per rule in tests/rules/<CODE>.yaml.

Each case has a `name` and either `pass` (text that must produce no finding of the rule) or
`fail` (text that must produce at least one). A `fail` case may list `flagged`: the exact texts
the findings must cover (each must equal some finding's text). `options` sets the rule's options;
`format` (txt, md, html) reads the text as that kind of file. For a corpus rule, `pass`/`fail` may
map file names to texts; `flagged_in` names the file whose findings `flagged` refers to.
`languagetool_matches` runs the case against a local fake LanguageTool server that answers with
those /v2/check matches. `grammar` overrides the `grammar` settings (e.g. `{harper: false}`)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipeline.rules.base import registry
from pipeline.detect import detect
from pipeline.resources import Resources
from tests.conftest import make_article, run_rules, settings_for
from tests.fake_languagetool import FakeLanguageTool

CASE_DIR = Path(__file__).parent / "rules"


def _cases():
    for path in sorted(CASE_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


def _articles(case, key):
    body = case[key]
    fmt = case.get("format", "txt")
    if isinstance(body, dict):
        return [make_article(t, name) for name, t in body.items()]
    return [make_article(body, f"case.{fmt}")]


@pytest.mark.parametrize("code,case", list(_cases()))
def test_rule_case(code, case):
    assert ("pass" in case) != ("fail" in case), "a case has exactly one of pass/fail"
    key = "pass" if "pass" in case else "fail"
    articles = _articles(case, key)
    options = {code: case["options"]} if "options" in case else None
    if "languagetool_matches" in case:
        with FakeLanguageTool(lambda text: case["languagetool_matches"]) as lt:
            settings = settings_for([code], options, languagetool={
                "url": lt.url, "language": "en-US", "timeout": 5.0})
            findings, errors, _ = detect(articles, settings, Resources(settings))
        assert not errors, errors
    elif "grammar" in case:
        settings = settings_for([code], options)
        settings["grammar"] = {**settings["grammar"], **case["grammar"]}
        findings, errors, _ = detect(articles, settings, Resources(settings))
        assert not errors, errors
    else:
        findings = run_rules(articles, [code], options)
    findings = [f for f in findings if f.rule_id == code]
    if key == "pass":
        assert findings == [], [(f.text, f.message) for f in findings]
        return
    assert findings, f"expected a {code} finding"
    if "flagged_in" in case:
        findings = [f for f in findings if f.source == case["flagged_in"]]
    texts = [f.text for f in findings]
    for want in case.get("flagged", []):
        assert want in texts, f"{want!r} not flagged exactly; got {texts}"


def test_every_rule_has_passing_and_failing_cases():
    have = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in CASE_DIR.glob("*.yaml")}
    for code in registry():
        assert code in have, f"rule {code} has no tests/rules/{code}.yaml"
        kinds = {("pass" if "pass" in c else "fail") for c in have[code]["cases"]}
        assert kinds == {"pass", "fail"}, f"{code} needs both passing and failing cases"
        assert have[code]["rule"] == code
