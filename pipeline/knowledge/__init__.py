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


def _phrase_regex(phrases: list[str], plural: bool, flags: int) -> re.Pattern | None:
    if not phrases:
        return None
    alts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in p.split())
        alts.append(body + (r"(?:e?s)?" if plural and p[-1].isalpha() else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", flags)


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
        self._name_re = _phrase_regex(list(self._names), True, re.IGNORECASE)
        self._abbr_re = _phrase_regex(list(self._abbrs), False, 0)
        self._attr_re = _phrase_regex(list(self.attributes), False, re.IGNORECASE)

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, cid: str) -> dict:
        return self.concepts[cid]

    def _lookup(self, surface: str) -> tuple[str, str] | None:
        key = re.sub(r"\s+", " ", surface).casefold()
        for k in (key, key[:-1], key[:-2]):
            if k in self._names:
                return self._names[k]
        return None

    def find(self, text: str) -> list[Mention]:
        """Concept mentions in `text`, longest first, not overlapping, in text order."""
        found = []
        for m in self._name_re.finditer(text) if self._name_re else ():
            hit = self._lookup(m.group())
            if hit:
                found.append(Mention(m.start(), m.end(), hit[0], m.group(), hit[1]))
        for m in self._abbr_re.finditer(text) if self._abbr_re else ():
            found.append(Mention(m.start(), m.end(), self._abbrs[m.group()], m.group(), "abbreviation"))
        found.sort(key=lambda x: (-(x.end - x.start), x.start))
        taken: list[Mention] = []
        for x in found:
            if all(x.end <= t.start or x.start >= t.end for t in taken):
                taken.append(x)
        return sorted(taken, key=lambda x: x.start)

    def find_attributes(self, text: str) -> list[tuple[int, int, set[str]]]:
        """Characteristic phrases in `text`: (start, end, ids of the concepts they characterise)."""
        if not self._attr_re:
            return []
        return [(m.start(), m.end(), self.attributes[re.sub(r"\s+", " ", m.group()).casefold()])
                for m in self._attr_re.finditer(text)]

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
