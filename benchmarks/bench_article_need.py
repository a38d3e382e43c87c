"""TR070 (missing article) alone on MLQE-PE dev: findings per 1,000 words on the machine
translations (`mt`) and on their human post-edits (`pe`), per pair and overall, and the ratio.
Dev is not in the rule's training data (training/train_article_model.py reads the train split).

usage: python benchmarks/bench_article_need.py [--mlqe-dir training/mlqe-pe] [--limit N]
                                               [--show N] [--json]

Each sentence is tagged by the pipeline's spaCy model and checked as one paragraph, as the rule
sees running text. `--show N` prints N findings on the post-edits (false alarms, mostly) and N
on the machine translations."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import config, mlqe, nlp  # noqa: E402
from pipeline.resources import Resources  # noqa: E402
from pipeline.model import Segment, Token  # noqa: E402
from pipeline.rules.translation.missing_article import MissingArticle  # noqa: E402


def findings(texts: list[str]) -> tuple[list[list[str]], int]:
    """The flagged spans of each text, and the words of all texts."""
    rule, out, words = MissingArticle(), [], 0
    resources = SimpleNamespace(vocabulary=Resources(config.load(None)).vocabulary)
    for text, doc in zip(texts, nlp.load().pipe(texts, batch_size=256)):
        words += sum(1 for t in doc if t.text[:1].isalnum())
        segs = [Segment(k, 0, "paragraph", s.start_char, s.end_char, s.text,
                        [Token(j, t.idx, t.idx + len(t.text), t.text, t.pos_, t.tag_, t.lemma_)
                         for j, t in enumerate(x for x in s if not x.is_space)])
                for k, s in enumerate(doc.sents)]
        ctx = SimpleNamespace(text=text, segments=segs, resources=resources)
        out.append([text[m.start:m.end] for m in rule.check(ctx)])
    return out, words


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mlqe-dir", type=Path, default=mlqe.DATA_DIR)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result, shown = {}, {"pe": [], "mt": []}
    totals = {"mt": [0, 0], "pe": [0, 0]}
    for pair in mlqe.PAIRS:
        rows = mlqe.read(args.mlqe_dir, pair, "dev", args.limit)
        result[pair] = {}
        for side in ("mt", "pe"):
            texts = [getattr(r, side) for r in rows]
            found, words = findings(texts)
            n = sum(map(len, found))
            totals[side][0] += n
            totals[side][1] += words
            result[pair][side] = round(1000 * n / max(1, words), 2)
            shown[side] += [(t, f) for t, f in zip(texts, found) if f]
    for side in ("mt", "pe"):
        result.setdefault("all", {})[side] = round(1000 * totals[side][0] / max(1, totals[side][1]), 2)
    for key in result:
        result[key]["ratio"] = round(result[key]["mt"] / result[key]["pe"], 1) \
            if result[key]["pe"] else None
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print("pair     mt/1k   pe/1k   ratio")
        for key, r in result.items():
            print(f"{key:8} {r['mt']:6.2f}  {r['pe']:6.2f}  {r['ratio']}")
        print(f"findings: mt {totals['mt'][0]} in {totals['mt'][1]} words, "
              f"pe {totals['pe'][0]} in {totals['pe'][1]} words")
    for side in ("pe", "mt"):
        for text, found in shown[side][:args.show]:
            print(f"[{side}] {found}  {text[:160]}")


if __name__ == "__main__":
    main()
