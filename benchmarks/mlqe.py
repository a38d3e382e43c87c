"""MLQE-PE evaluation of the audit: how much more it flags machine translation than its human
post-edit, how many of the worst-rated translations it flags at all, and how well the quality
score ranks translations against human direct-assessment (DA) scores.

usage: python benchmarks/mlqe.py [--data training/mlqe-pe] [--pairs si-en ne-en] [--split dev]
                                 [--limit N] [--rules TR020 ...] [--bilingual] [--json FILE]

Importable: `evaluate(data_dir, ...)` returns the numbers as a dict (the garble benchmark calls it).
Words are whitespace-separated tokens of the sentence as rated (MT) or post-edited (PE); each
sentence is audited alone as a one-sentence article with every rule of this checkout.

With `--bilingual`, the sentences are also audited as a translator's file would be: (source, MT)
and (source, post-edit) as the units of paired bilingual files of 100 units
(`pipeline.mlqe.audit_units`), so that the source-aware rules run; the result's `bilingual` part
has the same rates, per rule for every rule that fired."""
from __future__ import annotations

import argparse
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


def _units_chunk(units: list[tuple[str, str]]) -> list[list]:
    return mlqe.audit_units(units)


def audit_bilingual(units: list[tuple[str, str]], jobs: int = 1, chunk: int = 500) -> list[list]:
    """The findings of each (source, target) unit (`mlqe.audit_units`), by `jobs` processes."""
    parts = [units[k:k + chunk] for k in range(0, len(units), chunk)]
    if jobs <= 1 or len(parts) <= 1:
        return [x for p in parts for x in _units_chunk(p)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return [x for part in pool.map(_units_chunk, parts) for x in part]


def bilingual_rates(rows, jobs: int = 1) -> dict:
    """MT and post-edit audited with their sources: rates for all findings and per rule."""
    mt = audit_bilingual([(r.src, r.mt) for r in rows], jobs)
    pe = audit_bilingual([(r.src, r.pe) for r in rows], jobs)
    codes = ["ALL", *sorted({f.rule_id for fs in mt + pe for f in fs})]
    mt_rates = _rates(mt, [r.mt for r in rows], codes)
    pe_rates = _rates(pe, [r.pe for r in rows], codes)
    bad = [k for k, r in enumerate(rows) if r.z_mean < BAD_Z]
    return {"mt": mt_rates, "pe": pe_rates,
            "mt_pe_ratio": {c: round(mt_rates[c]["per_1000_words"] / pe_rates[c]["per_1000_words"],
                                     2) if pe_rates[c]["per_1000_words"] else None for c in codes},
            "bad_share_flagged": {c: round(sum(1 for k in bad if any(
                c == "ALL" or f.rule_id == c for f in mt[k])) / max(len(bad), 1), 4)
                for c in codes}}


def evaluate_pair(data_dir: Path, pair: str, split: str = "dev", limit: int | None = None,
                  rules: Sequence[str] = (), jobs: int = 1, bilingual: bool = False) -> dict:
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
    out = {"pair": pair, "split": split, "sentences": len(rows), "mt": mt_rates, "pe": pe_rates,
           "mt_pe_ratio": ratio, "bad_z_threshold": BAD_Z, "bad_sentences": len(bad),
           "bad_share_flagged": bad_flagged,
           "quality": correlations(pred, [r.z_mean for r in rows])}
    if bilingual:
        out["bilingual"] = bilingual_rates(rows, jobs)
    return out


def evaluate(data_dir: Path = mlqe.DATA_DIR, pairs: Sequence[str] = ("si-en", "ne-en"),
             split: str = "dev", limit: int | None = None, rules: Sequence[str] = (),
             jobs: int = 1, bilingual: bool = False) -> dict:
    """`evaluate_pair` for each pair."""
    return {p: evaluate_pair(data_dir, p, split, limit, rules, jobs, bilingual) for p in pairs}


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
        b = r.get("bilingual")
        if b:
            lines.append("  bilingual (source + target as paired units):")
            for code, ratio in b["mt_pe_ratio"].items():
                lines.append(f"  {code:<5} per 1,000 words MT {b['mt'][code]['per_1000_words']:>7} "
                             f"PE {b['pe'][code]['per_1000_words']:>7}  MT:PE {ratio}  "
                             f"bad MT flagged {b['bad_share_flagged'][code]:.1%}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=mlqe.DATA_DIR)
    ap.add_argument("--pairs", nargs="+", default=["si-en", "ne-en"], choices=mlqe.PAIRS)
    ap.add_argument("--split", default="dev", choices=mlqe.SPLITS)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--rules", nargs="*", default=[], help="rule codes to report separately")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the audit")
    ap.add_argument("--bilingual", action="store_true",
                    help="also audit (source, MT) and (source, post-edit) as bilingual units")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = ap.parse_args()
    results = evaluate(args.data, args.pairs, args.split, args.limit, args.rules, args.jobs,
                       args.bilingual)
    print(report(results))
    if args.json:
        from pipeline.io import write_json

        write_json(args.json, results)


if __name__ == "__main__":
    main()
