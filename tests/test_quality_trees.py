"""The quality model's trees evaluated without LightGBM (pipeline/quality/trees.py) give LightGBM's
own predictions and SHAP contributions on the shipped model. LightGBM comes with the `train` extra
(in requirements-test.lock)."""
import numpy as np
import pytest

from pipeline.quality.model import BOOSTER_PATH, QualityModel
from pipeline.quality.trees import Forest, ModelFormatError, Tree


def _rows(forest: Forest, n: int) -> np.ndarray:
    """Feature rows spread over each feature's training range (LightGBM's feature_infos), with
    many exact zeros (most features of a real segment are zero) and values on thresholds."""
    text = BOOSTER_PATH.read_text(encoding="utf-8")
    infos = text.split("feature_infos=", 1)[1].split("\n", 1)[0].split()
    rng = np.random.default_rng(11)
    X = np.zeros((n, len(forest.features)))
    for j, info in enumerate(infos):
        lo, hi = (0.0, 1.0) if info == "none" else map(float, info.strip("[]").split(":"))
        X[:, j] = rng.uniform(lo, hi, n) * (rng.random(n) < 0.4)
    thresholds = [(t.split_feature[k], t.threshold[k]) for t in forest.trees
                  for k in range(len(t.split_feature))]
    for i in range(0, n, 7):  # a value exactly on a split goes left in both
        f, thr = thresholds[i % len(thresholds)]
        X[i, f] = thr
    return X


@pytest.fixture(scope="module")
def models():
    lightgbm = pytest.importorskip("lightgbm")
    return Forest.read(BOOSTER_PATH), lightgbm.Booster(model_file=str(BOOSTER_PATH))


def test_predictions_equal_lightgbm_exactly(models):
    forest, booster = models
    X = _rows(forest, 400)
    assert forest.features == booster.feature_name()
    assert np.array_equal(forest.predict(X), booster.predict(X, num_threads=1))


def test_contributions_equal_lightgbm(models):
    forest, booster = models
    X = _rows(forest, 200)
    ours = np.array([forest.contributions(x) for x in X])
    theirs = booster.predict(X, pred_contrib=True, num_threads=1)
    assert ours.shape == theirs.shape
    assert np.abs(ours - theirs).max() < 1e-9
    assert np.allclose(ours.sum(axis=1), forest.predict(X), atol=1e-9)  # SHAP adds up


def test_all_trees_at_once_equal_each_tree_walked_row_by_row():
    """`predict` walks every tree for every row in one set of arrays; it must give, bit for bit,
    the sum of `Tree.leaf` (one row down one tree) in the trees' order, missing values included."""
    forest = Forest.read(BOOSTER_PATH)
    X = _rows(forest, 300)
    X[::5, :5] = np.nan
    X[2::11] = np.nan
    walked = np.array([sum((tree.leaf(x) for tree in forest.trees), 0.0) for x in X])
    assert np.array_equal(forest.predict(X), walked)
    assert forest.predict(X[:0]).shape == (0,)
    stump = Forest(["a"], [Tree([], [], [], [], [], [0.25], [3.0], [])])  # a tree of one leaf
    assert np.array_equal(stump.predict(np.zeros((2, 1))), [0.25, 0.25])


def test_quality_model_reads_the_shipped_model_without_lightgbm():
    model = QualityModel.read()
    assert isinstance(model.booster, Forest) and len(model.booster.trees) > 100


def test_a_broken_model_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "model.txt"
    bad.write_text("tree\nversion=v4\n", encoding="utf-8")
    with pytest.raises(ModelFormatError, match="model.txt: no feature_names"):
        Forest.read(bad)
    with pytest.raises(RuntimeError, match="not a readable quality model"):
        QualityModel.read(booster_path=bad)
