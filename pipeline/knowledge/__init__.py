"""The medical knowledge base (sources/knowledge/*.yaml): concepts, their relations and references,
indexed for phrase lookup in text.

`load_knowledge(path)` returns a `KnowledgeBase`; `find(text)` gives the longest non-overlapping
concept mentions (names and synonyms in any case, plurals included; abbreviations only in the case
written in the knowledge base)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.knowledge.load import KnowledgeError, read_directory

__all__ = ["KnowledgeBase", "KnowledgeError", "Mention", "load_knowledge"]


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    concept: str
    surface: str
    via: str  # "name", "synonym" or "abbreviation"


_TOKEN = re.compile(r"[\w'\u2019-]+")


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(phrase))


class _PhraseIndex:
    """Phrases looked up by token n-grams (far faster than one big regex alternation): at every
    word, the longest phrase that starts there. Optionally case-insensitive and plural-aware."""

    def __init__(self, phrases: dict[str, object], *, fold: bool, plural: bool):
        self.fold, self.plural = fold, plural
        self.table: dict[tuple[str, ...], object] = {}
        for phrase, value in phrases.items():
            key = _key(phrase.casefold() if fold else phrase)
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


class KnowledgeBase:
    def __init__(self, concepts: list[dict]):
        self.concepts = {c["id"]: c for c in concepts}
        self._names: dict[str, tuple[str, str]] = {}
        self._abbrs: dict[str, str] = {}
        self.attributes: dict[str, set[str]] = {}
        for c in concepts:
            for phrase, via in [(c["name"], "name")] + [(s, "synonym") for s in c.get("synonyms", [])]:
                self._names[phrase.casefold()] = (c["id"], via)
            for abbr in c.get("abbreviations", {}):
                self._abbrs[abbr] = c["id"]
            for attr in c.get("attributes", []):
                self.attributes.setdefault(attr.casefold(), set()).add(c["id"])
        self._name_index = _PhraseIndex(self._names, fold=True, plural=True)
        self._abbr_index = _PhraseIndex(self._abbrs, fold=False, plural=False)
        self._attr_index = _PhraseIndex(self.attributes, fold=True, plural=False)
        # several rules look up the same sentences
        self.find = lru_cache(maxsize=1 << 15)(self._find)

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, cid: str) -> dict:
        return self.concepts[cid]

    def _find(self, text: str) -> tuple[Mention, ...]:
        """Concept mentions in `text`, longest first, not overlapping, in text order (as
        `find`, which caches it)."""
        found = [Mention(s, e, hit[0], text[s:e], hit[1])
                 for s, e, hit in self._name_index.finditer(text)]
        found += [Mention(s, e, cid, text[s:e], "abbreviation")
                  for s, e, cid in self._abbr_index.finditer(text)]
        found.sort(key=lambda x: (-(x.end - x.start), x.start))
        taken: list[Mention] = []
        for x in found:
            if all(x.end <= t.start or x.start >= t.end for t in taken):
                taken.append(x)
        return tuple(sorted(taken, key=lambda x: x.start))

    def find_attributes(self, text: str) -> list[tuple[int, int, set[str]]]:
        """Characteristic phrases in `text`: (start, end, ids of the concepts they characterise)."""
        return list(self._attr_index.finditer(text))

    @lru_cache(maxsize=None)
    def ancestors(self, cid: str) -> frozenset[str]:
        """`cid` and every concept it is (transitively) a kind of."""
        out = {cid}
        for parent in self.concepts[cid].get("is_a", []):
            out |= self.ancestors(parent)
        return frozenset(out)

    def is_a(self, child: str, parent: str) -> bool:
        return parent in self.ancestors(child)

    def _distinct(self, a: str, b: str) -> bool:
        return b in self.concepts[a].get("distinct_from", []) or a in self.concepts[b].get("distinct_from", [])

    def disjoint(self, a: str, b: str) -> tuple[str, str] | None:
        """The pair of (ancestor-or-self of a, ancestor-or-self of b) that the knowledge base says are
        distinct, or None when neither is a kind of the other and nothing says they differ."""
        if a == b or self.is_a(a, b) or self.is_a(b, a):
            return None
        for x in sorted(self.ancestors(a)):
            for y in sorted(self.ancestors(b)):
                if self._distinct(x, y):
                    return x, y
        return None

    def entry(self, cid: str) -> dict:
        """The citable part of a concept, for a finding's evidence."""
        c = self.concepts[cid]
        return {"id": cid, "name": c["name"], "type": c["type"], "file": Path(c["file"]).name,
                "references": c["references"]}

    def evidence(self, *cids: str, **extra) -> dict:
        entries = [self.entry(c) for c in dict.fromkeys(cids)]
        return {"concepts": [e["name"] for e in entries], "kb_entry": [e["id"] for e in entries],
                "references": [r for e in entries for r in e["references"]], **extra}


def load_knowledge(path: Path) -> KnowledgeBase:
    """The knowledge base in directory `path` (raises KnowledgeError naming file and entry)."""
    return KnowledgeBase(read_directory(Path(path)))
