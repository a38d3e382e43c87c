"""The drug-name lexicon: DrugBank/MeSH/MedlinePlus names shipped offline by the
`drug-named-entity-recognition` package (MIT; DrugBank open data CC0), plus the knowledge base's drugs."""
from __future__ import annotations

import bz2
import pickle
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

PACKAGE = "drug-named-entity-recognition"
DATA_FILE = "drug_ner_dictionary.pkl.bz2"


@lru_cache(maxsize=1)
def drug_lexicon() -> tuple[frozenset[str], dict[str, dict], list[str]]:
    """(every known drug-name variant, lower case; generic name -> its record; the generic
    names). Read straight from the package's data file: importing the package would also build
    its n-gram search index, which we do not use and which triples the load time."""
    spec = find_spec("drug_named_entity_recognition")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package is not installed (see requirements.lock)")
    path = Path(next(iter(spec.submodule_search_locations))) / DATA_FILE
    with bz2.open(path, "rb") as f:
        data = pickle.load(f)  # the package's own data file, installed from PyPI
    variants = frozenset(data["drug_variant_to_canonical"])
    generics = {name: record for name, record in data["drug_canonical_to_data"].items()
                if name.isalpha() and len(name) >= 6}
    return variants, generics, list(generics)
