"""The built knowledge base, pickled once in the user's cache directory and reused while nothing it
was built from has changed: the key hashes the curated YAML files, the schema and the code of the
knowledge package, and the versions of the terminology packages. The file is written atomically; a
cache that cannot be read is rebuilt with a warning. `CLINIC_AUDIT_CACHE_DIR` moves the cache."""
from __future__ import annotations

import gc
import hashlib
import os
import sys
import warnings
from pathlib import Path

from pipeline.io import read_checked_pickle, write_checked_pickle

FORMAT = 2  # 2: written as a checked pickle (pipeline/io.py)
KEEP = 6  # cached builds kept per kind


def cache_dir() -> Path:
    if os.environ.get("CLINIC_AUDIT_CACHE_DIR"):
        return Path(os.environ["CLINIC_AUDIT_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clinic-audit")) / "knowledge"


def cache_key(directory: Path, sources: dict[str, dict], project: Path | None = None) -> str:
    """Hashes the code, the terminology versions and every concept file read: the packaged ones
    and the project layer's (`project`, a project's own `sources/knowledge/`), each marked with
    its layer, so that adding, editing or removing a project file rebuilds the index."""
    from pipeline.knowledge.load import layered_files

    h = hashlib.sha256(f"format {FORMAT} python {sys.version_info[:2]}\n".encode())
    h.update(repr(sorted((k, sorted(v.items())) for k, v in sources.items())).encode())
    code = Path(__file__).parent
    for path in sorted(code.glob("*.py")) + sorted(code.glob("*.json")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in layered_files(directory, project):
        layer = b"project" if project is not None and path.parent == Path(project) else b"base"
        h.update(layer + b"\0" + path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:32]


def cache_path(directory: Path, sources: dict[str, dict], project: Path | None = None) -> Path:
    return cache_dir() / f"kb-{cache_key(directory, sources, project)}.pickle"


def digest(meta: dict) -> str:
    """A short key for data derived from one package (its name and version in `meta`)."""
    h = hashlib.sha256(f"format {FORMAT} python {sys.version_info[:2]}\n".encode())
    h.update(repr(sorted(meta.items())).encode())
    return h.hexdigest()[:32]


def terms_path(sources: dict[str, dict]) -> Path:
    """The imported terminologies alone (a change to a curated file does not re-import them)."""
    h = hashlib.sha256(f"format {FORMAT} python {sys.version_info[:2]}\n".encode())
    h.update(repr(sorted((k, sorted(v.items())) for k, v in sources.items())).encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return cache_dir() / f"terms-{h.hexdigest()[:32]}.pickle"


class CacheWarning(UserWarning):
    """The knowledge-base cache could not be read and was rebuilt."""


def read(path: Path):
    """The cached knowledge base, or None when there is none or it is unreadable (then warned)."""
    if not path.exists():
        return None
    gc.disable()  # unpickling ~30,000 small dicts: the collector would run hundreds of times for nothing
    try:
        return read_checked_pickle(path)  # our own cache file, written by `write`
    except Exception as exc:  # truncated, corrupt or from an incompatible build
        warnings.warn(f"knowledge-base cache {path} is unreadable ({type(exc).__name__}: {exc}); "
                      "rebuilding it", CacheWarning, stacklevel=3)
        return None
    finally:
        gc.enable()


def write(path: Path, obj) -> None:
    try:
        write_checked_pickle(path, obj)
        # stale builds: keep a few (worktrees of other branches share the directory)
        builds = sorted(path.parent.glob(path.name.split("-")[0] + "-*.pickle"),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for old in builds[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError as exc:  # a read-only cache directory costs speed, never the run
        warnings.warn(f"cannot write the knowledge-base cache {path}: {exc}", CacheWarning, stacklevel=3)
