"""Evaluate the source-aware rules (TR050-TR057) on fa/en sentence pairs.

    python scripts/eval_bilingual.py tests/data/bilingual/eval/pairs_dev.tsv [--all-rules]

Each correct pair must give no finding (precision on correct translations); each pair is also
corrupted in the ways the rules look for, where it applies (a number changed, a unit changed,
the source copied, the target emptied, half the target dropped, a Persian word left in), and each
corruption must give a finding of the rule meant for it (recall). `--all-rules` also counts the
findings of every other rule on the correct pairs (the English rules on bilingual input)."""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import make_article, run_rules  # noqa: E402

BILINGUAL = ["TR050", "TR051", "TR052", "TR053", "TR054", "TR055", "TR056", "TR057"]
_NUM = re.compile(r"\d+")
_UNIT_SWAP = [("mg", "g"), ("ml", "l"), ("weeks", "months"), ("days", "weeks"), ("hours", "days"),
              ("minutes", "hours"), ("a day", "a week"), ("kg", "g")]


def pairs(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            s, t = line.split("\t")
            out.append((s, t))
    return out


def _tagged(text: str) -> str:
    """The text (escaped) with its first word wrapped in <g id="1"> and a <x id="2"/> at the end."""
    first, _, rest = text.partition(" ")
    return f'<g id="1">{escape(first)}</g> {escape(rest)}<x id="2"/>'


def _terms():
    from pipeline.rules.translation.termbase import load

    return load().entries


def corruptions(src: str, tgt: str) -> list[tuple[str, str, str]]:
    """(rule expected, kind, corrupted target, as XLIFF content)."""
    out = [("TR050", "copied", escape(src)), ("TR054", "emptied", ""),
           ("TR053", "tag dropped", escape(tgt) + '<x id="2"/>')]
    m = _NUM.search(tgt)
    if m:
        n = int(m.group())
        out.append(("TR051", "number", escape(tgt[:m.start()] + str(n * 10 if n < 100 else
                                                                      n // 10) + tgt[m.end():])))
    for a, b in _UNIT_SWAP:
        hit = re.search(rf"(?<=\d )({re.escape(a)})\b", tgt)
        if hit:
            out.append(("TR052", "unit", escape(tgt[:hit.start()] + b + tgt[hit.end():])))
            break
    words = tgt.split()
    if len(words) >= 8:
        out.append(("TR055", "half dropped", escape(" ".join(words[:len(words) // 3]) + ".")))
    for e in _terms():
        term = next((t for t in e.approved if re.search(rf"\b{re.escape(t)}\b", tgt, re.I)),
                    None)
        if term is None or not any(t in src for t in e.source):
            continue
        swap = e.deprecated[0] if e.deprecated else "the treatment"
        out.append(("TR057" if e.deprecated else "TR056", "term",
                    escape(re.sub(rf"\b{re.escape(term)}\b", swap, tgt, count=1, flags=re.I))))
        break
    return out


def xliff(units: list[tuple[str, str]]) -> str:
    body = "".join(f'<trans-unit id="{k}"><source>{s}</source>'
                   f'<target>{t}</target></trans-unit>\n'
                   for k, (s, t) in enumerate(units, 1))
    return ('<xliff version="1.2"><file source-language="fa" target-language="en" '
            f'original="x" datatype="plaintext"><body>\n{body}</body></file></xliff>\n')


def run(units: list[tuple[str, str]], select: list[str]):
    article = make_article(xliff(units), "eval.xlf")
    return run_rules([article], select)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--all-rules", action="store_true")
    args = ap.parse_args()
    data = pairs(args.pairs)
    clean = run([(escape(s), escape(t)) for s, t in data] +
                [(_tagged(s), _tagged(t)) for s, t in data], ["ALL"] if args.all_rules else BILINGUAL)
    fp = Counter(f.rule_id for f in clean)
    print(f"{args.pairs.name}: {len(data)} correct pairs (plain, then with inline codes); "
          f"findings on them: {dict(fp) or 0}")
    for f in clean:
        print(f"  FP {f.rule_id} unit {f.unit_id}: {f.text!r}: {f.message}")
    cases = [(rule, kind, s, bad) for s, t in data for rule, kind, bad in corruptions(s, t)]
    found = run([(_tagged(s) if rule == "TR053" else escape(s), bad)
                 for rule, _, s, bad in cases], BILINGUAL)
    by_unit: dict[str, set[str]] = {}
    for f in found:
        by_unit.setdefault(f.unit_id, set()).add(f.rule_id)
    hits, total = Counter(), Counter()
    for k, (rule, kind, s, bad) in enumerate(cases, 1):
        total[rule] += 1
        if rule in by_unit.get(str(k), set()):
            hits[rule] += 1
        else:
            print(f"  FN {rule} ({kind}): {bad[:80]!r} <- {s[:60]!r}")
    for rule in sorted(total):
        print(f"  {rule}: recall {hits[rule]}/{total[rule]}")
    print(f"  all: recall {sum(hits.values())}/{sum(total.values())}, "
          f"false alarms on correct pairs {sum(fp.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
