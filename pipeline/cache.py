"""Incremental re-audit: each article's segmentation and `audit_article` result, cached on disk.

An entry's name is a hash of everything that can change it:
- the article: its source name and id, file bytes (`content_hash`), format, encoding, file text,
  view, offset map, blocks (text, kind, source text, unit ids), metadata and languages;
- segmentation (`segment`): the code version, the spaCy model and the versions of every installed
  package (spaCy, the model package, harper-py, ...), `nlp` and `limits` settings;
- detect (`detect`): the segment key, every setting that detect reads (rule selection, options and
  severities, grammar, LanguageTool, limits, ...: all settings but those named in `UNUSED`), the
  project's own knowledge base (`sources/knowledge/`) and termbases by content, `score`, and the
  `CLINIC_AUDIT_*` environment (not those naming folders or the server: `NOT_IN_KEY`).
The code version is a hash of every file of the `pipeline` package (code and data, the packaged
knowledge base and policy included), computed once per process (about 3 MB).

Entries are checked pickles (`pipeline/io.py`: atomic rename, sha256 over the payload), one file
per article and step: `<dir>/<step>/<key[:2]>/<key>.pickle`. A batch of articles (the stages'
unit, `batch_articles`) has its own entry too (`BatchCache`, `<dir>/batches/<step>/`), keyed by
the step's key and the batch's article and block rows: the rows the segment stage appended for
it, and the detect stage's audits and findings of it, so that a re-audit appends an unchanged
batch without building its articles (a batch entry that does not verify falls back on the
articles' entries, with a warning). A worker process writes the entries
it computes; a run killed at any moment leaves only whole entries. An entry that does not verify
is recomputed with a warning on stderr. What is not cached: an article that failed or whose
rules raised (a time-out may pass next time), and detect results when a LanguageTool server is
configured (its answers have no version). The corpus rules (FA007) are never cached: they run each time over
the cached index entries of every article; an article they give findings is scored again, and
that (`rescore`: its segments' quality and the scored rules' findings) is cached under the
detect key, the article and those findings. `--no-cache` or `cache: false` turns this off.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline import io

FORMAT = 1
# Settings that cannot change one article's segmentation or findings (what is read, where
# things are written, how many workers) or that enter the key by content (knowledge, termbases).
UNUSED = ("inputs", "out", "data_dir", "jobs", "batch_articles", "cache", "cache_dir", "review",
          "waivers", "policy", "ingest", "knowledge", "termbases")
# CLINIC_AUDIT_* variables that change where things are, not what is found
NOT_IN_KEY = ("CLINIC_AUDIT_CACHE_DIR", "CLINIC_AUDIT_SERVER", "CLINIC_AUDIT_SERVER_DIR")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the `pipeline` package's own files (code and data)."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix not in (".pyc", ".pyo")):
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def package_versions() -> str:
    """Every installed distribution and its version (spaCy, the model, harper-py, ...): the
    names of the `*.dist-info`/`*.egg-info` folders on the import path, which carry both (one
    directory listing each; reading every METADATA file would take seconds), leaving out the
    folder that Python puts first (the script's, or the working directory with `python -m`):
    a checkout's own `clinic_audit.egg-info` is there only when run from the checkout, and the
    key must not depend on where the audit was started."""
    return distribution_names(sys.path if sys.flags.safe_path else sys.path[1:])


def distribution_names(entries) -> str:
    """The `*.dist-info`/`*.egg-info` folder names in the folders `entries`, sorted, one a line."""
    names = set()
    for entry in entries:
        try:
            names.update(n for n in os.listdir(entry or ".")
                         if n.endswith((".dist-info", ".egg-info")))
        except OSError:  # a zip file, a folder that is gone
            continue
    return "\n".join(sorted(names))


def _files_digest(h, label: str, paths: list[Path]) -> None:
    for path in paths:
        h.update(f"{label}\0{path.name}\0".encode())
        h.update(path.read_bytes() if path.is_file() else b"(missing)")
        h.update(b"\0")


def _tree(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def segment_key(settings: dict) -> str:
    h = hashlib.sha256(f"format {FORMAT} python {sys.version_info[:3]}\n".encode())
    h.update(code_version().encode() + b"\n" + package_versions().encode() + b"\n")
    h.update(json.dumps([settings["nlp"], settings["limits"]], sort_keys=True).encode())
    return h.hexdigest()


def detect_key(settings: dict, score: bool) -> str:
    h = hashlib.sha256(f"segment {segment_key(settings)} score {score}\n".encode())
    used = {k: v for k, v in settings.items() if k not in UNUSED}
    h.update(json.dumps(used, sort_keys=True, default=str).encode())
    h.update(json.dumps(sorted((k, v) for k, v in os.environ.items()
                               if k.startswith("CLINIC_AUDIT_") and k not in NOT_IN_KEY)).encode())
    knowledge = Path(settings["knowledge"])
    for path in _tree(knowledge):
        h.update(f"knowledge\0{path.relative_to(knowledge)}\0".encode() + path.read_bytes())
    _files_digest(h, "termbase", [Path(p) for p in settings.get("termbases") or []])
    return h.hexdigest()


def article_key(article) -> str:
    """A hash of everything of `article` that can change a result (not its segments)."""
    h = hashlib.sha256()
    for value in (article.source, article.article_id, article.content_hash, article.format,
                  article.encoding, article.file_text, article.text, article.offsets,
                  article.blocks, article.source_language, article.target_language):
        h.update(repr(value).encode("utf-8", "surrogatepass") + b"\0")
    h.update(json.dumps(article.metadata, sort_keys=True, default=str).encode())
    return h.hexdigest()


class CacheWarning(UserWarning):
    pass


class ArticleCache:
    """One step's entries (`segment` or `detect`) under one settings key. Picklable (a worker
    process receives it), cheap: the key is computed once, here, in the parent."""

    def __init__(self, directory: Path, step: str, key: str):
        self.directory, self.step, self.key = Path(directory), step, key
        self.hits = self.misses = 0
        self.siblings: dict[str, ArticleCache] = {}

    def sibling(self, step: str) -> ArticleCache:
        """Another step's entries under the same key (counted with this one's)."""
        return self.siblings.setdefault(step, ArticleCache(self.directory, step, self.key))

    def path(self, article, salt: str = "") -> Path:
        name = hashlib.sha256(f"{self.key}\0{article_key(article)}\0{salt}".encode()).hexdigest()
        return self.directory / self.step / name[:2] / f"{name}.pickle"

    def get(self, article, salt: str = "") -> Any | None:
        """The cached result for `article`, or None (none, or one that does not verify: then
        warned on stderr and recomputed)."""
        value = _read(self.path(article, salt), f"for {article.source} ({self.step})")
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, article, value: Any, salt: str = "") -> None:
        _write(self.directory, self.path(article, salt), value, f"for {article.source}")


def _read(path: Path, what: str) -> Any | None:
    """The entry at `path`, or None (none, or one that does not verify: then warned on stderr
    and recomputed)."""
    try:
        return io.read_checked_pickle(path)
    except FileNotFoundError:
        return None
    except (OSError, io.CorruptFile) as exc:
        print(f"warning: cache entry {what} is unusable and is recomputed: {exc}",
              file=sys.stderr)
        return None


def _write(root: Path, path: Path, value: Any, what: str) -> None:
    try:
        _ignored_by_git(root)
        io.write_checked_pickle(path, value)
    except OSError as exc:  # a read-only or full disk costs speed, never the run
        print(f"warning: cannot write the cache entry {what}: {exc}", file=sys.stderr)


def _ignored_by_git(directory: Path) -> None:
    """A `.gitignore` of `*` in the cache folder (as ruff and pytest do), so that a content
    repository never sees the cache as new files, whatever its own .gitignore says."""
    marker = directory / ".gitignore"
    if not marker.exists():
        io.write_text(marker, "# written by clinic-audit: its per-article cache\n*\n")


def enabled(settings: dict) -> bool:
    return bool(settings.get("cache", True))


def for_segment(settings: dict) -> ArticleCache | None:
    if not enabled(settings):
        return None
    return ArticleCache(Path(settings["cache_dir"]), "segment", segment_key(settings))


def for_detect(settings: dict, score: bool = True) -> ArticleCache | None:
    if not enabled(settings) or settings["languagetool"]["url"]:
        return None  # a LanguageTool server's answers (or its time-outs) have no version
    return ArticleCache(Path(settings["cache_dir"]), "detect", detect_key(settings, score))


class BatchCache:
    """A stage's output for a whole batch of articles (the rows it appends to its tables), by
    a hash of the batch's input rows: a re-audit appends a batch whose articles did not change
    without building its articles or reading their per-article entries (`ArticleCache`), which
    is most of a cached stage's time. `articles` (an `ArticleCache` of the same step) counts the
    batch's articles as reused. Only batches that met no error are kept."""

    def __init__(self, articles: ArticleCache):
        self.articles = articles
        self.directory = articles.directory / "batches" / articles.step

    def key(self, *frames) -> str:
        """A hash of the step's key and of the rows, columns and types of `frames`."""
        import pandas as pd

        h = hashlib.sha256(f"{self.articles.key}\0".encode())
        for frame in frames:
            h.update(json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode())
            h.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        return h.hexdigest()

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    def get(self, key: str, articles: int) -> Any | None:
        path = self.path(key)
        value = _read(path, str(path))
        if value is not None:
            self.articles.hits += articles
        return value

    def put(self, key: str, value: Any) -> None:
        path = self.path(key)
        _write(self.articles.directory, path, value, str(path))


# Hits and misses of this process's steps, for `clinic-audit run` to report.
STATS: dict[str, dict[str, int]] = {}


def record(cache: ArticleCache | None) -> None:
    for c in [cache, *cache.siblings.values()] if cache is not None else []:
        if c.hits + c.misses:
            STATS[c.step] = {"hits": c.hits, "misses": c.misses}
