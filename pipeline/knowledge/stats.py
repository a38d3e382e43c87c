"""What `clinic-audit knowledge` prints: the concepts by source and type, each source's version, the
index load time cold (built from the YAML files and the terminology packages) and warm (read from
the cache), and the facts by relation (typed in `facts/*.yaml`, and derived from ICD-10)."""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from pipeline.knowledge import build, cache as kb_cache
from pipeline.knowledge.base import KnowledgeBase


def knowledge_stats(project: Path | None = None, base: Path | None = None) -> dict:
    """The packaged knowledge base (or `base`) with the project's layer (`project`) over it."""
    from pipeline import packaged
    from pipeline.knowledge import project_layer

    directory = Path(base) if base is not None else packaged.knowledge_dir()
    project = project_layer(project)
    started = time.perf_counter()
    kb = build.build(directory, project=project)  # cold: nothing read from the cache
    cold = time.perf_counter() - started
    sources = build.source_info()
    where = kb_cache.cache_path(directory, sources, project)
    kb_cache.write(where, kb)
    started = time.perf_counter()
    warm_kb = kb_cache.read(where)
    warm = time.perf_counter() - started
    if not isinstance(warm_kb, KnowledgeBase):
        raise RuntimeError(f"the knowledge-base cache {where} could not be read back")
    from pipeline.knowledge.facts import load_facts

    facts = load_facts(directory / "facts", kb.concepts, kb.icd_parent,
                       project / "facts" if project is not None else None)
    return {
        "concepts": len(kb),
        "sources": kb.sources,
        "types": dict(sorted(Counter(c["type"] for c in kb.concepts.values()).items())),
        "curated_with_codes": sum(1 for c in kb.concepts.values() if c.get("provenance")),
        "load_seconds": {"cold": round(cold, 3), "warm": round(warm, 3)},
        "cache": str(where),
        "project_layer": str(project) if project is not None else None,
        **({"facts": {"total": len(facts), "typed": facts.count_by_relation(False),
                      "derived": facts.count_by_relation(True)}} if len(facts) else {}),
    }


def render(stats: dict) -> str:
    layer = stats.get("project_layer")
    lines = [f"{stats['concepts']} concepts (packaged knowledge base"
             + (f", with the project's {layer} over it)" if layer else ", no project layer)")]
    for name, s in stats["sources"].items():
        version = " ".join(f"{k} {v}" for k, v in s.items() if k in ("package", "version", "data_version", "edition"))
        merged = f", {s['merged_into_curated']} merged into curated concepts" if s.get("merged_into_curated") else ""
        lines.append(f"  {name:<8} {s['concepts']:>6}  {version}{merged}".rstrip())
    lines.append("by type: " + ", ".join(f"{t} {n}" for t, n in stats["types"].items()))
    lines.append(f"index load: cold {stats['load_seconds']['cold']:.2f} s (build), "
                 f"warm {stats['load_seconds']['warm']:.2f} s (cache {stats['cache']})")
    if "facts" in stats:
        f = stats["facts"]
        lines.append(f"facts: {f['total']} ({sum(f['derived'].values())} derived from ICD-10); by relation: "
                     + ", ".join(f"{r} {n}" for r, n in f["typed"].items()))
    return "\n".join(lines)
