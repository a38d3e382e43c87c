"""Vendor the MLQE-PE data the repository needs from a full copy of the dataset.

usage: python scripts/vendor_mlqe.py SOURCE_DIR [--out training/mlqe-pe]

SOURCE_DIR holds `<pair>/{train,dev}.da.tsv` and `<pair>/{train,dev}.pe.{pe,hter}` as MLQE-PE
ships them. Kept per row: the rated machine translation, its post-edit, the mean DA z-score, the
HTER and the source sentence (for the bilingual measurement); dropped: raters' raw scores, word tags and the MT model's own
scores (which a real audit never has)."""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import mlqe  # noqa: E402


def rows_of(source: Path, pair: str, split: str) -> list[tuple[str, str, float, float, str]]:
    d = source / pair
    csv.field_size_limit(1 << 24)
    with open(d / f"{split}.da.tsv", encoding="utf-8", newline="") as fh:
        da = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    pe = (d / f"{split}.pe.pe").read_text(encoding="utf-8").split("\n")
    hter = (d / f"{split}.pe.hter").read_text(encoding="utf-8").split("\n")
    if len(pe) < len(da) or len(hter) < len(da):
        sys.exit(f"error: {d}: {split} has {len(da)} DA rows but {len(pe)} post-edits")
    return [(r["translation"].strip(), pe[i].strip(), float(r["z_mean"]), float(hter[i]),
             " ".join(r["original"].split())) for i, r in enumerate(da)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("--out", type=Path, default=mlqe.DATA_DIR)
    args = ap.parse_args()
    for pair in mlqe.PAIRS:
        for split in mlqe.SPLITS:
            rows = rows_of(args.source, pair, split)
            mlqe.write(mlqe.path_of(args.out, pair, split), rows)
            print(f"{pair} {split}: {len(rows)} rows")


if __name__ == "__main__":
    main()
