from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from pipeline import syntax
from pipeline.syntax import tags as tagnames
from pipeline.syntax.kneser_ney import KneserNey
from pipeline.syntax.model import MODEL_PATH, SyntaxModel
from pipeline.syntax.train import Line, calibrate, train
from tests.conftest import ROOT

TOY = [("DT", "NN", "VBZ", "JJ", "."), ("PRP", "VBD", "DT", "NN", "."),
       ("DT", "JJ", "NN", "MD", "VB", "DT", "NN", "."), ("NNS", "VBP", "IN", "DT", "NN", ".")]


def test_kneser_ney_is_a_distribution_in_every_context():
    m = KneserNey.train(TOY * 3, order=3)
    for history in ([], ["DT"], ["DT", "JJ"], ["VBZ", "VBZ"], ["XX", "YY"]):
        assert sum(m.prob(history, w) for w in m.vocab) == pytest.approx(1.0)
    assert m.prob(["DT"], "NN") > m.prob(["DT"], "VBD")
    assert KneserNey.from_dict(json.loads(json.dumps(m.to_dict()))).surprisals(["DT", "NN"]) \
        == pytest.approx(m.surprisals(["DT", "NN"]), abs=1e-4)


def test_shipped_model_loads_from_package_data_quickly():
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size < 2_000_000
    t = time.perf_counter()
    model = SyntaxModel.read(MODEL_PATH)
    assert time.perf_counter() - t < 10
    assert model.forward.order == 4 and model.backward.order == 4
    assert 10 <= model.threshold <= 40
    assert model.meta["calibration"]["heldout_flags_per_1000_words"] <= 2.0
    assert syntax.load() is syntax.load()


def test_english_order_scores_lower_than_persian_order():
    model = syntax.load()
    english = ["DT", "NN", "MD", "VB", "DT", "NN", "DT", "NN", "."]  # the patient should do ...
    persian = ["DT", "NN", "DT", "NN", "DT", "NN", "MD", "VB", "."]  # the patient the exercise ...
    assert max(model.boundary_scores(english)) < max(model.boundary_scores(persian))
    assert model.improbable_spans(english) == []


def test_spans_group_nearby_improbable_boundaries_and_split_at_colons():
    model = SyntaxModel(KneserNey.train(TOY, 2), KneserNey.train([t[::-1] for t in TOY], 2),
                        threshold=0.0, max_gap=1, min_hits=2)
    spans = model.improbable_spans(["DT", "NN", "VBZ"])
    assert [(s.first, s.last) for s in spans] == [(0, 2)]
    # every boundary is "improbable" at threshold 0; a colon starts a new clause
    spans = model.improbable_spans(["DT", "NN", ":", "DT", "NN"])
    assert [(s.first, s.last) for s in spans] == [(0, 1), (3, 4)]
    assert model.improbable_spans(["DT", "NN"], threshold=1e9) == []


def test_explanations_name_the_phenomenon():
    assert "verb comes last" in tagnames.explain(["DT", "NN", "MD", "VB"], ".")
    assert "adjective follows its noun" in tagnames.explain(["NNS", "JJ"], "MD")
    assert "number follows" in tagnames.explain(["NNS", "CD"], "MD")
    assert "rarely follow" in tagnames.explain(["RB", "RB"], "RB")
    assert tagnames.name("NNS") == "plural noun"


def test_training_is_deterministic_and_calibrated():
    lines = [Line(len(t), (t,)) for t in TOY * 10]
    a, b = train(lines, max_rate=2.0), train(lines, max_rate=2.0)
    assert a.to_dict() == b.to_dict()
    threshold, rate = calibrate(lines, max_rate=2.0)
    assert a.threshold == threshold and rate <= 2.0


def test_training_script_is_deterministic_on_a_small_sample(tmp_path):
    outs = []
    for name in ("a.json.gz", "b.json.gz"):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "train_syntax_model.py"),
                        "--limit", "15", "--out", str(tmp_path / name)], check=True,
                       capture_output=True, cwd=ROOT)
        outs.append((tmp_path / name).read_bytes())
    assert outs[0] == outs[1]
    model = SyntaxModel.read(tmp_path / "a.json.gz")
    assert model.meta["lines"] == 75
