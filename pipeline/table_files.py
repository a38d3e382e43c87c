"""The stage tables on disk (data/articles.parquet, blocks, segments, tokens, findings,
segments_scored): Parquet, written and read by fastparquet when it is installed (the `parquet`
extra, which `dvc` and `all` include: DVC's stage outputs are these files), else, in a core
install, a JSON table beside the name (data/X.table.json: each column's dtype and values, floats
written as Python writes them, so that they come back bit for bit), so that `pip install
clinic-audit` needs no Parquet library (fastparquet and its compression and file-system packages
are 16 MB). Stages name a table by its Parquet path;
writing one form removes the other, so a data directory never holds two versions of a table.
fastparquet is called directly: pandas' fastparquet engine is deprecated."""
from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path

from pipeline import io


def parquet_available() -> bool:
    return find_spec("fastparquet") is not None


def json_path(path: Path) -> Path:
    """The JSON stand-in of the Parquet table `path` (data/X.parquet -> data/X.table.json)."""
    path = Path(path)
    return path.with_name(path.stem + ".table.json")


def exists(path: Path) -> bool:
    return Path(path).exists() or json_path(path).exists()


def write(path: Path, frame) -> None:
    path = Path(path)
    if parquet_available():
        import fastparquet

        with io.atomic_path(path) as tmp:
            fastparquet.write(str(tmp), frame, write_index=False, compression="SNAPPY")
        json_path(path).unlink(missing_ok=True)
    else:
        table = {"columns": [str(c) for c in frame.columns],
                 "dtypes": [str(t) for t in frame.dtypes],
                 "data": [frame[c].tolist() for c in frame.columns]}
        io.write_text(json_path(path), json.dumps(table, ensure_ascii=False, separators=(",", ":")))
        path.unlink(missing_ok=True)


def read(path: Path):
    """The table `path` (or its JSON stand-in) as a pandas DataFrame. A missing table is
    FileNotFoundError; a damaged one, or a Parquet file without fastparquet, ValueError naming it."""
    path = Path(path)
    if path.exists():
        return _read_parquet(path)
    stand_in = json_path(path)
    if stand_in.exists():
        import pandas as pd

        try:
            table = json.loads(stand_in.read_text(encoding="utf-8"))
            return pd.DataFrame({c: pd.Series(v, dtype=t) for c, t, v in
                                 zip(table["columns"], table["dtypes"], table["data"], strict=True)},
                                columns=table["columns"])
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{stand_in}: not a readable table ({e}); re-run the stage that "
                             "writes it (`clinic-audit run`)") from e
    raise FileNotFoundError(f"{path} is missing: run the earlier stages first "
                            "(`clinic-audit run`, or `dvc repro`)")


def _read_parquet(path: Path):
    if not parquet_available():
        raise ValueError(f"{path}: reading Parquet needs fastparquet (pip install "
                         "'clinic-audit[parquet]'), or re-run `clinic-audit run` to write the "
                         "tables without it")
    import fastparquet
    from fastparquet.util import ParquetException

    try:
        return fastparquet.ParquetFile(str(path)).to_pandas()
    except (OSError, ValueError, TypeError, IndexError, KeyError, EOFError, ParquetException) as e:
        raise ValueError(f"{path}: not a readable Parquet table ({e}); re-run the stage that "
                         "writes it (`clinic-audit run`)") from e
