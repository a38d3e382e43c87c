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
