from __future__ import annotations

import math
import random
import subprocess
import sys

import pytest

from pipeline.detect import detect
from pipeline.model import Finding
from pipeline.quality import model as qmodel
from pipeline.quality.features import finding_features
from pipeline.quality.train import feature_names, fit
from pipeline.resources import Resources
from tests.conftest import ROOT, make_article, settings_for


def _finding(rule, category, severity):
    return Finding(source="x", article_id="x", start=0, end=0, line=1, column=1, text="",
                   rule_id=rule, rule_name="x", category=category, mqm_type="x",
                   severity=severity, message="x")


def test_finding_features_count_by_rule_category_and_severity():
    found = [_finding("TR020", "translation", "minor"), _finding("ZZ999", "content", "major"),
             _finding("TR020", "translation", "minor")]
    assert finding_features(found, words=10) == {
        "findings": 3.0, "mqm_penalty_per_word": pytest.approx(0.7),
        "rule_TR020": 2.0, "category_translation": 2.0, "severity_minor": 2.0,
        "rule_ZZ999": 1.0, "category_content": 1.0, "severity_major": 1.0}


def test_feature_names_cover_every_rule_that_ran_even_if_it_never_fired():
    names = feature_names([{"words": 3.0, "rule_TR001": 1.0}], ["TR001", "XX123"])
    assert "rule_XX123" in names and "rule_TR001" in names and "words" in names
    assert "category_fact" in names and "severity_critical" in names
    assert names == sorted(names)


def test_shipped_model_loads_and_knows_the_rules_it_was_trained_with():
    model = qmodel.load()
    assert len(model.booster.trees) == model.meta["rounds"] > 0
    assert {f"rule_{c}" for c in model.meta["rules"]} <= set(model.features)
    assert "syntax_mean_bits" in model.features and "rule_TR020" in model.features


def test_to_unit_is_the_normal_cdf():
    assert qmodel.to_unit(0.0) == 0.5
    assert qmodel.to_unit(-1.0) == 0.159
    assert qmodel.to_unit(3.0) == 0.999


def test_a_clean_sentence_scores_above_a_garbled_one():
    settings = settings_for()
    article = make_article(
        "The physiotherapist taught the patient three simple exercises for the lower back.\n"
        "The patient the exercises weeks two every day for pain backs lower should do fasting.\n")
    detect([article], settings, Resources(settings))
    clean, garbled = article.segments
    assert 0 <= garbled.quality < clean.quality <= 1


def test_fit_is_deterministic():
    rng = random.Random(3)
    rows = [{"a": rng.random(), "b": rng.random()} for _ in range(400)]
    y = [2 * r["a"] - r["b"] + rng.gauss(0, 0.1) for r in rows]
    (b1, m1), (b2, m2) = fit(rows, y, ["a", "b"]), fit(rows, y, ["a", "b"])
    assert b1.model_to_string() == b2.model_to_string() and m1 == m2
    assert m1["top_features_by_gain"][0][0] == "a"


def test_training_script_is_deterministic_on_a_small_sample(tmp_path):
    outs = []
    for name in ("a", "b"):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_quality_model.py"),
                        "--pairs", "si-en", "--limit", "60", "--out-dir", str(tmp_path / name)],
                       check=True, capture_output=True, cwd=ROOT)
        outs.append([(tmp_path / name / f).read_bytes()
                     for f in ("quality_model.txt", "quality_model.json")])
    assert outs[0] == outs[1]
    trained = qmodel.QualityModel.read(tmp_path / "a" / "quality_model.txt",
                                       tmp_path / "a" / "quality_model.json")
    assert trained.meta["rows"] == 60


def test_calibrate_poor_flags_the_given_share_of_post_edits_and_only_eligible_ones():
    from pipeline.quality.train import calibrate_poor

    rng = random.Random(5)
    rows = [{"a": rng.random(), "words": 10.0, "findings": 0.0} for _ in range(300)]
    y = [r["a"] for r in rows]
    booster, meta = fit(rows, y, ["a", "findings", "words"])
    pe = [{"a": rng.random(), "words": 10.0, "findings": 0.0} for _ in range(200)]
    pe += [{"a": 0.0, "words": 10.0, "findings": 1.0}] * 50  # already flagged: never TR038's
    pe += [{"a": 0.0, "words": 3.0, "findings": 0.0}] * 50  # too short
    cal = calibrate_poor(booster, meta["features"], pe, rate=0.05)
    assert cal["post_edits"] == 300 and cal["eligible"] == 200
    import numpy as np

    z = booster.predict(np.array([[r["a"], r["findings"], r["words"]] for r in pe[:200]]))
    assert sum(v < cal["max_z"] for v in z) <= 15  # at most 5% of all 300 post-edits
    assert cal["max_z"] == math.floor(sorted(z)[15] * 1e4) / 1e4  # and no lower than needed


def test_shipped_model_has_a_calibrated_poor_translation_threshold_and_no_scored_rule_inputs():
    model = qmodel.load()
    cal = model.meta["poor_translation"]
    assert cal["max_z"] < 0 and 0 < cal["rate_on_post_edits"] <= 0.02
    assert "rule_TR038" not in model.features and "TR038" not in model.meta["rules"]


def test_reasons_are_the_features_that_lower_the_estimate_most():
    model = qmodel.load()
    row = {"words": 12.0, "tokens": 13.0, "non_word_rate": 0.4, "findings": 0.0,
           "repeated_word_rate": 0.3, "has_verb": 0.0}
    reasons = model.reasons(row, k=3)
    assert 1 <= len(reasons) <= 3
    assert all(r["contribution"] < 0 for r in reasons)
    assert [r["contribution"] for r in reasons] == sorted(r["contribution"] for r in reasons)
    assert all(r["description"] and r["feature"] in model.features for r in reasons)


def test_scored_rules_run_only_when_detection_scores_and_never_feed_the_features():
    from pipeline.quality.train import scored_codes

    settings = settings_for()
    assert scored_codes(settings) == frozenset({"TR038"})
    text = "Beginning of communication studies above and can investigate its methodological development.\n"
    unscored = make_article(text)
    found, errors, _ = detect([unscored], settings, Resources(settings), score=False)
    assert not errors and all(f.rule_id != "TR038" for f in found)
    assert unscored.segments[0].quality is None and unscored.segments[0].features is None
    scored = make_article(text)
    detect([scored], settings, Resources(settings))
    assert scored.segments[0].features is not None
    assert "rule_TR038" not in scored.segments[0].features
