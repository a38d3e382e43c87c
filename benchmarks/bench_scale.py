"""Benchmark: `clinic-audit run` on N synthetic articles at --jobs 1 and --jobs 2 (or --jobs-list),
and with `--executor dask` on a Dask LocalCluster of `--dask-workers` processes (1 thread each),
with peak memory, words/s, stage times and the ratio to a bare spaCy parse of the same text
measured in the same run. Prints numbers; it is not a test.

usage: python benchmarks/bench_scale.py [--articles N] [--words W] [--seed S] [--jobs-list 1,2] [--json]
                                        [--keep DIR] [--executor dask [--dask-workers 2]]
                                        [--reaudit] [--stages]

These runs audit afresh (`--no-cache`). With `--reaudit`: a first run fills a per-article cache
(pipeline/cache.py) in the work folder, one article is changed (a sentence added), and the re-run's
wall time, stage times, cache hits and ratio to the bare parse are printed (the re-run's words/s
counts every article of the release). Both runs write into the same output folder, as a
content repository's runs do, so the re-run keeps the pages that did not change.

The corpus (deterministic for a seed): each article is a variation of a bundled article
(benchmarks/bench_pipeline.py's `vary`) with a few garbled sentences of tests/garble/*.yaml
spliced into its paragraphs, so the rules have something to find. Each run is a separate
`clinic-audit run` process; its CPU time (user + system of the process and its workers, sampled with psutil,
so up to 0.1 s of each process's end is missed) shows what a run costs when other processes
share the cores; its peak memory is sampled with psutil (every 0.1 s, the process
and its worker processes: the largest single process and the sum over the tree), and also read
from getrusage (the largest process that ended, workers included). The bare parse is the full
English model (dependency parser included) over the same article texts in one process, as in
bench_pipeline.py; `ratio` is audit words/s over bare-parse words/s. The Dask cluster is started
before its run is timed (its workers load spaCy and the rules' resources in the run, as
`--jobs` workers do), and its worker processes count in that run's memory and CPU time."""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_pipeline import vary  # noqa: E402

import yaml  # noqa: E402


def garble_sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "tests" / "garble").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).get("cases", []):
            if isinstance(case.get("garbled"), str) and "\n" not in case["garbled"]:
                out.append(case["garbled"])
    return out


def build_corpus(n: int, dest: Path, seed: int, words_per_article: int | None = None) -> int:
    """Write `n` articles; with `words_per_article`, each is cut after the first line that
    reaches that many words (title kept), so that thousands of articles fit on a small machine."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8").splitlines() for p in
             sorted((ROOT / "sources" / "articles").glob("*.txt"))]
    garbled = garble_sentences()
    words = 0
    for i in range(n):
        lines = vary(seeds[i % len(seeds)], seeds[(i + 1) % len(seeds)], rng).splitlines()
        if words_per_article:
            lines = _cut(lines, words_per_article)
        for _ in range(3):
            k = rng.randrange(1, len(lines))
            lines[k] = (lines[k] + " " + rng.choice(garbled)).strip()
        text = "\n".join(lines) + "\n"
        words += len(text.split())
        (dest / f"synthetic_{i:05d}.txt").write_text(text, encoding="utf-8")
    return words


def _cut(lines: list[str], words: int) -> list[str]:
    count = 0
    for k, line in enumerate(lines):
        count += len(line.split())
        if count >= words and k >= 1:
            return lines[:k + 1]
    return lines


def _tree(roots, cpu: dict) -> tuple[int, int]:
    """(largest process, sum over the process and its descendants) resident memory, in bytes;
    records each process's CPU time (user + system) so far in `cpu` (pid -> seconds)."""
    import psutil

    sizes = []
    procs = {}
    for root in roots:
        try:
            procs.update({p.pid: p for p in [root, *root.children(recursive=True)]})
        except psutil.Error:
            pass
    for p in procs.values():
        try:
            with p.oneshot():
                sizes.append(p.memory_info().rss)
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        except psutil.Error:
            pass
    return max(sizes, default=0), sum(sizes)


