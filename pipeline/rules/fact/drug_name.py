from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.claims import mentions
from pipeline.rules.fact.drug_lexicon import drug_lexicon, foreign_spelling, nearest_generic

_WORD = re.compile(r"(?<![\w-])[A-Za-z][a-z]{5,}(?![\w-])")
_DRUG_CONTEXT = re.compile(r"\b(?:drugs?|medicines?|medications?|pills?|tablets?|capsules?|ampoules?|shots?|"
                           r"injections?|inject|prescribes?|prescribed|relaxants?|painkillers?|doses?|mg)\b", re.I)


class MisspelledDrugName(Rule):
    """A drug name misspelled: "metacarbamol" for methocarbamol.

    What it does
    Finds words that are neither drug names nor English words (pyspellchecker's dictionary, the
    project's medical word list, or word frequency `max_zipf` or more) and that are close (rapidfuzz
    ratio) to a generic drug name from DrugBank, MeSH and MedlinePlus (the offline
    `drug-named-entity-recognition` lexicon) or the knowledge base: at least `min_similarity` in a
    sentence that talks about drugs (another drug or drug class named, or words such as pill,
    injection, prescribe), at least `min_similarity_alone` elsewhere, so that a misspelled drug at
    the start of a sentence or capitalised ("Tizanadine relaxes the muscles") is found too; the
    knowledge base's English drug names count as well ("paracetomol": paracetamol). Another
    language's spelling of a generic name, which the lexicon lists among its variants ("cetirizin",
    "omeprazol", "tamsulosine", "amoxicilline": the English name without or with its final e), is
    a misspelling in English text, unless English writers use it too ("gelatine", "thyroxin":
    found in English word frequencies). The nearest English name is the suggestion. Correctly
    spelled drugs, brand names and English (British or American) spellings are never flagged. TR003
    (unknown word) leaves these words to this rule, so a misspelled drug gets one finding.

    Why is this bad?
    A misspelled drug name cannot be looked up by the reader or a pharmacist and may be read as a
    different drug.

    Example
    The doctor may prescribe metacarbamol or baclofen.

    Use instead
    The doctor may prescribe methocarbamol or baclofen.

    Severity
    Critical: a wrong drug name is a dangerous mix-up.

    References
    DrugBank open data (CC0) via drug-named-entity-recognition: https://github.com/fastdatascience/drug_named_entity_recognition
    MedlinePlus drug information: https://medlineplus.gov/druginformation.html
    """

    code = "FA005"
    name = "misspelled-drug-name"
    category = "fact"
    severity = "critical"
    mqm_type = "Terminology/Wrong term"
    options = {"min_similarity": 84, "min_similarity_alone": 88, "max_zipf": 2.5}

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for seg in ctx.segments:
            for start, end, name, score, kind in misspelled_drugs(kb, ctx.resources.vocabulary, seg.text,
                                                                  seg.start, ctx.options):
                data = drug_lexicon()[1].get(name) or drug_lexicon()[1].get(_kb_drug_names(kb).get(name, ""), {})
                refs = [r for r in (
                    data.get("medline_plus_id") and f"https://medlineplus.gov/druginfo/meds/{data['medline_plus_id']}.html",
                    data.get("drugbank_id") and f"https://go.drugbank.com/drugs/{data['drugbank_id']}") if r]
                word = ctx.text[start:end]
                message = (f'"{word}" is how another language spells the drug; in English it is {name}.'
                           if kind == "foreign" else f'"{word}" is not a known drug name; did you mean {name}?')
                yield Match(start, end, message,
                            suggestion=name, confidence=round(score / 100, 3),
                            evidence={"lexicon": "DrugBank/MeSH/MedlinePlus (drug-named-entity-recognition)",
                                      "kb_entry": name, "similarity": round(score, 1), "references": refs,
                                      "drugbank": data.get("drugbank_id")})


def misspelled_drugs(kb, vocabulary, text: str, offset: int = 0, options: dict | None = None):
    """(start, end, English name, similarity, kind) of each misspelled drug name in the sentence
    `text` (view offset `offset`): a word of six letters or more, lower case or capitalised, that is
    another language's spelling of a generic name (kind "foreign": "cetirizin", "tamsulosine"), or
    no English word, knowledge-base name or drug-name variant and close to a generic drug name or a
    curated English drug name ("paracetomol": paracetamol) (kind "misspelled": `min_similarity` in a
    sentence about drugs, `min_similarity_alone` elsewhere). TR003 leaves these words to FA005 (one
    defect, one finding)."""
    opts = {**MisspelledDrugName.options, **(options or {})}
    kb_words = _kb_words(kb)
    ms = mentions(kb, text, offset)
    about_drugs = (any(kb.concept(m.concept)["type"] in ("drug", "drug-class") for m in ms)
                   or _DRUG_CONTEXT.search(text) is not None)
    threshold = opts["min_similarity"] if about_drugs else opts["min_similarity_alone"]
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if word in vocabulary.medical or word in vocabulary.dictionary:
            continue
        english = foreign_spelling(word) if vocabulary.zipf(word) < _FOREIGN_ZIPF else None
        if english:  # "cetirizin", "tamsulosine": another language's spelling of the generic name
            yield offset + m.start(), offset + m.end(), english, fuzz.ratio(word, english), "foreign"
            continue
        if word in kb_words or vocabulary.zipf(word) >= opts["max_zipf"]:
            continue
        hit = nearest_generic(word, threshold)  # the lexicon is loaded on the first candidate only
        if hit is None and (m.group()[0].islower() or not text[:m.start()].strip(" -•*\t\"'(")):
            hit = _nearest_kb_drug(kb, word, threshold)  # a capitalised word mid-sentence is likely a name
        if hit:
            yield offset + m.start(), offset + m.end(), hit[0], hit[1], "misspelled"


_FOREIGN_ZIPF = 1.0  # rarer than this in English: "cetirizin" is foreign, "gelatine" and "thyroxin" are English


def _nearest_kb_drug(kb, word: str, min_similarity: float) -> tuple[str, float] | None:
    """The knowledge base's English drug name (a generic or its British name: "paracetamol",
    "salbutamol") closest to `word`, as (its generic name in the lexicon, similarity)."""
    names = _kb_drug_names(kb)
    best = process.extractOne(word, list(names), scorer=fuzz.ratio, score_cutoff=min_similarity)
    if not best or word in names:
        return None
    generic = names[best[0]]
    return (best[0], best[1]) if generic in drug_lexicon()[1] else None


@lru_cache(maxsize=2)
def _kb_drug_names(kb) -> dict[str, str]:
    """Single-word names and synonyms of the curated drugs -> the generic name (lower case)."""
    out = {}
    for c in kb.concepts.values():
        if c["type"] != "drug" or c.get("source", "curated") != "curated":
            continue
        generic = c["name"].lower()
        for n in [c["name"], *c.get("synonyms", [])]:
            if n.isalpha() and n.islower() and len(n) >= 6:
                out[n] = generic
    return out


@lru_cache(maxsize=2)
def _kb_words(kb) -> frozenset[str]:
    """Every word of every knowledge-base name and synonym (never a misspelled drug); cached
    with the knowledge base (pipeline/derived_cache.py)."""
    from pipeline import derived_cache

    return derived_cache.from_knowledge(
        "kbwords", lambda: (w.casefold() for c in kb.concepts.values()
                            for p in [c["name"], *c.get("synonyms", [])] for w in p.split()),
        frozenset, kb, files=[Path(__file__)])
