"""Grammar rules (TR015-TR019): recall on the garble benchmark, false alarms per 1,000 words on
correct English, and the cost of the offline grammar engine against a bare spaCy parse.

usage: python benchmarks/bench_grammar.py garble [--file tests/garble/grammar.yaml] [--split dev|held_out|all] [-v]
       python benchmarks/bench_grammar.py precision --text FILE... [--detok] [--harper all|selected]
       python benchmarks/bench_grammar.py cost --text FILE... [--detok]

garble: every case is audited alone, as `clinic-audit check` audits a one-sentence article, with
all rules and engines; a garbled case counts as detected when a finding overlaps its `flagged`
text (or the sentence), a correct case is a false alarm when there is any finding at all.
precision: findings of TR015-TR019 per 1,000 words of correct English, one line a sentence
(`--detok` undoes MLQE-PE's tokenisation: "don 't ," -> "don't,"); `--harper all` runs every
Harper rule that Harper enables by default (but SpellCheck), reported as TR015, for comparison
with the selection in pipeline/rules/data/grammar_harper.yaml.
cost: load time of the Harper engine, and seconds per 1,000 words of TR015-TR019 and of a bare
spaCy parse (en_core_web_sm, all components) of the same text, measured in the same run."""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import config, nlp  # noqa: E402
from pipeline.detect import detect  # noqa: E402
from pipeline.ingest import read_article  # noqa: E402
from pipeline.resources import Resources  # noqa: E402

GRAMMAR_RULES = ["TR015", "TR016", "TR017", "TR018", "TR019"]


def detok(line: str) -> str:
    line = re.sub(r" ([,.;:!?%)\]])", r"\1", line)
    line = re.sub(r"([(\[]) ", r"\1", line)
    line = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", line)
    return re.sub(r'" (.*?) "', r'"\1"', line)


def settings(select: list[str], harper_all: bool = False) -> dict:
    s = config.load(ROOT / "params.yaml", root=ROOT)
    s["rules"] = {"select": select, "ignore": [], "severity": {}, "options": {}}
    if harper_all:
        import harper

        s["grammar"]["harper_rules"] = {name: ("TR015" if on and name != "SpellCheck" else "off")
                                        for name, on in harper.get_default_lint_config().items()}
    return s


def article(text: str, name: str):
    a = read_article(Path(name), data=text.encode("utf-8"))
    nlp.segment([a])
    return a


def garble(args) -> None:
    data = yaml.safe_load(Path(args.file).read_text(encoding="utf-8"))
    s = settings(["ALL"])
    res = Resources(s)
    tally = Counter()
    rules_fired: Counter = Counter()
    for n, case in enumerate(data["cases"]):
        split = "held_out" if case.get("held_out") else "dev"
        if args.split != "all" and split != args.split:
            continue
        kind = "garbled" if "garbled" in case else "correct"
        text = case[kind]
        a = article(text + "\n", f"case{n}.txt")
        res.notes = {}
        findings, errors, _ = detect([a], s, res)
        assert not errors, errors
        if kind == "garbled":
            target = case.get("flagged") or text
            lo = text.find(target)
            hit = [f for f in findings if f.start < lo + len(target) and lo < f.end]
            tally[(split, "garbled")] += 1
            tally[(split, "detected")] += bool(hit)
            rules_fired.update({f.rule_id for f in hit})
            if args.verbose and not hit and split == "dev":
                print(f"  missed: {text}  [{', '.join(f.rule_id + ':' + f.text for f in findings)}]")
        else:
            tally[(split, "correct")] += 1
            tally[(split, "false_alarm")] += bool(findings)
            if args.verbose and findings and split == "dev":
                print(f"  false alarm: {text}  [{', '.join(f.rule_id + ':' + f.text for f in findings)}]")
    for split in ("dev", "held_out"):
        if tally[(split, "garbled")] or tally[(split, "correct")]:
            g, d = tally[(split, "garbled")], tally[(split, "detected")]
            c, fa = tally[(split, "correct")], tally[(split, "false_alarm")]
            print(f"{data['class']} {split:<9} recall {d}/{g} = {d / max(g, 1):.0%}   "
                  f"false alarms {fa}/{c} = {fa / max(c, 1):.0%}")
    print("rules that detected:", dict(rules_fired.most_common()))


