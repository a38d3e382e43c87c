"""The drug-name lexicon: DrugBank/MeSH/MedlinePlus names shipped offline by the
`drug-named-entity-recognition` package (MIT; DrugBank open data CC0), plus the knowledge base's drugs."""
from __future__ import annotations

from functools import lru_cache

from pipeline.knowledge.drugs import raw_data


@lru_cache(maxsize=1)
def drug_lexicon() -> tuple[frozenset[str], dict[str, dict], list[str]]:
    """(every known drug-name variant, lower case; generic name -> its record; the generic
    names)."""
    data = raw_data()
    variants = frozenset(data["drug_variant_to_canonical"])
    generics = {name: record for name, record in data["drug_canonical_to_data"].items()
                if name.isalpha() and len(name) >= 6}
    return variants, generics, list(generics)
