"""The validate stage's results, a batch at a time, cached (issue 14: a re-audit validates only
what changed).

A batch's entry is named by a hash of exactly what Great Expectations is given for it: the table
it belongs to and the frame (its columns, types, rows, and the type of each value of its object
columns, so that None and "None" differ), under a key of the code version, the installed packages
(Great Expectations' version among them) and the release policy's limits (the `release-policy`
suite). It holds the batch's part of `Validator.finish`: each expectation's result, in GX's order,
as plain records (`records`). Entries are `cache.BatchCache` entries (checked pickles, written
atomically; one that does not verify is recomputed with a warning), in
`<cache_dir>/batches/validate/`; their hits and misses are counted in `cache.STATS["validate"]`.
The batch keys are computed with the cache off too: the Data Docs are named by the keys of the
batches they show (`docs_digest`)."""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd

from pipeline import cache
from pipeline.policy import Policy, limits

FORMAT = 1


def key_material(policy: Policy) -> str:
    h = hashlib.sha256(f"validate format {FORMAT} python {sys.version_info[:3]}\n".encode())
    h.update(cache.code_version().encode() + b"\n" + cache.package_versions().encode() + b"\n")
    h.update(json.dumps([[x.column, x.min_value, x.max_value] for x in limits(policy)]).encode())
    return h.hexdigest()


class BatchResults:
    """The entries of one run: `key` for every batch; `get`/`put` only with the cache on."""

    def __init__(self, settings: dict, policy: Policy):
        self.on = cache.enabled(settings)
        self.entries = cache.ArticleCache(Path(settings["cache_dir"]) if self.on else Path("."),
                                          "validate", key_material(policy))
        self.batches = cache.BatchCache(self.entries)

    def key(self, table: str, frame: pd.DataFrame) -> str:
        # an object column hashes its values as text: the type of each value is added, but for
        # a column of strings only (the most, told at C speed)
        kinds = {c: pd.api.types.infer_dtype(frame[c], skipna=False)
                 for c, t in frame.dtypes.items() if t == object}
        types = pd.DataFrame({c: frame[c].map(lambda v: type(v).__name__)
                              for c, kind in kinds.items() if kind != "string"})
        head = pd.DataFrame({"table": [table], "kinds": [json.dumps(kinds, sort_keys=True)]})
        return self.batches.key(head, frame, types)

    def get(self, key: str) -> list | None:
        if not self.on:
            return None
        value = self.batches.get(key, 1)
        if value is None:
            self.entries.misses += 1
        return value

    def put(self, key: str, records: list) -> None:
        if self.on:
            self.batches.put(key, records)

    def stats(self) -> dict[str, int] | None:
        """This run's hits and misses (None with the cache off), for `cache.STATS`."""
        e = self.entries
        return {"hits": e.hits, "misses": e.misses} if self.on and e.hits + e.misses else None


def records(results, plain) -> list[tuple]:
    """GX's expectation results as (type, column, column_A, column_B, success, unexpected
    examples as `plain` values), in GX's order."""
    out = []
    for er in results:
        cfg = er.expectation_config
        out.append((cfg.type, cfg.kwargs.get("column"), cfg.kwargs.get("column_A"),
                    cfg.kwargs.get("column_B"), bool(er.success),
                    [plain(v) for v in (er.result or {}).get("partial_unexpected_list", [])]))
    return out


def docs_digest(keys: list[str]) -> str:
    """What the Data Docs show: the keys of the batches they were built from."""
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()
