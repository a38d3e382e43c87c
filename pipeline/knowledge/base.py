"""The knowledge base's queries: mentions in text, the class hierarchy, distinctness (curated and
ICD-10's), anatomical regions, and the citable evidence of an entry."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.knowledge.index import Mention, PhraseIndex

# the order in which a name shared by two sources goes to one of them: curated, then ICD-10, HPO, drugs
SOURCE_PRIORITY = ("curated", "icd10", "hpo", "drug")
# ICD-10 chapters of symptoms, injuries, external causes, contact factors and special codes: they cut
# across the disease chapters, so their place in the tree never makes two concepts distinct
ICD_RESIDUAL_CHAPTERS = frozenset({"XVIII", "XIX", "XX", "XXI", "XXII"})


# Bounds of the look-up caches, so that a long release does not grow them without end.
FIND_CACHE = 1 << 13  # sentences
CONCEPT_CACHE = 1 << 14  # concepts


class KnowledgeBase:
    def __init__(self, concepts: list[dict], sources: dict[str, dict] | None = None,
                 icd_parent: dict[str, str] | None = None):
        self.concepts = {c["id"]: c for c in concepts}
        self.sources = sources or {"curated": {"version": None, "concepts": len(concepts)}}
        self.icd_parent = icd_parent or {}  # ICD-10 code -> parent code (the WHO tree)
        rank = {s: i for i, s in enumerate(SOURCE_PRIORITY)}
        names: dict[str, tuple[str, str]] = {}
        abbrs: dict[str, str] = {}
        self.attributes: dict[str, set[str]] = {}
        # lower-priority sources first, so that a higher one overwrites a shared name
        for c in sorted(concepts, key=lambda c: -rank.get(c.get("source", "curated"), 0)):
            # an imported title ("Psoriasis, unspecified") is looked up only in its written forms
            own = [(c["name"], "name")] if c.get("index_name", True) else []
            for phrase, via in own + [(s, "synonym") for s in c.get("synonyms", [])]:
                names[phrase.casefold()] = (c["id"], via)
            for abbr in c.get("abbreviations", {}):
                abbrs[abbr] = c["id"]
            for attr in c.get("attributes", []):
                self.attributes.setdefault(attr.casefold(), set()).add(c["id"])
        self._name_index = PhraseIndex(names, fold=True, plural=True)
        self._abbr_index = PhraseIndex(abbrs, fold=False, plural=False)
        self._attr_index = PhraseIndex(self.attributes, fold=True, plural=False)
        self._icd_by_code = {c["icd"]: c["id"] for c in concepts if c.get("icd")}
        self._init_caches()

    # -- pickling (the index cache): the lru caches are rebuilt, not stored
    def __getstate__(self):
        state = dict(self.__dict__)
        for key in ("find", "ancestors", "part_of", "_icd_extent"):
            state.pop(key, None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._init_caches()

    def _init_caches(self):
        # several rules look up the same sentences (of one article at a time: FIND_CACHE
        # sentences are several articles'); concepts' chains: at most CONCEPT_CACHE concepts
        self.find = lru_cache(maxsize=FIND_CACHE)(self._find)
        self.ancestors = lru_cache(maxsize=CONCEPT_CACHE)(self._ancestors)
        self.part_of = lru_cache(maxsize=CONCEPT_CACHE)(self._part_of)
        self._icd_extent = lru_cache(maxsize=4096)(self._icd_extent_of)

    def __len__(self) -> int:
        return len(self.concepts)

    def concept(self, cid: str) -> dict:
        return self.concepts[cid]

    def _find(self, text: str) -> tuple[Mention, ...]:
        """Concept mentions in `text`, longest first, not overlapping, in text order (as
        `find`, which caches it). Names and synonyms in any case, plurals included;
        abbreviations only in the case written in the knowledge base."""
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

    # -- classes
    def _ancestors(self, cid: str) -> frozenset[str]:
        """`cid` and every concept it is (transitively) a kind of (as `ancestors`, cached)."""
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
        distinct, or None when neither is a kind of the other and nothing says they differ.

        Distinct are: concepts the curated files declare `distinct_from` (directly or through their
        parents); and a concept whose ICD-10 place (its own code or an ancestor's) lies outside
        every ICD-10 entry of a closed class (an ICD-10 chapter or block, a curated class that is
        one, or a curated class marked `closed`, with the curated kinds of each: melanoma is
        classed as a cancer and also, by a curated link, as a skin disease). ICD-10 makes no two
        categories (leaves) distinct on its own, and its chapters of symptoms, injuries and
        contact factors make nothing distinct."""
        if a == b or self.is_a(a, b) or self.is_a(b, a):
            return None
        for x in sorted(self.ancestors(a)):
            for y in sorted(self.ancestors(b)):
                if self._distinct(x, y):
                    return x, y
        return self._icd_disjoint(a, b) or _swap(self._icd_disjoint(b, a))

    def distinct_by_icd(self, a: str, b: str) -> bool:
        """Whether `disjoint` found the pair (a, b) apart by ICD-10's tree, not by a curated link."""
        return not self._distinct(a, b) and (self._icd_disjoint(a, b) or self._icd_disjoint(b, a)) is not None

    # -- ICD-10
    def _icd_chain(self, code: str) -> list[str]:
        """`code` and its ICD-10 ancestors, the chapter last."""
        chain = [code]
        while chain[-1] in self.icd_parent:
            chain.append(self.icd_parent[chain[-1]])
        return chain

    def _closed(self, cid: str) -> bool:
        c = self.concepts[cid]
        return bool(c.get("closed")) or (c.get("icd") is not None and c["type"] == "category")

    def _icd_extent_of(self, cid: str) -> frozenset[str] | None:
        """The ICD-10 codes whose entries are all the kinds of the closed class `cid` (None when it
        is not a closed class or one of them lies in a residual chapter)."""
        if not self._closed(cid):
            return None
        codes = {c["icd"] for c in self.concepts.values() if c.get("icd") and self.is_a(c["id"], cid)}
        if not codes or any(self._icd_chain(k)[-1] in ICD_RESIDUAL_CHAPTERS for k in codes):
            return None
        return frozenset(k for k in codes if not any(p in codes for p in self._icd_chain(k)[1:]))

    def _icd_disjoint(self, a: str, b: str) -> tuple[str, str] | None:
        """(ICD-10 ancestor of a, b) when b is a closed class and that ancestor lies outside it."""
        extent = self._icd_extent(b)
        if not extent:
            return None
        mine = [self.concepts[x]["icd"] for x in self.ancestors(a) if self.concepts[x].get("icd")]
        mine = [k for k in mine if self._icd_chain(k)[-1] not in ICD_RESIDUAL_CHAPTERS]
        chains = {k: self._icd_chain(k) for k in extent}
        for code in sorted(mine, key=lambda k: len(self._icd_chain(k))):  # the widest first
            mine_chain = self._icd_chain(code)
            if all(code not in chains[k] and k not in mine_chain for k in extent):
                return self._icd_by_code[code], b
        return None

    # -- anatomy
    def _part_of(self, cid: str) -> frozenset[str]:
        """Every structure or region `cid` is (transitively) part of, also through its classes
        (as `part_of`, cached): meniscus -> knee, lower limb."""
        out: set[str] = set()
        for x in self.ancestors(cid):
            for whole in self.concepts[x].get("part_of", []):
                out |= {whole} | self.part_of(whole)
        return frozenset(out)

    def located_in(self, part: str, whole: str) -> bool | None:
        """True when `part` is part of `whole`; False when the regions of `part` are known and each
        of them is kept apart from `whole` (the meniscus is in the knee, not the shoulder; the
        Achilles tendon, in the lower leg and at the ankle, is in neither arm); None when it
        cannot tell."""
        if part == whole or whole in self.part_of(part):
            return True
        if self.concepts[whole]["type"] != "anatomy" or part in self.part_of(whole):
            return None
        theirs = {whole} | self.part_of(whole)
        direct = [w for x in self.ancestors(part) for w in self.concepts[x].get("part_of", [])]
        if direct and all(any(self._distinct(x, y) for x in {w} | self.part_of(w) for y in theirs)
                          for w in direct):
            return False
        return None

    # -- evidence
    def entry(self, cid: str) -> dict:
        """The citable part of a concept, for a finding's evidence."""
        c = self.concepts[cid]
        return {"id": cid, "name": c["name"], "type": c["type"], "file": Path(c["file"]).name,
                "references": c["references"]}

    def evidence(self, *cids: str, **extra) -> dict:
        entries = [self.entry(c) for c in dict.fromkeys(cids)]
        return {"concepts": [e["name"] for e in entries], "kb_entry": [e["id"] for e in entries],
                "references": [r for e in entries for r in e["references"]], **extra}


def _swap(pair):
    return (pair[1], pair[0]) if pair else None
