"""Claims benchmark: run the full audit (all rules, in memory) on every item of the claims
benchmark and print, per claim class, recall on false claims, the false-alarm rate on true ones and
precision; the held-out items are reported separately.

usage: python benchmarks/bench_claims.py [--items FILE ...] [--json]

An item is one article. A false claim counts as caught when a fact or safety finding overlaps its
`span`; a true claim is a false alarm when any fact or safety finding is reported on it.
`--json` prints {"classes": {NAME: {"recall", "false_alarm_rate", "n_false", "n_true"}},
"recall", "false_alarm_rate"} over all items, with the same block for "dev" and "held_out"."""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import config, nlp  # noqa: E402
from pipeline.detect import describe, detect  # noqa: E402
from pipeline.ingest import read_article  # noqa: E402
from pipeline.resources import Resources  # noqa: E402

DEFAULT_ITEMS = [ROOT / "tests" / "claims" / "dev.yaml", ROOT / "tests" / "claims" / "held_out.yaml"]
CATEGORIES = ("fact", "safety")


class BenchmarkError(Exception):
    pass


def load_items(paths: list[Path]) -> list[dict]:
    items = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for n, item in enumerate(data.get("items") or [], 1):
            where = f"{path}: item {item.get('id', '#' + str(n))}"
            missing = [k for k in ("id", "class", "truth", "text") if k not in item]
            if missing:
                raise BenchmarkError(f"{where}: missing {', '.join(missing)}")
            if not item["truth"]:
                if "span" not in item or item["span"] not in item["text"]:
                    raise BenchmarkError(f"{where}: a false item needs a `span` found in its text")
            items.append(item)
    return items


def settings() -> dict:
    s = config.load(ROOT / "params.yaml", root=ROOT)
    s["knowledge"] = str(ROOT / "sources" / "knowledge")
    s["rules"] = {"select": ["ALL"], "ignore": [], "severity": {}, "options": {}}
    s["languagetool"]["url"] = None
    return s


def judge(items: list[dict]) -> list[dict]:
    """Each item with `flagged` (a fact or safety finding on it) and, for false items, `caught`."""
    s = settings()
    res = Resources(s)
    articles = [read_article(Path(f"{it['id']}.txt"), data=it["text"].encode("utf-8")) for it in items]
    failed = nlp.segment(articles)
    if failed:
        raise BenchmarkError(describe(failed[0]))
    out = []
    for item, article in zip(items, articles):
        findings, errors, _ = detect([article], s, res)
        if errors:
            raise BenchmarkError(f"item {item['id']}: {describe(errors[0])}")
        hits = [f for f in findings if f.category in CATEGORIES]
        row = {**item, "flagged": bool(hits), "rules": sorted({f.rule_id for f in hits})}
        if not item["truth"]:
            start = item["text"].index(item["span"])
            end = start + len(item["span"])
            row["caught"] = any(f.start < end and f.end > start for f in hits)
        out.append(row)
    return out


def _rate(num: int, den: int) -> float:
    return round(num / den, 4) if den else 0.0


def summarise(rows: list[dict]) -> dict:
    by_class: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_class[r["class"]].append(r)

    def block(rs: list[dict]) -> dict:
        false = [r for r in rs if not r["truth"]]
        true = [r for r in rs if r["truth"]]
        caught = sum(r["caught"] for r in false)
        alarms = sum(r["flagged"] for r in true)
        return {"recall": _rate(caught, len(false)), "false_alarm_rate": _rate(alarms, len(true)),
                "precision": _rate(caught, caught + alarms), "n_false": len(false), "n_true": len(true)}

    total = block(rows)
    return {"classes": {c: block(rs) for c, rs in sorted(by_class.items())},
            "recall": total["recall"], "false_alarm_rate": total["false_alarm_rate"],
            "precision": total["precision"], "n_false": total["n_false"], "n_true": total["n_true"]}


def report(rows: list[dict]) -> dict:
    out = summarise(rows)
    for name, part in (("dev", [r for r in rows if not r.get("held_out")]),
                       ("held_out", [r for r in rows if r.get("held_out")])):
        if part:
            out[name] = summarise(part)
    return out


def print_table(title: str, s: dict) -> None:
    print(f"\n{title}")
    print(f"{'class':<16}{'false':>6}{'recall':>8}{'true':>6}{'false alarms':>14}{'precision':>11}")
    for name, c in s["classes"].items():
        print(f"{name:<16}{c['n_false']:>6}{c['recall']:>8.0%}{c['n_true']:>6}"
              f"{c['false_alarm_rate']:>14.1%}{c['precision']:>11.0%}")
    print(f"{'all':<16}{s['n_false']:>6}{s['recall']:>8.0%}{s['n_true']:>6}"
          f"{s['false_alarm_rate']:>14.1%}{s['precision']:>11.0%}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=Path, nargs="+", default=DEFAULT_ITEMS, help="benchmark YAML files")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--misses", action="store_true", help="list missed false claims and false alarms")
    args = ap.parse_args(argv)
    try:
        rows = judge(load_items(args.items))
    except (BenchmarkError, OSError, yaml.YAMLError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    result = report(rows)
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
        return 0
    for name in ("dev", "held_out"):
        if name in result:
            print_table(f"{name} ({result[name]['n_false']} false, {result[name]['n_true']} true)", result[name])
    if args.misses:
        for r in rows:
            if (not r["truth"] and not r["caught"]) or (r["truth"] and r["flagged"]):
                kind = "MISSED" if not r["truth"] else f"ALARM {','.join(r['rules'])}"
                print(f"{kind:<14} {r['id']:<10} {r['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
