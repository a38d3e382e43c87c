"""Article ids: stable, unique, and safe as file names on every system the report is opened on.

An id is made of ASCII letters, digits, `_`, `.` and `-`, at most MAX_ID characters, and does not
start with a dot. An id derived from the file's path keeps the path's ASCII spelling; when that
loses something (non-ASCII letters, as in an all-Persian file name, or a name cut to length) a
short hash of the full path is appended, so different files never meet on one id. Unicode stays
in the title, which the report shows; it never reaches a file name."""
from __future__ import annotations

import hashlib
import re

MAX_ID = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
_SAFE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,%d}" % (MAX_ID - 1))


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _slug(text: str) -> tuple[str, bool]:
    """(slug, lossy): `text` in the id alphabet, and whether anything but separators was lost."""
    slug = _UNSAFE.sub("-", text).strip("-.")
    lossy = not text.isascii() or len(slug) > MAX_ID - 11 or not slug
    return slug[:MAX_ID - 11].rstrip("-."), lossy


def article_id_for(source: str) -> str:
    """Stable id from the source path: survives content edits (the content hash tracks those)."""
    slug, lossy = _slug(source.rsplit(".", 1)[0])
    return f"{slug or 'article'}-{short_hash(source)}" if lossy else slug


def safe_id(declared: str) -> str:
    """A declared id (metadata `id`) as it is when safe, else made safe the same way."""
    if _SAFE.fullmatch(declared):
        return declared
    slug, _ = _slug(declared)
    return f"{slug or 'article'}-{short_hash(declared)}"


def unique_id(article_id: str, source: str, taken: set[str]) -> str:
    """`article_id`, or it with a hash of `source` appended when another article has it already
    (compared without case: case-insensitive file systems would merge the pages)."""
    if article_id.casefold() not in taken:
        return article_id
    return f"{article_id[:MAX_ID - 11]}-{short_hash(source)}"
