"""Rule framework: registry through entry points, selection, options, severity overrides,
failure isolation, fingerprints, settings layering."""
from __future__ import annotations


import pytest

from pipeline import config
from pipeline.detect import detect, selected_rules
from pipeline.rules.base import Match, Rule, RuleError, instantiate, registry, select
from tests.conftest import make_article, run_rules, settings_for


def test_registry_loads_rules_from_entry_points_with_valid_definitions():
    reg = registry()
    assert {"TR001", "TR002", "CO001"} <= set(reg)
    for code, cls in reg.items():
        assert cls.code == code
        cls.validate_definition()


@pytest.mark.parametrize("sel,ign,want", [
    (["ALL"], [], {"TR001", "TR002", "CO001"}),
    (["TR"], [], {"TR001", "TR002"}),
    (["ALL"], ["TR"], {"CO001"}),
    (["ALL", "TR002"], ["TR"], {"CO001", "TR002"}),  # the more specific selector wins
    (["TR001"], ["TR001"], set()),  # ignore wins a tie
])
def test_selection_by_code_prefix_and_all(sel, ign, want):
    assert set(select(["TR001", "TR002", "CO001"], sel, ign)) == want


def test_unknown_selector_and_option_are_errors():
    s = settings_for(["XX9"])
    with pytest.raises(RuleError, match="matches no rule"):
        selected_rules(s)
    with pytest.raises(RuleError, match="unknown option"):
        instantiate(registry()["TR002"], {"nope": 1})


def test_severity_override_from_config():
    s = settings_for(["TR002"])
    s["rules"]["severity"] = {"TR": "major"}
    findings, errors, _ = detect([make_article("Rest the the knee.")], s)
    assert [f.severity for f in findings] == ["major"]


def test_rule_definition_is_checked():
    class Bad(Rule):
        """No sections."""
        code, name, category, severity, mqm_type = "TR999", "Bad_Name", "translation", "minor", "X"

    with pytest.raises(RuleError, match="kebab-case"):
        Bad.validate_definition()


class Exploding(Rule):
    code, name, category, severity, mqm_type = "TR998", "explodes", "translation", "minor", "X"

    def check(self, ctx):
        if "boom" in ctx.text:
            raise ValueError("kaboom")
        yield Match(0, 4, "first four")


def test_a_failing_rule_is_reported_with_article_and_rule_and_others_continue(monkeypatch):
    reg = dict(registry())
    reg["TR998"] = Exploding
    monkeypatch.setattr("pipeline.detect.registry", lambda: reg)
    arts = [make_article("Fine text the the end.", "a.txt"), make_article("boom goes it", "b.txt")]
    findings, errors, _ = detect(arts, settings_for(["TR998", "TR002"]))
    assert [(e["source"], e["rule_id"]) for e in errors] == [("b.txt", "TR998")]
    assert "kaboom" in errors[0]["error"]
    assert {(f.source, f.rule_id) for f in findings} == {("a.txt", "TR998"), ("a.txt", "TR002")}


def test_fingerprints_survive_edits_elsewhere_and_differ_between_occurrences():
    base = "Intro line.\nThe knee has swelling and swelling today.\nLater the the end.\n"
    edited = "A new first paragraph was inserted here.\n" + base.replace("Later", "Much later")
    f1 = {f.text: f.fingerprint for f in run_rules([make_article(base)], ["TR002"])}
    f2 = {f.text: f.fingerprint for f in run_rules([make_article(edited)], ["TR002"])}
    assert f1["swelling and swelling"] == f2["swelling and swelling"]
    twice = run_rules([make_article("Ice the the knee.\nIce the the knee.\n")], ["TR002"])
    assert len({f.fingerprint for f in twice}) == 2


def test_settings_layering(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.clinic-audit]\nout = "from-pyproject"\n'
                                             '[tool.clinic-audit.nlp]\nbatch_size = 8\n')
    (tmp_path / "params.yaml").write_text("out: from-params\n")
    s = config.load()
    assert s["out"] == "from-params" and s["nlp"]["batch_size"] == 8
    assert config.load(overrides={"out": "cli"})["out"] == "cli"
    (tmp_path / "params.yaml").write_text("outt: typo\n")
    with pytest.raises(config.ConfigError, match="unknown setting 'outt'"):
        config.load()


def test_languagetool_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(config.ENV_LT_URL, "http://127.0.0.1:9")
    assert config.load(root=tmp_path)["languagetool"]["url"] == "http://127.0.0.1:9"
