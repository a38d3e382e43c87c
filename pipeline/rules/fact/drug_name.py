from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process
from wordfreq import zipf_frequency

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.claims import mentions
from pipeline.rules.fact.drug_lexicon import drug_lexicon

_WORD = re.compile(r"(?<![\w-])[A-Za-z][a-z]{5,}(?![\w-])")
_DRUG_CONTEXT = re.compile(r"\b(?:drugs?|medicines?|medications?|pills?|tablets?|capsules?|ampoules?|shots?|"
                           r"injections?|inject|prescribes?|prescribed|relaxants?|painkillers?|doses?|mg)\b", re.I)


class MisspelledDrugName(Rule):
    """A drug name misspelled: "metacarbamol" for methocarbamol.

    What it does
    In sentences that talk about drugs (another drug named, or words such as pill, injection,
    prescribe, relaxant), finds words that are neither drug names nor common English words and that
    are close (rapidfuzz ratio at or above `min_similarity`) to a generic drug name from DrugBank,
    MeSH and MedlinePlus (the offline `drug-named-entity-recognition` lexicon) or the knowledge base.
    The nearest generic name is the suggestion. Correctly spelled drugs and brand names are known
    variants and never flagged; common English words (word frequency `max_zipf` or more) are skipped.

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
    options = {"min_similarity": 84, "max_zipf": 2.5}

    def check(self, ctx):
        kb = ctx.resources.knowledge
        kb_words = _kb_words(kb)
        for seg in ctx.segments:
            ms = mentions(kb, seg.text, seg.start)
            drug_named = any(kb.concept(m.concept)["type"] in ("drug", "drug-class") for m in ms)
            if not (drug_named or _DRUG_CONTEXT.search(seg.text)):
                continue
            for m in _WORD.finditer(seg.text):
                word = m.group().lower()
                if word in kb_words or zipf_frequency(word, "en") >= ctx.options["max_zipf"]:
                    continue
                variants, generics, names = drug_lexicon()  # loaded on the first candidate only
                if word in variants:
                    continue
                best = process.extractOne(word, names, scorer=fuzz.ratio, score_cutoff=ctx.options["min_similarity"])
                if not best:
                    continue
                name, score, _ = best
                data = generics[name]
                refs = [r for r in (
                    data.get("medline_plus_id") and f"https://medlineplus.gov/druginfo/meds/{data['medline_plus_id']}.html",
                    data.get("drugbank_id") and f"https://go.drugbank.com/drugs/{data['drugbank_id']}") if r]
                yield Match(seg.start + m.start(), seg.start + m.end(),
                            f'"{m.group()}" is not a known drug name; did you mean {name}?',
                            suggestion=name, confidence=round(score / 100, 3),
                            evidence={"lexicon": "DrugBank/MeSH/MedlinePlus (drug-named-entity-recognition)",
                                      "kb_entry": name, "similarity": round(score, 1), "references": refs,
                                      "drugbank": data.get("drugbank_id")})


@lru_cache(maxsize=2)
def _kb_words(kb) -> frozenset[str]:
    """Every word of every knowledge-base name and synonym (never a misspelled drug)."""
    return frozenset(w.casefold() for c in kb.concepts.values()
                     for p in [c["name"], *c.get("synonyms", [])] for w in p.split())
