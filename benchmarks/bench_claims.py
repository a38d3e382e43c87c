"""Claims benchmark: run the full audit (all rules, in memory) on every item of the claims
benchmark and print, per claim class, recall on false claims, the false-alarm rate on true ones and
precision; each set (dev, held_out, dev2, independent, clinic, fresh, fresh-held-out, fresh2,
fresh2-held-out) is reported
separately.

usage: python benchmarks/bench_claims.py [--items FILE ...] [--articles DIR] [--json] [--misses]

An item is one article. A false claim counts as caught when a fact or safety finding overlaps its
`span`; a true claim is a false alarm when any fact or safety finding is reported on it. An item's
set is its `set` (e.g. `independent`), else `held_out` when `held_out: true`, else `dev`.
`--json` prints {"classes": {NAME: {"recall", "false_alarm_rate", "n_false", "n_true"}},
"recall", "false_alarm_rate"} over all items, with the same block for each set.

`--articles DIR` also audits the end-to-end articles of DIR (`defects.yaml` lists each article's
planted defects: a defect is caught when a fact or safety finding overlaps its span; a fact or
safety finding that overlaps no planted span is a false alarm) and reports them as "articles"."""
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

DEFAULT_ITEMS = [ROOT / "tests" / "claims" / f"{name}.yaml" for name in ("dev", "held_out", "dev2", "independent", "clinic", "fresh", "fresh2")]
SETS = ("dev", "held_out", "dev2", "independent", "clinic", "fresh", "fresh-held-out", "fresh2", "fresh2-held-out")
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


def item_set(item: dict) -> str:
    return item.get("set") or ("held_out" if item.get("held_out") else "dev")


def settings() -> dict:
    s = config.load(ROOT / "params.yaml", root=ROOT)
    s["rules"] = {"select": ["ALL"], "ignore": [], "severity": {}, "options": {}}
    s["languagetool"]["url"] = None
    return s


def audit(named_texts: list[tuple[str, str]]) -> list[list]:
    """The fact and safety findings of each (name, text), each text audited as one article."""
    s = settings()
    res = Resources(s)
    articles = [read_article(Path(f"{name}.txt"), data=text.encode("utf-8")) for name, text in named_texts]
    failed = nlp.segment(articles)
    if failed:
        raise BenchmarkError(describe(failed[0]))
    out = []
    for (name, _), article in zip(named_texts, articles):
        findings, errors, _ = detect([article], s, res)
        if errors:
            raise BenchmarkError(f"{name}: {describe(errors[0])}")
        out.append([f for f in findings if f.category in CATEGORIES])
    return out


def judge(items: list[dict]) -> list[dict]:
    """Each item with `flagged` (a fact or safety finding on it) and, for false items, `caught`."""
    out = []
    for item, hits in zip(items, audit([(it["id"], it["text"]) for it in items])):
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
    for name in SETS + tuple(sorted({item_set(r) for r in rows} - set(SETS))):
        part = [r for r in rows if item_set(r) == name]
        if part:
            out[name] = summarise(part)
    return out


def load_articles(folder: Path) -> list[dict]:
    """The end-to-end articles of `folder` with their planted defects (from `defects.yaml`)."""
    data = yaml.safe_load((folder / "defects.yaml").read_text(encoding="utf-8")) or {}
    out = []
    for name, defects in (data.get("articles") or {}).items():
        text = (folder / name).read_text(encoding="utf-8")
        for d in defects:
            if text.count(d.get("span", "")) != 1:
                raise BenchmarkError(f"{folder / 'defects.yaml'}: {name} {d.get('id')}: "
                                     "the span must occur exactly once in the article")
        out.append({"name": name, "text": text, "defects": defects})
    return out


def judge_articles(articles: list[dict]) -> dict:
    """Recall on the planted defects by class and article, and the fact and safety findings that
    overlap no planted span (false alarms)."""
    per_class: dict[str, list[bool]] = defaultdict(list)
    result = {"articles": {}, "false_alarms": [], "missed": []}
    hits_all = audit([(Path(a["name"]).stem, a["text"]) for a in articles])
    for a, hits in zip(articles, hits_all):
        spans = []
        caught = 0
        for d in a["defects"]:
            start = a["text"].index(d["span"])
            end = start + len(d["span"])
            spans.append((start, end))
            ok = any(f.start < end and f.end > start for f in hits)
            caught += ok
            per_class[d["class"]].append(ok)
            if not ok:
                result["missed"].append(f"{a['name']} {d['id']}: {d['span']}")
        alarms = [f for f in hits if not any(f.start < e and f.end > s for s, e in spans)]
        result["false_alarms"] += [f"{a['name']} {f.rule_id}: {f.text}" for f in alarms]
        result["articles"][a["name"]] = {"defects": len(a["defects"]), "caught": caught,
                                         "false_alarms": len(alarms)}
    n = sum(len(v) for v in per_class.values())
    result["classes"] = {c: {"defects": len(v), "caught": sum(v)} for c, v in sorted(per_class.items())}
    result["recall"] = _rate(sum(sum(v) for v in per_class.values()), n)
    result["n_defects"] = n
    return result


def print_articles(r: dict) -> None:
    print(f"\nend-to-end articles ({r['n_defects']} planted defects)")
    print(f"{'article':<22}{'defects':>8}{'caught':>8}{'false alarms':>14}")
    for name, a in r["articles"].items():
        print(f"{name:<22}{a['defects']:>8}{a['caught']:>8}{a['false_alarms']:>14}")
    print(f"{'class':<22}{'defects':>8}{'caught':>8}")
    for name, c in r["classes"].items():
        print(f"{name:<22}{c['defects']:>8}{c['caught']:>8}")
    print(f"recall {r['recall']:.0%}, false alarms {len(r['false_alarms'])}")


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
    ap.add_argument("--articles", type=Path, help="also audit the end-to-end articles of this folder")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--misses", action="store_true", help="list missed false claims and false alarms")
    args = ap.parse_args(argv)
    try:
        rows = judge(load_items(args.items))
        result = report(rows)
        if args.articles:
            result["articles"] = judge_articles(load_articles(args.articles))
    except (BenchmarkError, OSError, yaml.YAMLError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2, sort_keys=True))
        return 0
    for name in SETS + tuple(sorted({item_set(r) for r in rows} - set(SETS))):
        if name in result:
            print_table(f"{name} ({result[name]['n_false']} false, {result[name]['n_true']} true)", result[name])
    if args.articles:
        print_articles(result["articles"])
    if args.misses:
        for r in rows:
            if (not r["truth"] and not r["caught"]) or (r["truth"] and r["flagged"]):
                kind = "MISSED" if not r["truth"] else f"ALARM {','.join(r['rules'])}"
                print(f"{kind:<14} {r['id']:<10} {r['text']}")
        if args.articles:
            for line in result["articles"]["missed"]:
                print(f"{'MISSED':<14} {line}")
            for line in result["articles"]["false_alarms"]:
                print(f"{'ALARM':<14} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
