"""Atomic output: every file is written to a temporary name beside it and renamed into place, so a
crash never leaves a half-written file that looks complete."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson


def _umask() -> int:
    """The process's umask: from /proc on Linux (no race with other threads), else by setting
    it and putting it back (there is no getter)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path; on success it replaces `path` with the permissions a plain
    open() would give (0666 less the umask: mkstemp's 0600 would hide reports from a web server
    running as another user), on error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A short temporary name: the final name may already be as long as the file system allows.
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_writer(path: Path, binary: bool = False):
    """Yield a file open for writing (text: UTF-8) on a temporary name beside `path`, for
    outputs written piece by piece; on success it is flushed, synced to disk and renamed into
    place, on error removed (see `atomic_path`)."""
    with atomic_path(path) as tmp:
        with open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())


def write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_json(path: Path, data: Any) -> None:
    write_text(path, dumps_json(data) + "\n")


def dumps_json(data: Any) -> str:
    """`data` as the JSON of every output file: indented by 2, keys sorted, non-ASCII as is.
    orjson writes it about 30 times faster than the standard library's indenting encoder (which
    is pure Python: most of a cached report stage went into the SARIF's results); the bytes are
    the same but for floats written with an exponent (1e-7, not 1e-07). What orjson refuses (keys
    that are not strings, integers beyond 64 bits, lone surrogates) is written by `json`."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def read_json(path: Path) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))


# A checked pickle: MAGIC, the sha256 of the payload, its length (8 bytes), the payload. Read
# back only when all of it is there and the digest matches: a truncated or damaged file is
# `CorruptFile`, never a half-loaded object. Our own caches only (pickle runs code on load).
MAGIC = b"clinic-audit pickle 1\n"


class CorruptFile(ValueError):
    """A checked pickle that is truncated, damaged or not one at all."""


def write_json_gz(path: Path, data: Any) -> None:
    """`data` as compact JSON (sorted keys) in gzip, reproducibly (no time or name in the gzip
    header: the same data gives the same bytes) and atomically. For the shipped trained models."""
    import gzip

    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
            gz.write(raw)


def read_json_gz(path: Path) -> Any:
    import gzip

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def write_checked_pickle(path: Path, obj: Any) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            f.write(MAGIC + hashlib.sha256(payload).digest() + len(payload).to_bytes(8, "big"))
            f.write(payload)


def read_checked_pickle(path: Path) -> Any:
    """The object in `path` (OSError when it cannot be read, CorruptFile when it does not
    verify)."""
    with open(path, "rb") as f:
        data = f.read()
    head = len(MAGIC) + 32 + 8
    if len(data) < head or not data.startswith(MAGIC):
        raise CorruptFile(f"{path}: not a checked pickle (or cut short)")
    digest, size = data[len(MAGIC):len(MAGIC) + 32], int.from_bytes(data[head - 8:head], "big")
    payload = memoryview(data)[head:]
    if len(payload) != size:
        raise CorruptFile(f"{path}: {len(payload)} of {size} bytes (truncated)")
    if hashlib.sha256(payload).digest() != digest:
        raise CorruptFile(f"{path}: checksum mismatch (damaged)")
    try:
        return pickle.loads(payload)  # our own file, verified
    except Exception as exc:  # a class that moved: written by an incompatible version
        raise CorruptFile(f"{path}: cannot be unpickled ({type(exc).__name__}: {exc})") from exc
