""""Did you mean ...?" for a mistyped flag, command, setting or rule code."""
from __future__ import annotations

import difflib
from typing import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice nearest to `word` (case-insensitive), or None when none is close."""
    by_key = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(by_key), n=1, cutoff=0.6)
    return by_key[found[0]] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """"; did you mean 'X'?" or "" when nothing is close."""
    best = closest(word, choices)
    return f"; did you mean {best!r}?" if best else ""