def _lines(paths: list[str], do_detok: bool) -> list[str]:
    out = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(detok(line) if do_detok else line)
    return out


def precision(args) -> None:
    lines = _lines(args.text, args.detok)
    s = settings(GRAMMAR_RULES, harper_all=args.harper == "all")
    res = Resources(s)
    by_rule: Counter = Counter()
    by_harper: Counter = Counter()
    examples: dict[str, list[str]] = {}
    words = 0
    for k in range(0, len(lines), 50):
        chunk = "\n\n".join(lines[k:k + 50]) + "\n"
        a = article(chunk, f"chunk{k}.txt")
        words += a.word_count
        findings, errors, _ = detect([a], s, res)
        assert not errors, errors
        for f in findings:
            key = f.rule_id + (":" + f.evidence["harper_rule"] if "harper_rule" in f.evidence else "")
            by_rule[f.rule_id] += 1
            by_harper[key] += 1
            if args.verbose and len(examples.setdefault(key, [])) < 3:
                lo = chunk.rfind("\n", 0, f.start) + 1
                hi = chunk.find("\n", f.end)
                examples[key].append(f"{f.text!r} in: {chunk[lo:hi][:160]}")
    total = sum(by_rule.values())
    print(f"{words} words, {len(lines)} sentences; findings of {'/'.join(GRAMMAR_RULES)}: {total}"
          f" = {1000 * total / max(words, 1):.2f} per 1,000 words (Harper rules: {args.harper})")
    for key, n in sorted(by_rule.items()):
        print(f"  {key}: {n} ({1000 * n / max(words, 1):.2f}/1,000 words)")
    for key, n in by_harper.most_common(40 if args.verbose else 12):
        print(f"    {key}: {n}")
        for ex in examples.get(key, []):
            print(f"        {ex}")


def cost(args) -> None:
    import spacy

    text = "\n\n".join(_lines(args.text, args.detok)) + "\n"
    s = settings(GRAMMAR_RULES)
    t = time.perf_counter()
    res = Resources(s)
    _ = res.harper
    load = time.perf_counter() - t
    a = article(text, "cost.txt")
    words = a.word_count
    t = time.perf_counter()
    findings, errors, _ = detect([a], s, res)
    rules_time = time.perf_counter() - t
    bare = spacy.load(nlp.MODEL)
    t = time.perf_counter()
    for _doc in bare.pipe(text.split("\n\n")):
        pass
    spacy_time = time.perf_counter() - t
    print(f"{words} words; Harper engine load {load:.2f} s (dictionary, selection, "
          f"{len(res.harper.rule_codes)} Harper rules, medical words)")
    print(f"TR015-TR019: {1000 * rules_time / words:.3f} s per 1,000 words; bare spaCy parse "
          f"(en_core_web_sm, all components): {1000 * spacy_time / words:.3f} s per 1,000 words; "
          f"ratio {rules_time / spacy_time:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("garble")
    g.add_argument("--file", default=str(ROOT / "tests" / "garble" / "grammar.yaml"))
    g.add_argument("--split", choices=("dev", "held_out", "all"), default="dev")
    g.add_argument("-v", "--verbose", action="store_true")
    for name in ("precision", "cost"):
        p = sub.add_parser(name)
        p.add_argument("--text", nargs="+", required=True)
        p.add_argument("--detok", action="store_true")
        p.add_argument("--harper", choices=("all", "selected"), default="selected")
        p.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    {"garble": garble, "precision": precision, "cost": cost}[args.cmd](args)


if __name__ == "__main__":
    main()
