"""Rebuild the quality model shipped in pipeline/quality/data/ from the vendored MLQE-PE train data.

usage: python scripts/train_quality_model.py [--pairs si-en ne-en] [--limit N] [--data DIR]
                                              [--out-dir DIR] [--rows-cache FILE]
                                              [--pe-rows-cache FILE] [--poor-rate 0.01]

Audits every machine translation of the chosen pairs' train splits with all the rules of this
checkout (each as a one-sentence article, LanguageTool off), turns each into a feature row
(pipeline/quality/features.py) and fits LightGBM to the DA z-scores (pipeline/quality/train.py).
It audits the post-edits of the same rows too, to calibrate TR038 (poor-translation): the
predicted z-score below which `--poor-rate` of the post-edited sentences would be flagged.
Re-run it after adding or changing rules: their findings are features. Deterministic (the
same rows whatever `--jobs`). The audit of si-en + ne-en (14,000 sentences, twice) is nearly all of the
time, about 0.06 s of CPU a sentence: 5 minutes with `--jobs 3` on a busy 2-core machine; `--rows-cache` keeps the feature rows to refit without auditing again (only while the
rules and the syntax model are unchanged)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import mlqe  # noqa: E402
from pipeline.quality import model as qmodel  # noqa: E402
from pipeline.quality import train  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", nargs="+", default=["si-en", "ne-en"], choices=mlqe.PAIRS)
    ap.add_argument("--limit", type=int, help="only the first N rows of each pair (for tests)")
    ap.add_argument("--data", type=Path, default=mlqe.DATA_DIR)
    ap.add_argument("--out-dir", type=Path, default=qmodel.DATA)
    ap.add_argument("--rows-cache", type=Path, help="feature rows of the MT (kept, reused)")
    ap.add_argument("--pe-rows-cache", type=Path, help="feature rows of the post-edits")
    ap.add_argument("--poor-rate", type=float, default=0.01,
                    help="share of post-edited sentences TR038 may flag (its threshold)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the audit")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    data = [r for pair in args.pairs for r in mlqe.read(args.data, pair, "train", args.limit)]
    settings = mlqe.audit_settings()
    rows = _rows([r.mt for r in data], args.rows_cache, args.jobs)
    pe_rows = _rows([r.pe for r in data], args.pe_rows_cache, args.jobs)
    from pipeline.detect import selected_rules

    scored = train.scored_codes(settings)
    codes = [cls.code for cls, *_ in selected_rules(settings) if cls.code not in scored]
    booster, meta = train.fit(rows, [r.z_mean for r in data], train.feature_names(rows, codes))
    meta.update({"pairs": args.pairs, "split": "train", "target": "z_mean",
                 "rules": codes,
                 "poor_translation": train.calibrate_poor(booster, meta["features"], pe_rows,
                                                          args.poor_rate)})
    args.out_dir.mkdir(parents=True, exist_ok=True)
    train.save(booster, meta, args.out_dir / qmodel.BOOSTER_PATH.name,
               args.out_dir / qmodel.META_PATH.name)
    print(f"{args.out_dir}: {meta['rows']} rows, {len(meta['features'])} features, "
          f"{meta['rounds']} rounds, {time.perf_counter() - t0:.0f} s")


def _rows(texts: list[str], cache: Path | None, jobs: int) -> list[dict]:
    if cache and cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    rows = train.line_rows(texts, jobs)
    if cache:
        cache.write_text(json.dumps(rows), encoding="utf-8")
    return rows


if __name__ == "__main__":
    main()
