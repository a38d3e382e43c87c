"""Score the knowledge-backed fact rules (FA001, FA003, FA005) on held-out sentences.

    python benchmarks/knowledge_heldout.py [benchmarks/data/knowledge_heldout.yaml]

Each case names a rule, a sentence and the exact span it must report (or null: it must pass).
Prints, per rule, true positives (exact span), false negatives, false alarms on correct sentences."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.conftest import make_article, run_rules  # noqa: E402


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent / "data" / "knowledge_heldout.yaml")
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    score: dict[str, Counter] = {}
    for case in cases:
        found = [f.text for f in run_rules([make_article(case["text"])], [case["rule"]]) if f.rule_id == case["rule"]]
        s = score.setdefault(case["rule"], Counter())
        if case["flag"] is None:
            s["correct sentences"] += 1
            if found:
                s["false alarms"] += 1
                print(f"  false alarm {case['rule']}: {found} in {case['text']!r}")
        else:
            s["defects"] += 1
            if case["flag"] in found:
                s["caught"] += 1
            else:
                print(f"  missed {case['rule']}: {case['flag']!r} (got {found}) in {case['text']!r}")
    for rule, s in sorted(score.items()):
        print(f"{rule}: caught {s['caught']}/{s['defects']}, false alarms {s['false alarms']}/{s['correct sentences']}")


if __name__ == "__main__":
    main()
