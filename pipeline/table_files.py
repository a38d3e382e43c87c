"""The stage tables on disk (data/articles.parquet, blocks, segments, tokens, findings,
segments_scored): Parquet, written and read by fastparquet when it is installed (the `parquet`
extra, which `dvc` and `all` include: DVC's stage outputs are these files), else, in a core
install, a JSON table beside the name (data/X.table.json: each column's dtype and values, floats
written as Python writes them, so that they come back bit for bit), so that `pip install
clinic-audit` needs no Parquet library (fastparquet and its compression and file-system packages
are 16 MB). Stages name a table by its Parquet path;
writing one form removes the other, so a data directory never holds two versions of a table.
fastparquet is called directly: pandas' fastparquet engine is deprecated.

A table is written in batches (`TableWriter`): each `append` is one Parquet row group (fastparquet
`write(..., append=True)`) or one line of the JSON stand-in (a header line with the columns, then
one line per batch), and `batches` reads them back one at a time, so that a stage holds one batch
of articles, never the release. The stages keep one invariant: batch k of every table holds the
rows of the articles of batch k of `articles` (an empty batch is an empty row group). Object
columns are written as UTF-8 strings (None allowed) and the other columns keep their dtype, so
that every batch of a table has the same schema (`pipeline/tables.py` types its frames).
The file appears, atomically, when the writer is closed without an error."""
from __future__ import annotations

import json
from importlib.util import find_spec
from pathlib import Path

from pipeline import io

BATCHES = "clinic-audit-batches"  # Parquet metadata: the number of rows of each batch


def parquet_available() -> bool:
    return find_spec("fastparquet") is not None


def json_path(path: Path) -> Path:
    """The JSON stand-in of the Parquet table `path` (data/X.parquet -> data/X.table.json)."""
    path = Path(path)
    return path.with_name(path.stem + ".table.json")


def exists(path: Path) -> bool:
    return Path(path).exists() or json_path(path).exists()


def write(path: Path, frame) -> None:
    """The table `path` as one batch."""
    with TableWriter(path, list(frame.columns)) as out:
        out.append(frame)


class TableWriter:
    """Appends batches to the table `path`; on a clean exit the table replaces the old one (and
    the other form is removed), on an error nothing is left but the old table."""

    def __init__(self, path: Path, columns: list[str]):
        self.path, self.columns = Path(path), list(columns)
        self.parquet = parquet_available()
        self.target = self.path if self.parquet else json_path(self.path)
        self.sizes: list[int] = []  # rows of each batch
        self._atomic = self._tmp = self._file = None

    def __enter__(self) -> TableWriter:
        self._atomic = io.atomic_path(self.target)
        self._tmp = self._atomic.__enter__()
        if not self.parquet:
            self._file = self._tmp.open("w", encoding="utf-8")
            self._file.write(json.dumps({"columns": self.columns}) + "\n")
        return self

    def append(self, frame) -> None:
        if [str(c) for c in frame.columns] != self.columns:
            raise ValueError(f"{self.path}: a batch with the columns {list(frame.columns)}, not "
                             f"{self.columns}")
        if self.parquet:
            import fastparquet

            # one row group a batch; an empty batch has none (fastparquet writes no empty row
            # group): the batches' sizes are in the file's metadata (BATCHES)
            if len(frame) or not self.sizes:
                fastparquet.write(str(self._tmp), frame, write_index=False, compression="SNAPPY",
                                  append=bool(self.sizes), row_group_offsets=[0],
                                  object_encoding={c: "utf8" for c in frame.columns
                                                   if frame[c].dtype == object})
        else:
            self._file.write(json.dumps({"dtypes": [str(t) for t in frame.dtypes],
                                         "data": [frame[c].tolist() for c in frame.columns]},
                                        ensure_ascii=False, separators=(",", ":")) + "\n")
        self.sizes.append(len(frame))

    def __exit__(self, kind, value, tb) -> None:
        failed = None
        if kind is None:
            try:
                self._finish()
            except BaseException as e:  # the table is not written: the old one stays
                failed = e
                kind, value, tb = type(e), e, e.__traceback__
        if self._file is not None:
            self._file.close()
        self._atomic.__exit__(kind, value, tb)  # on an error: the temporary file is removed
        if failed is not None:
            raise failed
        if kind is None:
            (json_path(self.path) if self.parquet else self.path).unlink(missing_ok=True)

    def _finish(self) -> None:
        if not self.sizes:
            import pandas as pd

            self.append(pd.DataFrame(columns=self.columns))
        if self.parquet:
            import fastparquet

            fastparquet.update_file_custom_metadata(str(self._tmp),
                                                    {BATCHES: json.dumps(self.sizes)})


