"""Garble benchmark: recall and false alarms of the whole audit on the garbled-English classes
(tests/garble/*.yaml), plus flag rates on MLQE-PE dev.

usage: python benchmarks/bench_garble.py [--data tests/garble] [--mlqe-dir training/mlqe-pe]
                                          [--mlqe-limit N] [--no-mlqe] [--bilingual] [--json]
                                          [--held-out] [--show]

Each benchmark sentence (or short paragraph) is audited as a one-sentence article with every
rule, in memory, as `clinic-audit check` would; the spaCy model and the rules' resources are
loaded once and shared. A garbled case counts as detected when a finding overlaps its `flagged`
span (or, without one, the case at all); a correct case is a false alarm when it gets any
finding. Dev cases are printed; `--held-out` adds the held-out cases and both together (and
`--json` always has all three); `--show` lists the dev misses and false alarms (held-out ones only
with `--show-held-out`: do not tune on them).

MLQE-PE (dev split of each pair in --pairs): findings per 1,000 words on the machine translation
(`dev.pe.mt`) and on its post-edit (`dev.pe.pe`), the share of `dev.da.tsv` translations with a
direct-assessment z score below -1 that get any finding, and the Pearson r between the
per-sentence fluency score (pipeline/fluency.py) and the DA z score. With `--bilingual`, each pair
also gets `bilingual`: the same three flag rates with MT and post-edit audited together with their
source sentences as the units of bilingual files (`benchmarks/mlqe.py --bilingual`), so that the
source-aware rules run as they do on a translator's XLIFF."""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import yaml  # noqa: E402

from pipeline import config, nlp  # noqa: E402
from pipeline.detect import describe, detect  # noqa: E402
from pipeline.ingest import read_article  # noqa: E402
from pipeline.resources import Resources  # noqa: E402

LOW_DA_Z = -1.0


class BenchmarkDataError(Exception):
    """A benchmark file is malformed."""


@dataclass
class Case:
    cls: str
    text: str
    garbled: bool
    flagged: str | None
    held_out: bool


def load_cases(data_dir: Path) -> list[Case]:
    """Every case of every `<class>.yaml` in `data_dir`; a malformed file raises
    BenchmarkDataError naming the file and the case."""
    cases = []
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            raise BenchmarkDataError(f"{path}: not valid YAML: {e}") from e
        if not isinstance(data, dict) or not isinstance(data.get("class"), str) \
                or not isinstance(data.get("cases"), list):
            raise BenchmarkDataError(f"{path}: needs `class` (a name) and `cases` (a list)")
        for k, case in enumerate(data["cases"]):
            where = f"{path}: case {k + 1}"
            if not isinstance(case, dict) or ("garbled" in case) == ("correct" in case):
                raise BenchmarkDataError(f"{where}: needs exactly one of `garbled` / `correct`")
            unknown = set(case) - {"garbled", "correct", "flagged", "held_out"}
            if unknown:
                raise BenchmarkDataError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
            text = case.get("garbled", case.get("correct"))
            flagged = case.get("flagged")
            if not isinstance(text, str) or not text.strip():
                raise BenchmarkDataError(f"{where}: the sentence must be a non-empty string")
            if flagged is not None and ("correct" in case or not isinstance(flagged, str)
                                        or flagged not in text):
                raise BenchmarkDataError(f"{where}: `flagged` must be a part of a garbled sentence")
            if not isinstance(case.get("held_out", False), bool):
                raise BenchmarkDataError(f"{where}: `held_out` must be true or false")
            cases.append(Case(data["class"], text, "garbled" in case, flagged,
                              case.get("held_out", False)))
    return cases


