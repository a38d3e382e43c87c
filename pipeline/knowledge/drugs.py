"""Drugs from the `drug-named-entity-recognition` package (DrugBank open data, CC0, with MeSH and
MedlinePlus identifiers): the single-ingredient generics that have a MedlinePlus drug page (the
drugs patients meet), with their brand names and spelling variants that are not everyday words.
The other ~18,000 DrugBank/MeSH entries (research chemicals, element names such as "gold") stay in
the misspelling lexicon of FA005 only.

Ids are `drug:<generic name>`; every concept cites MedlinePlus and DrugBank."""
from __future__ import annotations

import bz2
import pickle
import re
from functools import lru_cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

from pipeline.knowledge.names import MAX_ZIPF_ONE_WORD, indexable

PACKAGE = "drug-named-entity-recognition"
DATA_FILE = "drug_ner_dictionary.pkl.bz2"
MAX_ZIPF_VARIANT = 3.0  # brand names that are words ("Armour") stay out of the index
_PLAIN = re.compile(r"^[a-z][a-z -]{3,}[a-z]$")


def info() -> dict:
    return {"package": PACKAGE, "version": version(PACKAGE)}


@lru_cache(maxsize=1)
def raw_data() -> dict:
    """The package's own data file (its variant -> generic and generic -> record tables), read
    without importing the package, whose import also builds an n-gram index we do not use."""
    spec = find_spec("drug_named_entity_recognition")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed (see requirements.lock)")
    with bz2.open(Path(next(iter(spec.submodule_search_locations))) / DATA_FILE, "rb") as f:
        return pickle.load(f)  # the package's own data file, installed from PyPI


def load() -> list[dict]:
    data = raw_data()
    label = f"{PACKAGE} {version(PACKAGE)}"
    generics = {g: r for g, r in data["drug_canonical_to_data"].items()
                if r.get("medline_plus_id") and " and " not in g and "," not in g}
    names: dict[str, list[str]] = {g: [g] for g in generics}
    for variant, canon in data["drug_variant_to_canonical"].items():
        if len(canon) == 1 and canon[0] in names and variant != canon[0] and _PLAIN.match(variant):
            names[canon[0]].append(variant)
    concepts = []
    for generic, record in generics.items():
        refs = [{"title": f"MedlinePlus drug information: {record.get('name', generic)}",
                 "url": f"https://medlineplus.gov/druginfo/meds/{record['medline_plus_id']}.html",
                 "medlineplus": record["medline_plus_id"]}]
        if record.get("drugbank_id"):
            refs.append({"title": f"DrugBank {record['drugbank_id']}; {label}",
                         "url": f"https://go.drugbank.com/drugs/{record['drugbank_id']}",
                         "drugbank": record["drugbank_id"]})
        concepts.append({
            "id": f"drug:{generic}", "name": record.get("name", generic), "type": "drug",
            "index_name": False,
            "synonyms": [n for n in names[generic]
                         if indexable(n, MAX_ZIPF_ONE_WORD if n == generic else MAX_ZIPF_VARIANT)],
            "is_a": [], "source": "drug", "file": label, "references": refs})
    return concepts
