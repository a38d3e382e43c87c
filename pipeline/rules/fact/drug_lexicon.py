"""The drug-name lexicon: DrugBank/MeSH/MedlinePlus names shipped offline by the
`drug-named-entity-recognition` package (MIT; DrugBank open data CC0), plus the knowledge base's drugs."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def drug_lexicon() -> tuple[frozenset[str], dict[str, dict], list[str]]:
    """(every known drug-name variant, lower case; generic name -> its record; the generic
    names). Loading takes about 2 s (a bz2 pickle), so callers load it only when needed."""
    from drug_named_entity_recognition import drugs_finder

    variants = frozenset(drugs_finder.drug_variant_to_canonical)
    generics = {name: data for name, data in drugs_finder.drug_canonical_to_data.items()
                if name.isalpha() and len(name) >= 6}
    return variants, generics, list(generics)
