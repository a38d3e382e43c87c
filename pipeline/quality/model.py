"""The quality model: a LightGBM regressor from a segment's features (pipeline/quality/features.py)
to the direct-assessment z-score MLQE-PE's raters would give it, shipped as LightGBM's own text
format (data/quality_model.txt) with its feature list and training record (data/quality_model.json).

The 0-1 score is the standard normal CDF of the predicted z-score: 0.5 is a sentence of average
quality among the rated MLQE-PE translations, 0.16 one a standard deviation worse. Retrain with
scripts/train_quality_model.py (after adding rules, too: their findings become features)."""
from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from pipeline import packaged

DATA = packaged.path("quality", "data")
BOOSTER_PATH = DATA / "quality_model.txt"
META_PATH = DATA / "quality_model.json"


def to_unit(z: float) -> float:
    """Predicted DA z-score -> 0-1 (the standard normal CDF), rounded to 3 places."""
    return round(0.5 * (1.0 + math.erf(z / math.sqrt(2.0))), 3)


@dataclass
class QualityModel:
    booster: object  # lightgbm.Booster
    features: list[str]
    meta: dict

    def matrix(self, rows: Sequence[dict[str, float]]):
        import numpy as np

        return np.array([[row.get(f, 0.0) for f in self.features] for row in rows],
                        dtype=np.float64).reshape(len(rows), len(self.features))

    def predict_z(self, rows: Sequence[dict[str, float]]) -> list[float]:
        if not rows:
            return []
        return [float(z) for z in self.booster.predict(self.matrix(rows), num_threads=1)]

    def scores(self, rows: Sequence[dict[str, float]]) -> list[float]:
        return [to_unit(z) for z in self.predict_z(rows)]

    def reasons(self, row: dict[str, float], k: int = 3) -> list[dict]:
        """The `k` features that lower this row's predicted z-score most (LightGBM's per-feature
        contributions, SHAP values), worst first: name, plain description, value, contribution."""
        contrib = self.booster.predict(self.matrix([row]), pred_contrib=True, num_threads=1)[0]
        pairs = sorted(zip(self.features, contrib[:-1]), key=lambda x: x[1])
        return [{"feature": f, "description": describe(f), "value": round(row.get(f, 0.0), 3),
                 "contribution": round(float(c), 3)} for f, c in pairs[:k] if c < 0]

    @classmethod
    def read(cls, booster_path: Path = BOOSTER_PATH, meta_path: Path = META_PATH) -> "QualityModel":
        lightgbm = _lightgbm()

        try:
            meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
            booster = lightgbm.Booster(model_str=Path(booster_path).read_text(encoding="utf-8"))
        except (OSError, ValueError, lightgbm.basic.LightGBMError) as e:
            raise RuntimeError(f"{booster_path}: not a readable quality model ({e}); rebuild it "
                               "with scripts/train_quality_model.py") from e
        if booster.feature_name() != meta["features"]:
            raise RuntimeError(f"{meta_path}: its feature list does not match {booster_path}; "
                               "rebuild both with scripts/train_quality_model.py")
        return cls(booster, list(meta["features"]), meta)


_DESCRIPTIONS = {
    "findings": "findings on the sentence", "mqm_penalty_per_word": "MQM penalty per word",
    "non_word_rate": "share of words in no dictionary", "rare_word_rate": "share of rare words",
    "mean_zipf": "how common its words are", "min_zipf": "its rarest word",
    "capitalised_mid_rate": "capitalised words in mid-sentence",
    "repeated_word_rate": "words repeated within the sentence",
    "punct_rate": "share of punctuation", "comma_rate": "commas per word",
    "digit_rate": "numbers per word", "other_token_rate": "non-ASCII tokens",
    "ends_with_stop": "ends with a full stop", "has_verb": "has a verb",
    "mean_word_length": "word length", "tokens": "length", "words": "length",
    "log_words": "length",
    "syntax_mean_bits": "how improbable its word order is (mean)",
    "syntax_max_bits": "its most improbable point of word order",
    "syntax_sd_bits": "how uneven its word order is",
    "syntax_share_over_10": "share of improbable points of word order",
    "syntax_forward_bits_per_tag": "how predictable its parts of speech are",
    "syntax_spans": "improbable word-order spans",
}


def describe(feature: str) -> str:
    """A feature name in words, for the evidence of a finding."""
    if feature in _DESCRIPTIONS:
        return _DESCRIPTIONS[feature]
    for prefix, what in (("rule_", "findings of rule "), ("category_", "findings of category "),
                         ("severity_", "findings of severity ")):
        if feature.startswith(prefix):
            return what + feature[len(prefix):]
    if feature.startswith("pos_") and feature.endswith("_rate"):
        return f"share of {feature[4:-5]} parts of speech"
    return feature


def _lightgbm():
    """lightgbm, imported without pandas when pandas is not loaded yet. lightgbm imports pandas
    (and pyarrow through it: about a second) only to accept DataFrames, and the model is only
    given numpy arrays (here and in pipeline/quality/train.py), so `check`, which has no stage
    tables, never loads them (tests/test_check_speed.py)."""
    if "lightgbm" in sys.modules or "pandas" in sys.modules:
        import lightgbm
        return lightgbm
    sys.modules["pandas"] = None  # type: ignore[assignment]  # import pandas -> ImportError
    try:
        import lightgbm
    finally:
        if "pandas" in sys.modules and sys.modules["pandas"] is None:
            del sys.modules["pandas"]
    return lightgbm


@lru_cache(maxsize=1)
def load() -> QualityModel:
    """The shipped model (read once per process)."""
    return QualityModel.read()