class Auditor:
    """Audits texts as one-sentence articles, with the model and resources loaded once."""

    def __init__(self):
        self.settings = config.load(ROOT / "params.yaml", root=ROOT)
        self.settings["languagetool"]["url"] = None
        self.resources = Resources(self.settings)

    def audit(self, texts: list[str], prefix: str = "s"):
        """(article, findings) for each text."""
        articles = [read_article(Path(f"{prefix}{k:05d}.txt"), data=t.encode("utf-8"))
                    for k, t in enumerate(texts)]
        failed = nlp.segment(articles, model=self.settings["nlp"]["model"],
                             batch_size=self.settings["nlp"]["batch_size"])
        if failed:
            raise RuntimeError(describe(failed[0]))
        out = []
        for a in articles:
            findings, errors, _ = detect([a], self.settings, self.resources)
            if errors:
                raise RuntimeError(f"{describe(errors[0])} (text {a.text!r})")
            out.append((a, findings))
        return out


def _overlaps(f, start: int, end: int) -> bool:
    return f.start < end and start < max(f.end, f.start + 1)


def score_cases(cases: list[Case], auditor: Auditor) -> list[dict]:
    results = []
    for case, (article, findings) in zip(cases, auditor.audit([c.text for c in cases], "g")):
        if case.garbled and case.flagged:
            s = article.file_text.index(case.flagged)
            hits = [f for f in findings if _overlaps(f, s, s + len(case.flagged))]
        else:
            hits = findings
        results.append({"case": case, "hit": bool(hits), "rules": sorted({f.rule_id for f in hits}),
                        "all_rules": sorted({f.rule_id for f in findings})})
    return results


def rates(results: list[dict]) -> dict:
    garbled = [r for r in results if r["case"].garbled]
    correct = [r for r in results if not r["case"].garbled]
    return {"recall": round(sum(r["hit"] for r in garbled) / len(garbled), 3) if garbled else None,
            "false_alarm_rate": round(sum(r["hit"] for r in correct) / len(correct), 3)
            if correct else None,
            "garbled": len(garbled), "correct": len(correct)}


def mlqe_metrics(mlqe_dir: Path, pair: str, limit: int | None = None, jobs: int = 1,
                 bilingual: bool = False) -> dict:
    """The issue's four MLQE-PE numbers for one pair's dev split, from `benchmarks/mlqe.py`."""
    from mlqe import evaluate_pair  # benchmarks/mlqe.py, beside this script

    r = evaluate_pair(mlqe_dir, pair, "dev", limit, (), jobs, bilingual)
    out = {"mt_per_1k": r["mt"]["ALL"]["per_1000_words"],
           "pe_per_1k": r["pe"]["ALL"]["per_1000_words"],
           "low_da_flagged": r["bad_share_flagged"]["ALL"],
           "pearson": r["quality"]["pearson"]}
    if bilingual:
        b = r["bilingual"]
        out["bilingual"] = {"mt_per_1k": b["mt"]["ALL"]["per_1000_words"],
                            "pe_per_1k": b["pe"]["ALL"]["per_1000_words"],
                            "low_da_flagged": b["bad_share_flagged"]["ALL"]}
    return out


def report(results: list[dict]) -> dict:
    classes = sorted({r["case"].cls for r in results})
    out = {"classes": {}, "held_out": {}, "dev": {}}
    for cls in classes:
        mine = [r for r in results if r["case"].cls == cls]
        out["classes"][cls] = rates(mine)
        out["dev"][cls] = rates([r for r in mine if not r["case"].held_out])
        out["held_out"][cls] = rates([r for r in mine if r["case"].held_out])
    total = rates(results)
    out["recall"], out["false_alarm_rate"] = total["recall"], total["false_alarm_rate"]
    out["held_out"]["all"] = rates([r for r in results if r["case"].held_out])
    out["dev"]["all"] = rates([r for r in results if not r["case"].held_out])
    return out


