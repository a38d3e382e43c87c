"""Fuzz the audit: generated articles through ingest, segment and detect, for N minutes.

    python benchmarks/fuzz.py --minutes 10 [--workers 2] [--seed 1] [--deadline 30]

Each input (tests/robustness/inputs.py: encodings, line endings, RTL and zero-width marks, Persian
and Arabic-Indic digits, markup, front matter, broken markup, long runs; a share of XLIFF, TMX and
paired text files, --bilingual) runs in a worker process
with a per-input deadline; a worker that does not answer in time is killed and the input counted
as a hang. Prints inputs tried, refused (a clear ingest error, as designed), crashes (an exception
or an error record from a step), hangs, and offset errors (tests/robustness/oracle.py: every
block, sentence, token and finding at the right place, with the right line and column). Inputs
that fail are written to --save (default bench-out/fuzz/, one folder per input) to reproduce. Exit status 1 when
anything failed."""
from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.robustness import inputs, oracle  # noqa: E402


def _settings(deadline: float) -> dict:
    from pipeline import config

    s = config.load(ROOT / "params.yaml", root=ROOT)
    s["languagetool"]["url"] = None
    s["limits"]["article_seconds"] = max(deadline - 5, 1)
    return s


def _audit(gen: inputs.Generated, settings: dict, resources) -> tuple[str, str]:
    import tempfile

    from pipeline import nlp
    from pipeline.detect import detect
    from pipeline.ingest import IngestError, read_article
    from pipeline.limits import Limits

    limits = Limits.from_settings(settings)
    try:
        if gen.partner:  # a paired file is read from disk, its Persian half beside it
            with tempfile.TemporaryDirectory() as folder:
                article = read_article(gen.write(Path(folder)), Path(folder), limits=limits)
        else:
            article = read_article(Path(gen.name), data=gen.data, limits=limits)
    except IngestError as e:
        return "refused", e.problem
    errors = nlp.segment([article], limits=Limits.from_settings(settings))
    resources.notes = {}
    findings, rule_errors, _ = detect([article], settings, resources)
    errors += rule_errors
    if errors:
        slow = any("longer than" in str(e.get("problem", "")) for e in errors)
        return ("hang" if slow else "crash"), repr(errors)[:2000]
    problems = oracle.problems(article, findings)
    return ("offset", "\n".join(problems[:10])) if problems else ("ok", "")


def _worker(conn, deadline: float) -> None:
    from pipeline import nlp
    from pipeline.resources import Resources

    settings = _settings(deadline)
    resources = Resources(settings)
    nlp.load()
    conn.send("ready")
    while True:
        job = conn.recv()
        if job is None:
            return
        try:
            conn.send(_audit(job, settings, resources))
        except BaseException:  # noqa: BLE001 - every failure is a finding of the fuzzer
            conn.send(("crash", traceback.format_exc(limit=8)))


class Worker:
    def __init__(self, deadline: float):
        self.deadline = deadline
        self.conn, child = mp.Pipe()
        self.proc = mp.Process(target=_worker, args=(child, deadline), daemon=True)
        self.proc.start()
        if not self.conn.poll(300) or self.conn.recv() != "ready":
            raise RuntimeError("fuzz worker did not start")
        self.job: tuple | None = None
        self.started = 0.0

    def submit(self, job: tuple) -> None:
        self.job, self.started = job, time.monotonic()
        self.conn.send(job[1])

    def result(self) -> tuple[str, str] | None:
        """The answer, ("hang", ...) past the deadline, ("crash", ...) if the worker died."""
        if self.conn.poll(0):
            try:
                return self.conn.recv()
            except EOFError:
                return "crash", "the worker process died"
        if not self.proc.is_alive():
            return "crash", f"the worker process died (exit {self.proc.exitcode})"
        if time.monotonic() - self.started > self.deadline:
            return "hang", f"no answer after {self.deadline:g} s"
        return None

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--deadline", type=float, default=30.0, help="seconds per input")
    ap.add_argument("--save", type=Path, default=ROOT / "bench-out" / "fuzz")
    ap.add_argument("--bilingual", type=float, default=0.25,
                    help="share of bilingual inputs (XLIFF, TMX, paired text; default 0.25)")
    args = ap.parse_args(argv)
    mp.set_start_method("fork" if sys.platform == "linux" else "spawn", force=True)
    src = inputs.RandomSource(random.Random(args.seed))
    counts = {k: 0 for k in ("ok", "refused", "crash", "hang", "offset")}
    workers = [Worker(args.deadline) for _ in range(max(args.workers, 1))]
    start = time.monotonic()
    stop = start + 60 * args.minutes
    n = 0
    for w in workers:
        w.submit((n, inputs.article(src, args.bilingual)))
        n += 1
    busy = len(workers)
    while busy:
        idle = True
        for i, w in enumerate(workers):
            if w.job is None:
                continue
            res = w.result()
            if res is None:
                continue
            idle = False
            status, detail = res
            counts[status] += 1
            if status not in ("ok", "refused"):
                k, gen = w.job
                folder = args.save / f"{status}-{args.seed}-{k}"
                folder.mkdir(parents=True, exist_ok=True)
                gen.write(folder)
                (folder / "problem.txt").write_text(detail, encoding="utf-8")
                print(f"{status}: input {k} ({gen.name}): "
                      f"{detail.splitlines()[0] if detail else ''}", flush=True)
            if status == "hang" or not w.proc.is_alive():
                w.kill()
                workers[i] = w = Worker(args.deadline)
            if time.monotonic() < stop:
                w.submit((n, inputs.article(src, args.bilingual)))
                n += 1
            else:
                w.job = None
                busy -= 1
        if idle:
            time.sleep(0.005)
    for w in workers:
        w.conn.send(None)
        w.proc.join(5)
    elapsed = time.monotonic() - start
    tried = sum(counts.values())
    print(f"inputs tried: {tried} in {elapsed:.0f} s ({tried / elapsed:.1f}/s, {len(workers)} "
          f"worker(s), seed {args.seed})")
    print(f"ok: {counts['ok']}  refused with an ingest error: {counts['refused']}  "
          f"crashes: {counts['crash']}  hangs: {counts['hang']}  offset errors: {counts['offset']}")
    return 1 if counts["crash"] or counts["hang"] or counts["offset"] else 0


if __name__ == "__main__":
    sys.exit(main())
