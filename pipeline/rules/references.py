"""The references of a rule data file's entries, in the knowledge base's format: each is
{title, url} or, for a book or a printed guideline, {title, book: true}. Shared by the data files
whose entries carry their own sources (safety_overclaims, antimicrobial_targets, normal_values,
specialties)."""
from __future__ import annotations


def read_references(items, owner: str) -> tuple[dict, ...]:
    """`items` as reference dicts; a KeyError naming `owner` when there is none, or when one has
    no title or neither a url nor `book: true` (the caller names the file)."""
    refs = []
    for r in items or ():
        if not r.get("title") or not (r.get("url") or r.get("book") is True):
            raise KeyError(f"{owner}: a reference needs a title and a url (or book: true): {r!r}")
        refs.append({"title": str(r["title"]),
                     **({"book": True} if r.get("book") is True else {"url": str(r["url"])})})
    if not refs:
        raise KeyError(f"{owner} has no reference")
    return tuple(refs)
