"""Benchmark: the warm wall time of `clinic-audit check` on one short (~40 words) and one long
(~700 words) article, each run in a fresh subprocess as a user runs it (median of N runs after one
warm-up, so the knowledge-base cache and the OS file cache are warm), in-process (`--no-server`)
and through a running `clinic-audit server` (started for the benchmark in a temporary folder,
stopped at the end), beside a bare spaCy run of the same text in a subprocess (`import spacy;
spacy.load(MODEL)(text)`, the whole model) measured in the same session: the machine is shared,
so the ratios are the numbers to compare.

usage: python benchmarks/bench_check.py [--runs N] [--json FILE] [--code DIR] [--no-server]

Each run's CPU seconds (user + system, of the child process) are given too: on a busy machine
they vary less than the wall time. `--code DIR` runs the `pipeline` package found in DIR instead
of the installed one (PYTHONPATH), e.g. an export of an older commit (`git archive REV | tar -x -C
DIR`), so that before and after are measured in one session. The children may write Python's
bytecode cache (PYTHONDONTWRITEBYTECODE is dropped for them), as on a user's machine.

The articles are the first lines of the bundled article sources/articles/000_*.txt (the real
shape of a scraped page: title, furniture lines, list items, paragraphs), cut at the first line
that reaches 40 and 700 words."""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"short": 40, "long": 700}
BARE = ("import sys, spacy; from pipeline.nlp import MODEL; "
        "spacy.load(MODEL)(open(sys.argv[1], encoding='utf-8').read())")


def article_prefix(words: int) -> str:
    """The first lines of the bundled article that hold at least `words` words."""
    src = sorted((ROOT / "sources" / "articles").glob("000_*.txt"))[0]
    out, n = [], 0
    for line in src.read_text(encoding="utf-8").splitlines():
        out.append(line)
        n += len(line.split())
        if n >= words:
            break
    return "\n".join(out) + "\n"


def clinic_audit() -> list[str]:
    """The installed console script beside this interpreter (what users run)."""
    script = Path(sys.executable).parent / "clinic-audit"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from pipeline.cli import main; main()"]


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], runs: int, env: dict) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of `cmd` in a subprocess, `runs` times after one warm-up run."""
    walls, cpus = [], []
    for k in range(runs + 1):
        c, t = _child_cpu(), time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=env)
        dt, dc = time.perf_counter() - t, _child_cpu() - c
        if done.returncode not in (0, 1):  # 1: the policy failed the article, a normal outcome
            sys.exit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr.decode()[-2000:]}")
        if k:
            walls.append(dt)
            cpus.append(dc)
    return walls, cpus


@contextmanager
def server(env: dict):
    """A `clinic-audit server` in a temporary folder for the benchmark's children (`env` gets
    its folder), stopped at the end."""
    folder = tempfile.mkdtemp(prefix="cab-", dir="/tmp" if os.path.isdir("/tmp") else None)
    env.update({"CLINIC_AUDIT_SERVER_DIR": folder})
    env.pop("CLINIC_AUDIT_SERVER", None)
    try:
        done = subprocess.run([*clinic_audit(), "server", "start", "--idle-timeout", "900"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"server start exited {done.returncode}:\n{done.stderr}")
        yield
    finally:
        subprocess.run([*clinic_audit(), "server", "stop"], cwd=ROOT, env=env,
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the results to this file")
    ap.add_argument("--code", type=Path, help="run the pipeline package of this folder")
    ap.add_argument("--no-server", action="store_true", help="leave out the server's times")
    args = ap.parse_args(argv)
    # warm means Python's bytecode cache too: a user's installation has it (pip compiles the
    # dependencies; the package's own modules are compiled on the first run)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if args.code:
        env["PYTHONPATH"] = os.pathsep.join([str(args.code.resolve()), env.get("PYTHONPATH", "")])
    results = {}
    served_env = dict(env)
    env["CLINIC_AUDIT_SERVER"] = "0"  # in-process, even with a server of the user's running
    with tempfile.TemporaryDirectory() as tmp, \
            (server(served_env) if not args.no_server else _nothing()):
        for name, size in SIZES.items():
            path = Path(tmp) / f"{name}.txt"
            path.write_text(article_prefix(size), encoding="utf-8")
            check, check_cpu = timed([*clinic_audit(), "check", "-q", str(path)], args.runs, env)
            bare, bare_cpu = timed([sys.executable, "-c", BARE, str(path)], args.runs, env)
            c, b = statistics.median(check), statistics.median(bare)
            cc, bc = statistics.median(check_cpu), statistics.median(bare_cpu)
            results[name] = {"words": len(path.read_text(encoding="utf-8").split()),
                             "check_seconds": round(c, 3), "bare_spacy_seconds": round(b, 3),
                             "check_over_bare": round(c / b, 2),
                             "check_cpu_seconds": round(cc, 3), "bare_spacy_cpu_seconds": round(bc, 3),
                             "check_runs": [round(x, 3) for x in check],
                             "bare_runs": [round(x, 3) for x in bare]}
            line = (f"{name:5} {results[name]['words']:4} words: check {c:5.2f} s wall, {cc:5.2f} s "
                    f"CPU; bare spaCy {b:5.2f} s wall, {bc:5.2f} s CPU; ratio {c / b:.2f} (wall), "
                    f"{cc / bc:.2f} (CPU)")
            if not args.no_server:
                served, _ = timed([*clinic_audit(), "check", "-q", str(path)], args.runs,
                                  served_env)
                s = statistics.median(served)
                results[name].update({"server_seconds": round(s, 3),
                                      "server_over_bare": round(s / b, 2),
                                      "server_runs": [round(x, 3) for x in served]})
                line += f"; through the server {s:5.2f} s wall, ratio {s / b:.2f}"
            print(f"{line}; medians of {args.runs}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


@contextmanager
def _nothing():
    yield


if __name__ == "__main__":
    main()
