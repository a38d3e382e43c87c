from __future__ import annotations

import re
from functools import lru_cache

from wordfreq import zipf_frequency

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.claims import mentions
from pipeline.rules.fact.drug_lexicon import drug_lexicon, nearest_generic

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
    the start of a sentence or capitalised ("Tizanadine relaxes the muscles") is found too. The
    nearest generic name is the suggestion. Correctly spelled drugs, brand names and international
    spellings are known variants and never flagged. TR003 (unknown word) leaves these words to this
    rule, so a misspelled drug gets one finding.

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
            for start, end, name, score in misspelled_drugs(kb, ctx.resources.vocabulary, seg.text,
                                                            seg.start, ctx.options):
                data = drug_lexicon()[1][name]
                refs = [r for r in (
                    data.get("medline_plus_id") and f"https://medlineplus.gov/druginfo/meds/{data['medline_plus_id']}.html",
                    data.get("drugbank_id") and f"https://go.drugbank.com/drugs/{data['drugbank_id']}") if r]
                word = ctx.text[start:end]
                yield Match(start, end, f'"{word}" is not a known drug name; did you mean {name}?',
                            suggestion=name, confidence=round(score / 100, 3),
                            evidence={"lexicon": "DrugBank/MeSH/MedlinePlus (drug-named-entity-recognition)",
                                      "kb_entry": name, "similarity": round(score, 1), "references": refs,
                                      "drugbank": data.get("drugbank_id")})


def misspelled_drugs(kb, vocabulary, text: str, offset: int = 0, options: dict | None = None):
    """(start, end, generic name, similarity) of each misspelled drug name in the sentence `text`
    (view offset `offset`): a word of six letters or more, lower case or capitalised, that is no
    English word, knowledge-base name or drug-name variant, and is close to a generic drug name
    (`min_similarity` in a sentence about drugs, `min_similarity_alone` elsewhere). TR003 leaves
    these words to FA005 (one defect, one finding)."""
    opts = {**MisspelledDrugName.options, **(options or {})}
    kb_words = _kb_words(kb)
    ms = mentions(kb, text, offset)
    about_drugs = (any(kb.concept(m.concept)["type"] in ("drug", "drug-class") for m in ms)
                   or _DRUG_CONTEXT.search(text) is not None)
    threshold = opts["min_similarity"] if about_drugs else opts["min_similarity_alone"]
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if (word in kb_words or zipf_frequency(word, "en") >= opts["max_zipf"]
                or word in vocabulary.medical or word in vocabulary.dictionary):
            continue
        hit = nearest_generic(word, threshold)  # the lexicon is loaded on the first candidate only
        if hit:
            yield offset + m.start(), offset + m.end(), hit[0], hit[1]


@lru_cache(maxsize=2)
def _kb_words(kb) -> frozenset[str]:
    """Every word of every knowledge-base name and synonym (never a misspelled drug)."""
    return frozenset(w.casefold() for c in kb.concepts.values()
                     for p in [c["name"], *c.get("synonyms", [])] for w in p.split())
