"""Rebuild the syntax model shipped in pipeline/syntax/data/ from the vendored MLQE-PE post-edits.

usage: python scripts/train_syntax_model.py [--data training/mlqe-pe] [--out PATH]
                                             [--limit N] [--max-rate 2.0]

Tags the post-edited English of every pair's train split with the pipeline's own spaCy model and
settings, trains the forward and backward tag models, calibrates the threshold (see
pipeline/syntax/train.py) and writes the model. Deterministic; about 2 minutes of CPU (7-9 minutes
on a busy shared 2-core machine), almost all of it spaCy's tagging."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import mlqe, nlp  # noqa: E402
from pipeline.syntax.model import MODEL_PATH  # noqa: E402
from pipeline.syntax.train import Line, train  # noqa: E402


def tag_lines(texts: list[str]) -> list[Line]:
    """Each text's word count and its sentences' fine tags, as the segment stage sees them."""
    model = nlp.load()
    return [Line(len(text.split()),
                 tuple(tuple(t.tag_ for t in sent if not t.is_space) for sent in doc.sents
                       if sent.text.strip()))
            for text, doc in zip(texts, model.pipe(texts, batch_size=256))]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=mlqe.DATA_DIR)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--limit", type=int, help="only the first N rows of each pair (for tests)")
    ap.add_argument("--max-rate", type=float, default=2.0,
                    help="flagged spans per 1,000 words allowed on held-out post-edits")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    texts = [r.pe for pair in mlqe.PAIRS
             for r in mlqe.read(args.data, pair, "train", args.limit)]
    lines = tag_lines(texts)
    model = train(lines, args.max_rate)
    model.save(args.out)
    print(f"{args.out}: {model.meta['sentences']} sentences, threshold {model.threshold} bits, "
          f"held-out {model.meta['calibration']['heldout_flags_per_1000_words']} flags/1,000 "
          f"words, {args.out.stat().st_size / 1e6:.2f} MB, {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