def run_audit(corpus: Path, out: Path, jobs: int, *, scheduler: str | None = None,
              cluster=(), params: Path | None = None) -> dict:
    """One `clinic-audit run`: at `--jobs jobs`, or with `scheduler` on that Dask cluster (whose
    processes, `cluster`, are watched too); with `params` (settings with the cache on), the cache
    is used."""
    import psutil

    exe = Path(sys.executable).with_name("clinic-audit")
    cmd = [str(exe), "--params", str(params or ROOT / "params.yaml"), "-v", "run", str(corpus),
           "--out", str(out / "reports"), "--data-dir", str(out / "data"), "--jobs", str(jobs),
           *([] if params else ["--no-cache"])]
    if scheduler:
        cmd += ["--executor", "dask", "--scheduler", scheduler]
    cpu: dict[int, float] = {}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT)
    watched = psutil.Process(proc.pid)
    peak_one = peak_tree = 0
    while proc.poll() is None:
        try:
            one, tree = _tree([watched, *cluster], cpu)
        except psutil.Error:
            break
        peak_one, peak_tree = max(peak_one, one), max(peak_tree, tree)
        time.sleep(0.1)
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    stages = {m.group(1): float(m.group(2))
              for m in re.finditer(r"^(ingest|segment|detect|validate|report): ([\d.]+) s\b",
                                   stderr, re.M)}
    return {"jobs": "dask" if scheduler else jobs, "exit": proc.returncode, "seconds": round(seconds, 2),
            "cpu_seconds": round(sum(cpu.values()), 1),
            "stages": stages, "peak_rss_mb": round(peak_one / 2**20),
            "peak_rss_tree_mb": round(peak_tree / 2**20),
            "cache": next((line for line in stdout.splitlines() if line.startswith("cache: ")),
                          None),
            "findings": sum(1 for _ in (out / "reports" / "findings.jsonl").open())
            if (out / "reports" / "findings.jsonl").exists() else None,
            "stderr_tail": stderr.strip().splitlines()[-3:] if proc.returncode not in (0, 1)
            else []}


STAGES = ("ingest", "segment", "detect", "validate", "report")


def run_stages(corpus: Path, out: Path) -> dict:
    """Each stage alone (`python -m pipeline.stages.X`, --jobs 1, no cache): its seconds and peak
    RSS (largest process and tree, sampled with psutil), to see where the peak is."""
    import psutil

    params = out / "params.yaml"
    out.mkdir(parents=True, exist_ok=True)
    params.write_text((ROOT / "params.yaml").read_text(encoding="utf-8") +
                      f"\ninputs: [{corpus}]\nout: {out / 'reports'}\ndata_dir: {out / 'data'}\n"
                      "cache: false\njobs: 1\n", encoding="utf-8")
    result = {}
    for name in STAGES:
        cpu: dict[int, float] = {}
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", f"pipeline.stages.{name}", "--params",
                                 str(params)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, cwd=ROOT)
        watched = psutil.Process(proc.pid)
        peak_one = peak_tree = 0
        while proc.poll() is None:
            try:
                one, tree = _tree([watched], cpu)
            except psutil.Error:
                break
            peak_one, peak_tree = max(peak_one, one), max(peak_tree, tree)
            time.sleep(0.1)
        _, stderr = proc.communicate()
        result[name] = {"exit": proc.returncode,
                        "seconds": round(time.perf_counter() - started, 2),
                        "peak_rss_mb": round(peak_one / 2**20),
                        "peak_rss_tree_mb": round(peak_tree / 2**20),
                        "stderr_tail": stderr.strip().splitlines()[-2:] if proc.returncode > 1
                        else []}
    return result


def run_dask(corpus: Path, out: Path, workers: int) -> dict:
    """`run_audit` on a LocalCluster of `workers` processes with one thread each."""
    import psutil
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        procs = [p for p in psutil.Process().children(recursive=False)
                 if p.is_running() and "python" in p.name()]
        return run_audit(corpus, out, 1, scheduler=cluster.scheduler_address, cluster=procs)


