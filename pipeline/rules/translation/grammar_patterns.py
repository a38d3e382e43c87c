"""The verb and noun patterns of TR040 and TR041 (pipeline/rules/data/grammar_patterns.yaml),
validated at load: a missing key, or anything but lower-case words, is an error naming the file."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

PATH = Path(__file__).resolve().parent.parent / "data" / "grammar_patterns.yaml"
MAPPINGS = ("needless_preposition", "wrong_preposition", "correlatives", "noun_for_verb",
            "bare_participles", "missing_preposition")
LISTS = ("no_object_infinitive", "gerund_complement", "bare_infinitive", "object_before_infinitive", "no_passive",
         "no_passive_infinitive",
         "to_needs_verb", "singular_determiners", "quantity_words", "singular_in_s",
         "uncountable", "no_plural", "people_plurals", "not_owned", "no_as", "no_that_clause",
         "no_indirect_object", "plural_modifiers", "content_clause_nouns", "people_singulars", "instruments",
         "device_agent_verbs", "means_gerunds", "compound_gerunds", "with_governors",
         "with_object_governors", "needs_object", "object_gap_prepositions", "participle_heads",
         "two_object_verbs", "after_object_you")


class GrammarPatternsError(Exception):
    pass


def _words(value, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w == w.lower() and w.strip()
                                              and " " not in w for w in value):
        raise GrammarPatternsError(f"{PATH}: {key!r} must be a list of lower-case words")
    return frozenset(value)


@lru_cache(maxsize=1)
def load() -> dict:
    """Each list as a frozenset; needless_preposition as lemma -> frozenset of prepositions;
    wrong_preposition as word -> {preposition: replacement}; correlatives, noun_for_verb and
    bare_participles as word -> word."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise GrammarPatternsError(f"{PATH}: {e}") from e
    if not isinstance(data, dict) or set(data) != set(LISTS + MAPPINGS):
        raise GrammarPatternsError(f"{PATH}: must hold exactly {', '.join(MAPPINGS + LISTS)}")
    out: dict = {k: _words(data[k], k) for k in LISTS}
    preps = data["needless_preposition"]
    if not isinstance(preps, dict):
        raise GrammarPatternsError(f"{PATH}: 'needless_preposition' must map a verb to a list")
    _words(list(preps), "needless_preposition")
    out["needless_preposition"] = {verb: _words(p, f"needless_preposition.{verb}")
                                   for verb, p in preps.items()}
    wrong = data["wrong_preposition"]
    if not isinstance(wrong, dict) or not all(
            isinstance(m, dict) and m and all(isinstance(r, str) and r.strip() for r in m.values())
            for m in wrong.values()):
        raise GrammarPatternsError(f"{PATH}: 'wrong_preposition' must map a word to "
                                   "{preposition: replacement}")
    _words(list(wrong), "wrong_preposition")
    out["wrong_preposition"] = {w: dict(m) for w, m in wrong.items()
                                if _words(list(m), f"wrong_preposition.{w}")}
    pairs = data["correlatives"]
    if not isinstance(pairs, dict) or not all(isinstance(v, str) for v in pairs.values()):
        raise GrammarPatternsError(f"{PATH}: 'correlatives' must map a word to a word")
    _words(list(pairs) + list(pairs.values()), "correlatives")
    out["correlatives"] = dict(pairs)
    nouns = data["noun_for_verb"]
    if not isinstance(nouns, dict) or not all(isinstance(v, str) for v in nouns.values()):
        raise GrammarPatternsError(f"{PATH}: 'noun_for_verb' must map a noun to its verb")
    _words(list(nouns) + list(nouns.values()), "noun_for_verb")
    out["noun_for_verb"] = dict(nouns)
    missing = data["missing_preposition"]
    if not isinstance(missing, dict) or not all(isinstance(v, str) for v in missing.values()):
        raise GrammarPatternsError(f"{PATH}: 'missing_preposition' must map a verb to a preposition")
    _words(list(missing) + list(missing.values()), "missing_preposition")
    out["missing_preposition"] = dict(missing)
    bare = data["bare_participles"]
    if not isinstance(bare, dict) or not all(isinstance(v, str) for v in bare.values()):
        raise GrammarPatternsError(f"{PATH}: 'bare_participles' must map a word to its participle")
    _words(list(bare) + list(bare.values()), "bare_participles")
    out["bare_participles"] = dict(bare)
    return out
