"""Phrase lookup by token n-grams (far faster than one big regex alternation): at every word, the
longest phrase that starts there. Optionally case-insensitive and plural-aware."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    concept: str
    surface: str
    via: str  # "name", "synonym" or "abbreviation"


_TOKEN = re.compile(r"[\w'\u2019-]+")


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(phrase))


class PhraseIndex:
    def __init__(self, phrases: dict[str, object], *, fold: bool, plural: bool):
        self.fold, self.plural = fold, plural
        self.table: dict[tuple[str, ...], object] = {}
        for phrase, value in phrases.items():
            key = phrase_key(phrase.casefold() if fold else phrase)
            if key:
                self.table.setdefault(key, value)
        # the longest phrase that starts with each first word (plural forms of one-word phrases
        # included): most words start none, and are passed over with one dict look-up
        self.first: dict[str, int] = {}
        for k in self.table:
            self.first[k[0]] = max(self.first.get(k[0], 0), len(k))
            if plural and len(k) == 1:
                for suffix in ("s", "es"):
                    self.first.setdefault(k[0] + suffix, 1)

    def _get(self, words: tuple[str, ...]):
        if words in self.table:
            return self.table[words]
        if self.plural:  # "muscles", "braces" (not "therapies")
            last = words[-1]
            for cut in (1, 2):
                if len(last) > cut + 2 and last.endswith("es"[2 - cut:]):
                    hit = self.table.get(words[:-1] + (last[:-cut],))
                    if hit is not None:
                        return hit
        return None

    def finditer(self, text: str):
        """(start, end, value) of the longest phrase at each token position."""
        if not self.table:
            return
        toks = list(_TOKEN.finditer(text))
        words = [t.group().casefold() if self.fold else t.group() for t in toks]
        first = self.first
        for i, word in enumerate(words):
            longest = first.get(word)
            if not longest:
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                # a phrase spans words separated by white space only
                if n > 1 and text[toks[i + n - 2].end():toks[i + n - 1].start()].strip():
                    continue
                hit = self._get(tuple(words[i:i + n]))
                if hit is not None:
                    yield toks[i].start(), toks[i + n - 1].end(), hit
                    break
