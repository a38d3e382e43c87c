"""What every stage shares: settings from argv, the data directory's file names, exit codes."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import config

if TYPE_CHECKING:
    import pandas as pd

EXIT_OK, EXIT_VIOLATION, EXIT_ERROR = 0, 1, 2


def data_path(settings: dict, name: str) -> Path:
    return Path(settings["data_dir"]) / name


def read_table(settings: dict, name: str) -> pd.DataFrame:
    from pipeline import table_files  # here, not at import: the command line starts without pandas

    return table_files.read(data_path(settings, name))


def stage_main(run, description: str) -> None:
    """Entry point of `python -m pipeline.stages.X`: parse --params, run, exit with its code."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--params", type=Path, default=None, help="settings file (default params.yaml)")
    args = ap.parse_args()
    try:
        settings = config.load(args.params)
        code = run(settings)
    except (config.ConfigError, FileNotFoundError) as e:
        for line in str(e).splitlines():  # one error per bad setting
            print(f"error: {line}", file=sys.stderr)
        code = EXIT_ERROR
    sys.exit(code)


def read_batches(settings: dict, *names: str, wanted=None):
    """Batch k of each of the tables `names`, together (a tuple of DataFrames), k = 0, 1, ...:
    batch k of every stage table holds the rows of the same articles (pipeline/table_files.py).
    With `wanted` (a function of k), batch k of the last table is None unless wanted(k)."""
    from pipeline import table_files

    paths = [data_path(settings, n) for n in names]
    counts = [table_files.count(p) for p in paths]
    if len(set(counts)) > 1:
        raise ValueError(f"{paths[0].parent}: the tables {', '.join(names)} have "
                         f"{', '.join(map(str, counts))} batches of articles, not the same number: "
                         "they come from different runs; run the stages again from ingest")
    yield from zip(*(table_files.batches(p) for p in paths[:-1]),
                   table_files.batches(paths[-1], wanted))
