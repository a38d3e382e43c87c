"""The quality model: a LightGBM regressor from a segment's features (pipeline/quality/features.py)
to the direct-assessment z-score MLQE-PE's raters would give it, shipped as LightGBM's own text
format (data/quality_model.txt) with its feature list and training record (data/quality_model.json).

The 0-1 score is the standard normal CDF of the predicted z-score: 0.5 is a sentence of average
quality among the rated MLQE-PE translations, 0.16 one a standard deviation worse. Retrain with
scripts/train_quality_model.py (after adding rules, too: their findings become features)."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

DATA = Path(__file__).with_name("data")
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

    @classmethod
    def read(cls, booster_path: Path = BOOSTER_PATH, meta_path: Path = META_PATH) -> "QualityModel":
        import lightgbm

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


@lru_cache(maxsize=1)
def load() -> QualityModel:
    """The shipped model (read once per process)."""
    return QualityModel.read()