def bare_parse(corpus: Path) -> float:
    """Seconds a bare spaCy parse (full model, parser included) takes over the article texts,
    model loading excluded."""
    import spacy

    from pipeline.nlp import MODEL

    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--words", type=int, default=None,
                    help="words per article (cut at a line end; default: whole variations of the "
                    "bundled articles, about 3,000-4,500 words)")
    ap.add_argument("--jobs-list", default="1,2", help="comma-separated --jobs values to run")
    ap.add_argument("--json", action="store_true", help="print one JSON document")
    ap.add_argument("--keep", type=Path, help="keep the corpus and outputs in this directory")
    ap.add_argument("--executor", choices=("local", "dask"), default="local",
                    help="dask: also run on a Dask LocalCluster (needs the `cluster` extra)")
    ap.add_argument("--dask-workers", type=int, default=2)
    ap.add_argument("--reaudit", action="store_true",
                    help="audit with the cache, change one article, audit again (first --jobs-list "
                    "value)")
    ap.add_argument("--stages", action="store_true",
                    help="run each stage alone (python -m pipeline.stages.X, --jobs 1) and print "
                    "its seconds and peak RSS")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="clinic-audit-scale-"))
    corpus = work / "articles"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    words = build_corpus(args.articles, corpus, args.seed, args.words)
    if args.reaudit:
        reaudit(args, work, corpus, words)
        return
    if args.stages:
        stages = run_stages(corpus, work / "stages")
        print(json.dumps({"articles": args.articles, "words": words,
                          "words_per_article": args.words, "stages": stages}, indent=2))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    runs = []
    for jobs in [int(j) for j in args.jobs_list.split(",")]:
        r = run_audit(corpus, work / f"jobs{jobs}", jobs)
        r["words_per_s"] = round(words / r["seconds"])
        runs.append(r)
        if not args.json:
            print(f"jobs {jobs}: {r['seconds']} s, {r['words_per_s']} words/s, peak RSS "
                  f"{r['peak_rss_mb']} MB (tree {r['peak_rss_tree_mb']} MB), CPU {r['cpu_seconds']} s, "
                  f"exit {r['exit']}, "
                  f"stages {r['stages']}", flush=True)
    if args.executor == "dask":
        r = run_dask(corpus, work / "jobsdask", args.dask_workers)
        r["words_per_s"] = round(words / r["seconds"])
        runs.append(r)
        if not args.json:
            print(f"dask ({args.dask_workers} workers): {r['seconds']} s, {r['words_per_s']} "
                  f"words/s, peak RSS {r['peak_rss_mb']} MB (tree {r['peak_rss_tree_mb']} MB), "
                  f"CPU {r['cpu_seconds']} s, exit {r['exit']}, stages {r['stages']}", flush=True)
    bare = bare_parse(corpus)
    bare_wps = words / bare
    for r in runs:
        r["ratio_to_bare_parse"] = round(r["words_per_s"] / bare_wps, 2)
    first = work / f"jobs{runs[0]['jobs']}" / "reports" / "findings.jsonl"
    identical = all((work / f"jobs{r['jobs']}" / "reports" / "findings.jsonl").read_bytes()
                    == first.read_bytes() for r in runs) if first.exists() else False
    result = {"articles": args.articles, "words": words, "words_per_article": args.words,
              "seed": args.seed,
              "bare_parse": {"seconds": round(bare, 2), "words_per_s": round(bare_wps)},
              "runs": runs, "findings_identical": identical,
              "getrusage_children_peak_mb": round(
                  resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}
    if len(runs) > 1:
        result["speedup"] = round(runs[0]["seconds"] / runs[-1]["seconds"], 2)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"corpus: {args.articles} articles, {words} words ({work})")
        print(f"bare spaCy parse: {bare:.2f} s, {bare_wps:.0f} words/s")
        for r in runs:
            print(f"jobs {r['jobs']}: ratio to bare parse {r['ratio_to_bare_parse']}x")
        if "speedup" in result:
            print(f"speedup jobs {runs[-1]['jobs']} / jobs {runs[0]['jobs']}: {result['speedup']}x")
        print(f"findings.jsonl identical across runs: {identical}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def reaudit(args, work: Path, corpus: Path, words: int) -> None:
    jobs = int(args.jobs_list.split(",")[0])
    params = work / "params.yaml"
    shutil.rmtree(work / "cache", ignore_errors=True)
    params.write_text((ROOT / "params.yaml").read_text(encoding="utf-8") +
                      f"\ncache: true\ncache_dir: {work / 'cache'}\n", encoding="utf-8")
    # the same output folder both times, as a content repository's runs: its pages are kept
    first = run_audit(corpus, work / "run", jobs, params=params)
    changed = sorted(corpus.glob("*.txt"))[len(list(corpus.glob("*.txt"))) // 2]
    changed.write_text(changed.read_text(encoding="utf-8") +
                       "\nMagnesium is not a vitamin, and sciatica is a short-term condition.\n",
                       encoding="utf-8")
    again = run_audit(corpus, work / "run", jobs, params=params)
    bare = bare_parse(corpus)
    bare_wps = words / bare
    for r in (first, again):
        r["words_per_s"] = round(words / r["seconds"])
        r["ratio_to_bare_parse"] = round(r["words_per_s"] / bare_wps, 2)
    result = {"articles": args.articles, "words": words, "jobs": jobs, "changed": changed.name,
              "bare_parse": {"seconds": round(bare, 2), "words_per_s": round(bare_wps)},
              "first": first, "reaudit": again}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"corpus: {args.articles} articles, {words} words ({work}); changed {changed.name}")
        print(f"bare spaCy parse: {bare:.2f} s, {bare_wps:.0f} words/s")
        for name, r in (("first run (cache filled)", first), ("re-audit", again)):
            print(f"{name}: {r['seconds']} s, exit {r['exit']}, {r['cache']}, ratio to bare parse "
                  f"{r['ratio_to_bare_parse']}x, CPU {r['cpu_seconds']} s, peak RSS "
                  f"{r['peak_rss_mb']} MB, stages {r['stages']}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
