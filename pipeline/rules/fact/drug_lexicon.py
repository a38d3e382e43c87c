"""The drug-name lexicon: DrugBank/MeSH/MedlinePlus names shipped offline by the
`drug-named-entity-recognition` package (MIT; DrugBank open data CC0), plus the knowledge base's drugs.

The package lists other languages' spellings of a generic name among its variants ("cetirizin",
"omeprazol", "tamsulosine", "amoxicilline": the English name without or with a final e). In an
English text they are misspellings of the English name (`foreign_spelling`).

The package's data file takes seconds to decompress; the part FA005 needs is cached beside the
knowledge-base index (`pipeline.knowledge.cache`), keyed by the package version."""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process

from pipeline.knowledge import cache as kb_cache
from pipeline.knowledge.drugs import info, raw_data


_FORMAT = 2  # bump when the cached tuple changes


@lru_cache(maxsize=1)
def drug_lexicon() -> tuple[frozenset[str], dict[str, dict], list[str], dict[str, str]]:
    """(every known drug-name variant, lower case; generic name -> its identifiers; the generic
    names; other languages' spellings -> the English generic name)."""
    path = kb_cache.cache_dir() / f"drugs-{kb_cache.digest({**info(), 'format': _FORMAT})}.pickle"
    cached = kb_cache.read(path)
    if isinstance(cached, tuple) and len(cached) == 4:
        return cached
    data = raw_data()
    variants = frozenset(data["drug_variant_to_canonical"])
    generics = {name: {k: record[k] for k in ("medline_plus_id", "drugbank_id") if record.get(k)}
                for name, record in data["drug_canonical_to_data"].items()
                if name.isalpha() and len(name) >= 6}
    foreign = {}
    for variant, canon in data["drug_variant_to_canonical"].items():
        for c in canon:
            if c in generics and variant != c and (variant + "e" == c or variant == c + "e"):
                foreign[variant] = c
    lexicon = (variants, generics, list(generics), foreign)
    kb_cache.write(path, lexicon)
    return lexicon


def foreign_spelling(word: str) -> str | None:
    """The English generic name that `word` (lower case) spells the way another language does:
    "cetirizin" -> cetirizine, "tamsulosine" -> tamsulosin."""
    return drug_lexicon()[3].get(word)


@lru_cache(maxsize=4096)
def nearest_generic(word: str, min_similarity: float) -> tuple[str, float] | None:
    """The generic drug name closest to `word` (lower case) when it is at least `min_similarity`
    similar (rapidfuzz ratio) and `word` is no known drug-name variant itself, nor the singular
    or plural of one."""
    variants, generics, names, _ = drug_lexicon()
    # the singular or plural of a known name ("retinoid" for "retinoids") is no misspelling
    if any(w in variants or w in generics for w in (word, word + "s", word + "es", word[:-1])):
        return None
    best = process.extractOne(word, names, scorer=fuzz.ratio, score_cutoff=min_similarity)
    return (best[0], best[1]) if best else None
