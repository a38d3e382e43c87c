"""MLQE-PE evaluation of the audit: how much more it flags machine translation than its human
post-edit, how many of the worst-rated translations it flags at all, and how well the quality
score ranks translations against human direct-assessment (DA) scores.

usage: python benchmarks/mlqe.py [--data training/mlqe-pe] [--pairs si-en ne-en] [--split dev]
                                 [--limit N] [--rules TR020 ...] [--json FILE]

Importable: `evaluate(data_dir, ...)` returns the numbers as a dict (the garble benchmark calls it).
Words are whitespace-separated tokens of the sentence as rated (MT) or post-edited (PE); each
sentence is audited alone as a one-sentence article with every rule of this checkout."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline import mlqe  # noqa: E402

BAD_Z = -1.0


def correlations(pred: Sequence[float], gold: Sequence[float]) -> dict[str, float]:
    from scipy.stats import pearsonr, spearmanr

    if len(pred) < 3:
        return {"pearson": float("nan"), "spearman": float("nan")}
    return {"pearson": round(float(pearsonr(pred, gold)[0]), 4),
            "spearman": round(float(spearmanr(pred, gold)[0]), 4)}


def _rates(findings_per_line, texts, codes):
    words = sum(len(t.split()) for t in texts)
    out = {"words": words}
    for code in codes:
        n = sum(1 for fs in findings_per_line for f in fs if code == "ALL" or f.rule_id == code)
        out[code] = {"findings": n, "per_1000_words": round(1000 * n / max(words, 1), 3)}
    return out


def evaluate_pair(data_dir: Path, pair: str, split: str = "dev", limit: int | None = None,
                  rules: Sequence[str] = (), jobs: int = 1) -> dict:
    """The numbers for one language pair (see the module's doc)."""
    from pipeline.quality.model import load
    from pipeline.quality.train import audit_lines

    rows = mlqe.read(data_dir, pair, split, limit)
    mt = audit_lines([r.mt for r in rows], jobs, score=True)
    pe = audit_lines([r.pe for r in rows], jobs, score=True)
    codes = ["ALL", *rules]
    mt_rates = _rates([fs for fs, _ in mt], [r.mt for r in rows], codes)
    pe_rates = _rates([fs for fs, _ in pe], [r.pe for r in rows], codes)
    ratio = {c: round(mt_rates[c]["per_1000_words"] / pe_rates[c]["per_1000_words"], 2)
             if pe_rates[c]["per_1000_words"] else None for c in codes}
    bad = [k for k, r in enumerate(rows) if r.z_mean < BAD_Z]
    bad_flagged = {c: round(sum(1 for k in bad if any(c == "ALL" or f.rule_id == c
                                                      for f in mt[k][0])) / max(len(bad), 1), 4)
                   for c in codes}
    pred = load().predict_z([row for _, row in mt])
    return {"pair": pair, "split": split, "sentences": len(rows), "mt": mt_rates, "pe": pe_rates,
            "mt_pe_ratio": ratio, "bad_z_threshold": BAD_Z, "bad_sentences": len(bad),
            "bad_share_flagged": bad_flagged,
            "quality": correlations(pred, [r.z_mean for r in rows])}


def evaluate(data_dir: Path = mlqe.DATA_DIR, pairs: Sequence[str] = ("si-en", "ne-en"),
             split: str = "dev", limit: int | None = None, rules: Sequence[str] = (),
             jobs: int = 1) -> dict:
    """`evaluate_pair` for each pair."""
    return {p: evaluate_pair(data_dir, p, split, limit, rules, jobs) for p in pairs}


def report(results: dict) -> str:
    lines = []
    for pair, r in results.items():
        lines.append(f"{pair} {r['split']} ({r['sentences']} sentences; {r['bad_sentences']} "
                     f"with DA z < {r['bad_z_threshold']}); quality score vs DA: Pearson "
                     f"{r['quality']['pearson']}, Spearman {r['quality']['spearman']}")
        for code, ratio in r["mt_pe_ratio"].items():
            lines.append(f"  {code:<5} per 1,000 words MT {r['mt'][code]['per_1000_words']:>7} "
                         f"PE {r['pe'][code]['per_1000_words']:>7}  MT:PE {ratio}  "
                         f"bad MT flagged {r['bad_share_flagged'][code]:.1%}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=mlqe.DATA_DIR)
    ap.add_argument("--pairs", nargs="+", default=["si-en", "ne-en"], choices=mlqe.PAIRS)
    ap.add_argument("--split", default="dev", choices=mlqe.SPLITS)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--rules", nargs="*", default=[], help="rule codes to report separately")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the audit")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = ap.parse_args()
    results = evaluate(args.data, args.pairs, args.split, args.limit, args.rules, args.jobs)
    print(report(results))
    if args.json:
        from pipeline.io import write_json

        write_json(args.json, results)


if __name__ == "__main__":
    main()
