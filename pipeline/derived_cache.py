"""Tables built from data files at start-up (the vocabulary, the word-order model, the words
Harper must know), pickled once in the user's cache directory beside the knowledge base's and
reused while nothing they were built from has changed, so that a warm `check` unpickles them
instead of rebuilding them. The store is the knowledge base's (pipeline/knowledge/cache.py:
written atomically, a few builds kept per kind, an unreadable file rebuilt with a warning,
`CLINIC_AUDIT_CACHE_DIR` moves it); the key hashes the files read, the module that builds the
table and the versions of the packages whose data it holds."""
from __future__ import annotations

import hashlib
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from pipeline.knowledge import cache as store

T = TypeVar("T")


def key(kind: str, files: Iterable[Path], packages: Iterable[str] = (), extra: str = "") -> str:
    h = hashlib.sha256(f"{kind} format {store.FORMAT} python {sys.version_info[:2]}\n".encode())
    for path in files:
        path = Path(path)
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in packages:
        h.update(f"{name} {version(name)}\n".encode())
    h.update(extra.encode())
    return h.hexdigest()[:32]


def cached(kind: str, build: Callable[[], T], expected: type, *, files: Iterable[Path],
           packages: Iterable[str] = (), extra: str = "") -> T:
    """`build()`, or its pickled result when `files`, `packages` and `extra` are unchanged.
    `kind` names the table (letters only: the store keeps a few builds per kind); a cached object
    that is not an `expected` is rebuilt."""
    if not kind.isalpha():
        raise ValueError(f"cache kind {kind!r}: letters only")
    path = store.cache_dir() / f"{kind}-{key(kind, files, packages, extra)}.pickle"
    obj = store.read(path)
    if not isinstance(obj, expected):
        obj = build()
        store.write(path, obj)
    return obj


def from_knowledge(kind: str, build: Callable[[], T], expected: type, knowledge, *,
                   files: Iterable[Path] = ()) -> T:
    """`build()` (a table derived from the knowledge base, and from `files`), cached under the
    knowledge base's own cache key; built afresh when the knowledge base was built without its
    cache (it has no key then). The result is converted to `expected`."""
    key = getattr(knowledge, "cache_key", None)
    if key is None:
        return expected(build())
    return cached(kind, lambda: expected(build()), expected, files=files, extra=key)
