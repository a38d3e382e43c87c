"""Training of the quality model (used by scripts/train_quality_model.py and benchmarks/mlqe.py).

`line_rows` audits MLQE-PE machine translations and returns one feature row per line; `fit`
trains LightGBM on rows and DA z-scores. LightGBM rather than scikit-learn: its text model format
is stable across versions and needs no pickle, it handles sparse count features and missing
interactions well, trains a model of this size in seconds, and has a deterministic mode."""
from __future__ import annotations

import json
import math
from typing import Sequence

from pipeline.quality.features import unit_features

PARAMS = {
    "objective": "regression", "learning_rate": 0.03, "num_leaves": 15,
    "min_data_in_leaf": 40, "feature_fraction": 0.8, "bagging_fraction": 0.8, "bagging_freq": 1,
    "lambda_l2": 1.0, "seed": 7, "deterministic": True, "force_col_wise": True,
    "num_threads": 1, "verbosity": -1,
}
MAX_ROUNDS = 2000
EARLY_STOP = 100
VALID_EVERY = 10  # every 10th training row is held out to choose the number of rounds


def audit_lines(texts: list[str], jobs: int = 1, chunk: int = 250,
                score: bool = False) -> list[tuple[list, dict[str, float]]]:
    """(findings, feature row) of each text, audited as a one-sentence article, in the order of
    `texts`; `jobs` worker processes audit chunks of `chunk` texts each (same results). With
    `score`, the segments are scored and the rules that read the score (scope "scored", e.g.
    TR038) run too; their findings are in the list but never in the feature row (the model's
    input)."""
    from functools import partial

    chunks = [texts[k:k + chunk] for k in range(0, len(texts), chunk)]
    work = partial(_audit_chunk, score=score)
    if jobs <= 1 or len(chunks) <= 1:
        return [x for c in chunks for x in work(c)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [x for part in pool.map(work, chunks) for x in part]


_worker: dict = {}


def _audit_chunk(texts: list[str], score: bool = False) -> list[tuple[list, dict[str, float]]]:
    from pipeline import mlqe
    from pipeline.resources import Resources

    if not _worker:  # once per process
        _worker["settings"] = mlqe.audit_settings()
        _worker["resources"] = Resources(_worker["settings"])
        _worker["scored"] = scored_codes(_worker["settings"])
    resources = _worker["resources"]
    out = []
    for article, findings in mlqe.audit(texts, _worker["settings"], resources, score=score):
        tokens = [t for seg in article.segments for t in seg.tokens]
        inputs = [f for f in findings if f.rule_id not in _worker["scored"]]
        out.append((findings, unit_features(tokens, inputs, resources.vocabulary,
                                            resources.syntax_model)))
    return out


def scored_codes(settings) -> frozenset[str]:
    """The codes of the rules that read the quality score (never the model's input)."""
    from pipeline.detect import selected_rules

    return frozenset(cls.code for cls, *_ in selected_rules(settings) if cls.scope == "scored")


def calibrate_poor(booster, names: list[str], pe_rows: Sequence[dict[str, float]],
                   rate: float, min_words: int = 6) -> dict:
    """TR038's threshold: the predicted z-score below which at most `rate` of the post-edited
    (correct) sentences would be flagged, counting only those TR038 looks at (no other finding,
    `min_words` words or more)."""
    import numpy as np

    eligible = [r for r in pe_rows if r.get("findings", 0.0) == 0 and r.get("words", 0.0) >= min_words]
    X = np.array([[r.get(f, 0.0) for f in names] for r in eligible], dtype=np.float64)
    z = sorted(float(v) for v in booster.predict(X, num_threads=1)) if eligible else []
    k = int(rate * len(pe_rows))
    max_z = math.floor(z[k] * 1e4) / 1e4 if k < len(z) else None  # rounded down: at most `rate`
    return {"max_z": max_z, "rate_on_post_edits": rate, "post_edits": len(pe_rows),
            "eligible": len(eligible), "min_words": min_words}


def line_rows(texts: list[str], jobs: int = 1) -> list[dict]:
    """One feature row per text (see `audit_lines`)."""
    return [row for _, row in audit_lines(texts, jobs)]


def feature_names(rows: Sequence[dict[str, float]], rule_codes: Sequence[str]) -> list[str]:
    """Every key seen in the rows, plus a count for every rule that ran (and every category and
    severity), sorted: the model's input columns."""
    from pipeline.model import CATEGORIES, SEVERITIES

    keys = {k for r in rows for k in r}
    keys |= {f"rule_{c}" for c in rule_codes} | {f"category_{c}" for c in CATEGORIES}
    keys |= {f"severity_{s}" for s in SEVERITIES}
    return sorted(keys)


def fit(rows: Sequence[dict[str, float]], targets: Sequence[float], names: list[str]):
    """(booster, meta) trained on rows -> targets."""
    try:
        import lightgbm
    except ImportError as e:
        raise RuntimeError("training the quality model needs LightGBM: pip install "
                           "'clinic-audit[train]' (the README's commands install it)") from e
    import numpy as np

    X = np.array([[r.get(f, 0.0) for f in names] for r in rows], dtype=np.float64)
    y = np.array(targets, dtype=np.float64)
    valid = np.arange(len(y)) % VALID_EVERY == VALID_EVERY - 1
    train_set = lightgbm.Dataset(X[~valid], y[~valid], feature_name=names, free_raw_data=False)
    valid_set = lightgbm.Dataset(X[valid], y[valid], reference=train_set)
    probe = lightgbm.train(PARAMS, train_set, MAX_ROUNDS, valid_sets=[valid_set],
                           callbacks=[lightgbm.early_stopping(EARLY_STOP, verbose=False)])
    rounds = max(probe.best_iteration, 1)
    booster = lightgbm.train(PARAMS, lightgbm.Dataset(X, y, feature_name=names), rounds)
    gain = booster.feature_importance("gain")
    top = sorted(zip(names, gain), key=lambda x: -x[1])[:15]
    meta = {"features": names, "params": PARAMS, "rounds": rounds, "rows": len(y),
            "top_features_by_gain": [[n, round(float(g), 1)] for n, g in top]}
    return booster, meta


def save(booster, meta: dict, booster_path, meta_path) -> None:
    from pipeline.io import write_text

    write_text(booster_path, booster.model_to_string())
    write_text(meta_path, json.dumps(meta, indent=2, sort_keys=True) + "\n")
