"""Build the knowledge base: the curated files merged with the imported terminologies.

A curated concept that names a code (`codes: {icd10: L40}`) absorbs that imported entry: the curated
id wins, the imported names become synonyms, its parents and references are added, and every link
to the imported id now leads to the curated one. A curated drug absorbs the imported drug of the same
generic name. `includes` makes imported entries kinds of a curated class (ICD-10 chapter XII is a
kind of skin disease). Then every link must name a known concept and the classes must not loop;
errors name the file and the entry."""
from __future__ import annotations

from pathlib import Path

from pipeline.knowledge import drugs, hpo, icd10
from pipeline.knowledge.base import KnowledgeBase
from pipeline.knowledge.load import KnowledgeError, read_directory

LINKS = ("is_a", "distinct_from", "part_of")
IMPORTERS = {"icd10": icd10, "hpo": hpo, "drug": drugs}


def source_info() -> dict[str, dict]:
    """Each imported source's package and version (what the index cache is keyed on)."""
    return {name: module.info() for name, module in IMPORTERS.items()}


def imported() -> tuple[list[dict], dict[str, str]]:
    icd_concepts, icd_tree = icd10.load()
    return icd_concepts + hpo.load() + drugs.load(), icd_tree


def build(directory: Path, *, terminologies: bool = True, project: Path | None = None) -> KnowledgeBase:
    curated = read_directory(Path(directory), project)
    found, tree = imported() if terminologies else ([], {})
    return assemble(curated, found, tree, source_info() if terminologies else {})


def assemble(curated: list[dict], found: list[dict], tree: dict[str, str],
             infos: dict[str, dict]) -> KnowledgeBase:
    concepts = merge(curated, found)
    sources = {"curated": {"files": len({c["file"] for c in curated}),
                           "concepts": sum(1 for c in concepts if c["source"] == "curated")}}
    for name, meta in infos.items():
        sources[name] = {**meta, "concepts": sum(1 for c in concepts if c["source"] == name),
                         "merged_into_curated": sum(1 for c in curated
                                                    if any(p["source"] == name for p in c.get("provenance", [])))}
    return KnowledgeBase(concepts, sources, tree)


def merge(curated: list[dict], found: list[dict]) -> list[dict]:
    by_id = {c["id"]: c for c in found}
    alias: dict[str, str] = {}
    drug_by_name = {c["name"].casefold(): c["id"] for c in found if c["source"] == "drug"}
    for c in curated:
        claims = [f"{src}:{code}" for src, code in c.get("codes", {}).items() if src in IMPORTERS]
        if c["type"] == "drug" and "drug" not in c.get("codes", {}) and c["name"].casefold() in drug_by_name:
            claims.append(drug_by_name[c["name"].casefold()])
        for iid in claims:
            if iid not in by_id:
                if not found:
                    continue  # built without the terminologies (tests of the curated files)
                raise KnowledgeError(c["file"], repr(c["id"]), f"codes: no imported entry {iid}")
            if iid in alias:
                raise KnowledgeError(c["file"], repr(c["id"]), f"codes: {iid} is already merged into {alias[iid]!r}")
            alias[iid] = c["id"]
            _absorb(c, by_id[iid])
    concepts = curated + [c for c in found if c["id"] not in alias]
    ids = {c["id"] for c in concepts}
    for c in concepts:
        for field in LINKS:
            if field in c:
                c[field] = list(dict.fromkeys(alias.get(x, x) for x in c[field] if alias.get(x, x) != c["id"]))
        if c.get("disorders"):
            c["disorders"] = alias.get(c["disorders"], c["disorders"])
    index = {c["id"]: c for c in concepts}
    for c in curated:
        for src, codes in c.get("includes", {}).items():
            for code in codes:
                iid = alias.get(f"{src}:{code}", f"{src}:{code}")
                if iid not in index:
                    if not found:
                        continue
                    raise KnowledgeError(c["file"], repr(c["id"]), f"includes: no imported entry {iid}")
                index[iid].setdefault("is_a", []).append(c["id"])
    _check_links(concepts, ids, terminologies=bool(found))
    _check_cycles(index)
    return concepts


def _absorb(c: dict, imp: dict) -> None:
    known = {c["name"].casefold(), *(s.casefold() for s in c.get("synonyms", []))}
    c["synonyms"] = list(c.get("synonyms", [])) + [
        n for n in imp.get("synonyms", []) if n.casefold() not in known and not known.add(n.casefold())]
    c["is_a"] = list(c.get("is_a", [])) + imp.get("is_a", [])
    c["references"] = list(c["references"]) + imp["references"]
    if imp.get("icd"):
        c["icd"] = imp["icd"]
    c.setdefault("provenance", []).append({"source": imp["source"], "id": imp["id"], "file": imp["file"]})


def _check_links(concepts: list[dict], ids: set[str], *, terminologies: bool) -> None:
    for c in concepts:
        targets = [(f, x) for f in LINKS for x in c.get(f, [])]
        if c.get("disorders"):
            targets.append(("disorders", c["disorders"]))
        for field, other in targets:
            if other in ids:
                continue
            if not terminologies and ":" in other:
                continue  # an imported id, checked when the terminologies are built in
            raise KnowledgeError(c["file"], repr(c["id"]), f"{field} names unknown concept {other!r}")


def _check_cycles(index: dict[str, dict]) -> None:
    state: dict[str, int] = {}  # 1 visiting, 2 done
    for root in index:
        stack = [(root, iter(index[root].get("is_a", [])))]
        if state.get(root):
            continue
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                continue
            if child not in index:
                continue
            if state.get(child) == 1:
                c = index[node]
                raise KnowledgeError(c["file"], repr(node), f"is_a makes a loop through {child!r}")
            if not state.get(child):
                state[child] = 1
                stack.append((child, iter(index[child].get("is_a", []))))
