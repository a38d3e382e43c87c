"""Temporary files of a stage that goes through the release in batches: what it computed for
each batch and needs again later (pickles), in a hidden folder of the data directory (a name
starting with `.`, never mistaken for a stage table), removed when the stage ends."""
from __future__ import annotations

import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator


class Spill:
    def __init__(self, parent: Path, prefix: str):
        Path(parent).mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{prefix}-", dir=parent))

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def put(self, name: str, value: Any) -> None:
        with (self.folder / name).open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)

    def get(self, name: str) -> Any:
        with (self.folder / name).open("rb") as f:
            return pickle.load(f)

    def put_items(self, name: str, items: Iterable) -> None:
        """`items` one pickle each, for `items` to read back one at a time."""
        with (self.folder / name).open("wb") as f:
            for item in items:
                pickle.dump(item, f, protocol=pickle.HIGHEST_PROTOCOL)

    def items(self, name: str) -> Iterator:
        return read_items(self.folder / name)


def read_items(path: Path) -> Iterator:
    """The pickles of a file written one after another (`Spill.put_items`), one at a time."""
    with open(path, "rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return
