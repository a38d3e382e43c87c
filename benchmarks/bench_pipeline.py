"""Benchmark: build a synthetic corpus of N articles by varying the seed articles, run every stage
in-process, and print words/second per stage and the process's peak memory.

usage: python benchmarks/bench_pipeline.py [--articles N] [--seed S] [--keep DIR]

Variation: each synthetic article takes the lines of a seed article, shuffles the paragraphs
within each section, swaps a share of the words for others of the same article, and sometimes
appends a section of the other seed, so rules meet new combinations rather than copies."""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import config  # noqa: E402
from pipeline.io import read_json  # noqa: E402


def vary(lines: list[str], other: list[str], rng: random.Random) -> str:
    out = list(lines)
    body = out[1:]
    for _ in range(max(1, len(body) // 8)):
        i, j = rng.randrange(len(body)), rng.randrange(len(body))
        body[i], body[j] = body[j], body[i]
    words = " ".join(body).split()
    for k in range(len(body)):
        toks = body[k].split(" ")
        for t in range(len(toks)):
            if rng.random() < 0.03 and words:
                toks[t] = rng.choice(words)
        body[k] = " ".join(toks)
    if rng.random() < 0.5:
        start = rng.randrange(len(other))
        body += other[start:start + rng.randint(3, 15)]
    return "\n".join([out[0]] + body) + "\n"


def bare_parse(work: Path) -> float:
    """Seconds a bare spaCy parse (the whole English model, dependency parser included) takes over
    the same corpus text, model loading excluded: the yardstick for the audit's throughput."""
    import spacy

    from pipeline.nlp import MODEL

    texts = [p.read_text(encoding="utf-8") for p in sorted((work / "articles").glob("*.txt"))]
    nlp = spacy.load(MODEL)
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t


def build_corpus(n: int, dest: Path, seed: int) -> int:
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in
             sorted((ROOT / "sources" / "articles").glob("*.txt"))]
    words = 0
    for i in range(n):
        a = seeds[i % len(seeds)]
        b = seeds[(i + 1) % len(seeds)]
        text = vary(a, b, rng)
        words += len(text.split())
        (dest / f"synthetic_{i:04d}.txt").write_text(text, encoding="utf-8")
    return words


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, help="keep the corpus and outputs in this directory")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="clinic-audit-bench-"))
    corpus = work / "articles"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    words = build_corpus(args.articles, corpus, args.seed)
    settings = config.load(ROOT / "params.yaml", {"inputs": [str(corpus)],
                                                  "out": str(work / "reports"),
                                                  "data_dir": str(work / "data"),
                                                  # every run audits afresh: a warm per-article
                                                  # cache (pipeline/cache.py) would time nothing
                                                  "cache": False}, root=ROOT)
    print(f"corpus: {args.articles} articles, {words} words ({work})")
    from pipeline import nlp

    t = time.perf_counter()
    nlp.load(settings["nlp"]["model"])  # loaded once, outside the stage times (as the bare parse)
    print(f"spaCy model loaded in {time.perf_counter() - t:.2f} s")
    print(f"{'stage':<10}{'seconds':>9}{'words/s':>11}{'peak MB':>9}")
    total = 0.0
    took = {}
    for name in ("ingest", "segment", "detect", "validate", "report"):
        t = time.perf_counter()
        code = import_module(f"pipeline.stages.{name}").run(settings)
        dt = time.perf_counter() - t
        total += dt
        took[name] = dt
        print(f"{name:<10}{dt:>9.2f}{words / dt:>11.0f}{peak_mb():>9.0f}" +
              ("" if code == 0 else f"   (exit {code})"))
    findings = read_json(work / "reports" / "summary.json")["totals"]["findings"]
    print(f"{'total':<10}{total:>9.2f}{words / total:>11.0f}{peak_mb():>9.0f}")
    print(f"findings: {findings}")
    print(f"detect / segment: {took['detect'] / took['segment']:.0%} "
          f"(issue 3's budget: detect's added time within 50% of segmentation)")
    bare = bare_parse(work)
    print(f"bare spaCy parse (full model, parser included): {bare:.2f} s, {words / bare:.0f} words/s")
    print(f"audit throughput / bare spaCy parse: {bare / total:.2f}x (budget: >= 0.5x)")
    lean = bare_spacy_seconds(settings)
    audit = total - took["validate"]
    print(f"spaCy as the segment stage loads it (no parser) over the same blocks: {lean:.2f} s; "
          f"audit without validate: {audit:.2f} s (ratio {lean / audit:.2f}); with validate: "
          f"{total:.2f} s (ratio {lean / total:.2f})")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def bare_spacy_seconds(settings: dict) -> float:
    """A bare spaCy parse (the same model and components, batched) of every block's text."""
    from pipeline import nlp
    from pipeline.stages.common import read_table

    texts = read_table(settings, "blocks.parquet")["text"].tolist()
    model = nlp.load(settings["nlp"]["model"])
    t = time.perf_counter()
    for _ in model.pipe(texts, batch_size=settings["nlp"]["batch_size"]):
        pass
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
