"""The offline grammar engine (harper-py): offsets, the lint selection and its settings."""
from __future__ import annotations

import pytest
import yaml

from pipeline import config
from pipeline.grammar.harper import GrammarConfigError, HarperEngine
from tests.conftest import make_article, run_rules, settings_for


@pytest.fixture(scope="module")
def engine():
    return HarperEngine({"dialect": "american"})


@pytest.mark.parametrize("prefix", ["", "درمان زانو ", "🦴😀 ", "e\u0301 \U0001F9B4 "])
def test_spans_are_python_string_offsets(engine, prefix):
    """harper-py counts code points: Persian, emoji (outside the BMP) and combining marks before
    the error leave the span on the error."""
    text = prefix + "He don't need to take antibiotics."
    lints = engine.lint_blocks(prefix, text, [(0, len(text))])
    assert [(text[g.start:g.end], g.code, g.harper_rule) for g in lints] == \
        [("don't", "TR015", "PronounVerbAgreement")]
    assert lints[0].suggestion == "doesn't"


def test_block_offsets_are_added(engine):
    text = "Title\n\nHe don't rest."
    lints = engine.lint_blocks("b", text, [(0, 5), (7, len(text))])
    assert [(g.start, g.end) for g in lints] == [(10, 15)]


def test_persian_text_gives_no_lint(engine):
    text = "بیماری دیسک کمر یکی از شایع‌ترین علل درد است و درمان آن با فیزیوتراپی انجام می‌شود."
    assert engine.lint_blocks("fa", text, [(0, len(text))]) == []


def test_only_the_selected_rules_run(engine):
    assert "SpellCheck" not in engine.rule_codes and "LongSentences" not in engine.rule_codes
    assert "OxfordComma" not in engine.rule_codes
    assert engine.rule_codes["MissingDeterminer"] == "TR019"
    text = "We use naproxen, ibuprofen and fibromyalgia creams; this is an very long sentence."
    assert [g.harper_rule for g in engine.lint_blocks("x", text, [(0, len(text))])] == ["AnA"]


@pytest.mark.parametrize("over,problem", [
    ({"harper_rules": {"NoSuchRule": "TR015"}}, "unknown Harper rule(s) NoSuchRule"),
    ({"harper_rules": {"SpellCheck": "TR003"}}, "mapped to 'TR003'"),
    ({"dialect": "klingon"}, "grammar.dialect"),
])
def test_bad_grammar_settings_are_errors(over, problem):
    with pytest.raises(GrammarConfigError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        HarperEngine({"dialect": "american", **over})


def test_a_rule_named_in_settings_runs():
    eng = HarperEngine({"dialect": "american", "harper_rules": {"LongSentences": "TR015"}})
    text = " ".join(["The patient rests and"] * 12) + " recovers."
    assert [g.harper_rule for g in eng.lint_blocks("l", text, [(0, len(text))])] == ["LongSentences"]


def test_unknown_grammar_setting_is_an_error(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump({"grammar": {"engine": "harper"}}), encoding="utf-8")
    with pytest.raises(config.ConfigError, match="unknown setting 'grammar.engine'"):
        config.load(params, root=tmp_path)


def test_harper_off_leaves_a_note(tmp_path):
    from pipeline.detect import detect
    from pipeline.resources import Resources

    settings = settings_for(["TR015"])
    settings["grammar"] = {**settings["grammar"], "harper": False}
    res = Resources(settings)
    findings, errors, notes = detect([make_article("He don't need it.")], settings, res)
    assert (findings, errors, res.grammar_engines) == ([], [], [])
    assert "turned off" in notes["grammar_harper"]


def test_one_defect_one_finding_across_grammar_rules():
    """Each error of this text is reported by exactly one rule."""
    article = make_article("Its a good idea. Patient should see doctor. He don't rest.")
    found = sorted((f.text, f.rule_id) for f in run_rules([article], ["TR015", "TR016", "TR019"]))
    assert found == [("Its", "TR016"), ("Patient", "TR019"), ("doctor", "TR019"),
                     ("don't", "TR015")]