def _pct(x) -> str:
    return "   -" if x is None else f"{100 * x:5.1f}%"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT / "tests" / "garble")
    ap.add_argument("--mlqe-dir", type=Path, default=ROOT / "training" / "mlqe-pe")
    ap.add_argument("--pairs", nargs="+", default=["si-en", "ne-en"])
    ap.add_argument("--mlqe-limit", type=int, default=None, help="first N sentences of each file")
    ap.add_argument("--no-mlqe", action="store_true")
    ap.add_argument("--bilingual", action="store_true",
                    help="also audit MLQE-PE with its source sentences as bilingual units")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes for the MLQE-PE audit")
    ap.add_argument("--classes", nargs="+", help="only these classes")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--show", action="store_true", help="list dev misses and false alarms")
    ap.add_argument("--held-out", action="store_true",
                    help="also print the held-out numbers (not while tuning)")
    ap.add_argument("--show-held-out", action="store_true")
    args = ap.parse_args(argv)
    try:
        cases = load_cases(args.data)
    except BenchmarkDataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.classes:
        cases = [c for c in cases if c.cls in args.classes]
    if not cases:
        print(f"error: no benchmark cases in {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    auditor = Auditor()
    results = score_cases(cases, auditor)
    out = report(results)
    out["mlqe"] = {}
    if not args.no_mlqe:
        if not args.mlqe_dir.is_dir():
            print(f"error: MLQE-PE directory {args.mlqe_dir} not found (--mlqe-dir, or --no-mlqe)",
                  file=sys.stderr)
            return 2
        for pair in args.pairs:
            out["mlqe"][pair] = mlqe_metrics(args.mlqe_dir, pair, args.mlqe_limit, args.jobs,
                                              args.bilingual)
    if args.json:
        json.dump({"classes": {c: {k: v[k] for k in ("recall", "false_alarm_rate")}
                               for c, v in out["classes"].items()},
                   "recall": out["recall"], "false_alarm_rate": out["false_alarm_rate"],
                   "mlqe": out["mlqe"],
                   "held_out": {c: {k: v[k] for k in ("recall", "false_alarm_rate")}
                                for c, v in out["held_out"].items()},
                   "dev": {c: {k: v[k] for k in ("recall", "false_alarm_rate")}
                           for c, v in out["dev"].items()}},
                  sys.stdout, indent=2, sort_keys=True)
        sys.stdout.write("\n")
        return 0
    print(f"{'class':<20} {'split':<9} {'recall':>7} {'false alarms':>13}   garbled/correct")
    for cls in list(out["classes"]) + ["all"]:
        splits = (("dev", out["dev"]), ("held-out", out["held_out"]), ("together", out["classes"]))
        for split, table in splits if args.held_out else splits[:1]:
            r = table.get(cls) if cls != "all" or split != "together" else \
                {"recall": out["recall"], "false_alarm_rate": out["false_alarm_rate"],
                 **{k: rates(results)[k] for k in ("garbled", "correct")}}
            if r:
                print(f"{cls:<20} {split:<9} {_pct(r['recall']):>7} {_pct(r['false_alarm_rate']):>13}"
                      f"   {r['garbled']}/{r['correct']}")
    for pair, m in out["mlqe"].items():
        ratio = m["mt_per_1k"] / m["pe_per_1k"] if m["pe_per_1k"] else float("inf")
        print(f"MLQE-PE {pair} dev: {m['mt_per_1k']} findings/1k words on MT, {m['pe_per_1k']} "
              f"on post-edits ({ratio:.1f}x); DA z<{LOW_DA_Z} flagged {_pct(m['low_da_flagged'])}; "
              f"Pearson r(quality, DA z) {m['pearson']}")
        b = m.get("bilingual")
        if b:
            ratio = b["mt_per_1k"] / b["pe_per_1k"] if b["pe_per_1k"] else float("inf")
            print(f"  bilingual (with sources): {b['mt_per_1k']} on MT, {b['pe_per_1k']} on "
                  f"post-edits ({ratio:.1f}x); DA z<{LOW_DA_Z} flagged "
                  f"{_pct(b['low_da_flagged'])}")
    if args.show or args.show_held_out:
        for r in results:
            c = r["case"]
            if (c.held_out and not args.show_held_out) or r["hit"] == c.garbled:
                continue
            what = "MISSED" if c.garbled else f"FALSE ALARM {r['rules']}"
            print(f"{c.cls:<20} {what:<24} {c.text!r}"
                  + (f"  (others: {r['all_rules']})" if c.garbled and r["all_rules"] else ""))
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