def read(path: Path):
    """The table `path` (or its JSON stand-in) as a pandas DataFrame. A missing table is
    FileNotFoundError; a damaged one, or a Parquet file without fastparquet, ValueError naming it."""
    path = Path(path)
    if path.exists():
        pf = _parquet_file(path)
        try:
            return pf.to_pandas()
        except _errors() as e:
            raise _damaged(path, e) from e
    frames = list(batches(path))
    if len(frames) == 1:
        return frames[0]
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


def batches(path: Path, wanted=None, columns: list[str] | None = None):
    """The batches of the table `path`, one DataFrame each, in order (errors as `read`). With
    `wanted` (a function of the batch number), a batch it does not want is None, unread; with
    `columns`, only those columns (of a Parquet table, only those are read)."""
    path = Path(path)
    if path.exists():
        pf = _parquet_file(path)
        group = 0
        for k, size in enumerate(_sizes(pf)):
            if wanted is not None and not wanted(k):
                yield None
            elif not size:
                yield _empty(pf)[columns] if columns else _empty(pf)
            else:
                try:
                    yield pf[group].to_pandas(columns=columns)
                except _errors() as e:
                    raise _damaged(path, e) from e
            group += bool(size)
        return
    stand_in = json_path(path)
    if not stand_in.exists():
        raise FileNotFoundError(f"{path} is missing: run the earlier stages first "
                                "(`clinic-audit run`, or `dvc repro`)")
    import pandas as pd

    wanted_columns = columns
    with stand_in.open(encoding="utf-8") as f:
        try:
            header = json.loads(f.readline())
            columns = header["columns"]
        except (ValueError, KeyError, TypeError) as e:
            raise _damaged(stand_in, e) from e
        # a table of an earlier version: one line, the columns with the data (one batch)
        for k, line in enumerate([json.dumps(header)] if "data" in header else f):
            if wanted is not None and not wanted(k):
                yield None
                continue
            try:
                batch = json.loads(line)
                frame = pd.DataFrame({c: pd.Series(v, dtype=t) for c, t, v in
                                      zip(columns, batch["dtypes"], batch["data"], strict=True)},
                                     columns=columns)
            except (ValueError, KeyError, TypeError) as e:
                raise _damaged(stand_in, e) from e
            yield frame[wanted_columns] if wanted_columns else frame


def count(path: Path) -> int:
    """The number of batches of the table `path`."""
    path = Path(path)
    if path.exists():
        return len(_sizes(_parquet_file(path)))
    if not json_path(path).exists():
        raise FileNotFoundError(f"{path} is missing: run the earlier stages first "
                                "(`clinic-audit run`, or `dvc repro`)")
    with json_path(path).open(encoding="utf-8") as f:
        return max(1, sum(1 for _ in f) - 1)


def _sizes(pf) -> list[int]:
    """The rows of each batch of a Parquet table (a table without BATCHES: a row group each)."""
    sizes = (pf.key_value_metadata or {}).get(BATCHES)
    return json.loads(sizes) if sizes else [rg.num_rows for rg in pf.row_groups]


def _empty(pf):
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in pf.dtypes.items()},
                        columns=list(pf.columns))


def _damaged(path: Path, e: Exception) -> ValueError:
    return ValueError(f"{path}: not a readable table ({e}); re-run the stage that writes it "
                      "(`clinic-audit run`)")


def _errors() -> tuple:
    from fastparquet.util import ParquetException

    return (OSError, ValueError, TypeError, IndexError, KeyError, EOFError, ParquetException)


def _parquet_file(path: Path):
    if not parquet_available():
        raise ValueError(f"{path}: reading Parquet needs fastparquet (pip install "
                         "'clinic-audit[parquet]'), or re-run `clinic-audit run` to write the "
                         "tables without it")
    import fastparquet

    try:
        return fastparquet.ParquetFile(str(path))
    except _errors() as e:
        raise ValueError(f"{path}: not a readable Parquet table ({e}); re-run the stage that "
                         "writes it (`clinic-audit run`)") from e
