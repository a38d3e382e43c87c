"""The word lists of the grammar rules (pipeline/rules/data/grammar_words.yaml), validated at load:
a file that lacks a list, or holds anything but lower-case words, is an error naming the file."""
from __future__ import annotations

from functools import lru_cache

import yaml

from pipeline import packaged

PATH = packaged.rule_data("grammar_words.yaml")
LISTS = ("its_predicates", "its_always", "abbreviations", "number_words", "count_nouns", "body_part_nouns",
         "definite_before_of", "definite_before_of_modified", "bare_before_of",
         "zero_article_after", "organisation_heads", "descriptive_name_openers",
         "definite_modifiers", "question_embedding_verbs", "person_nouns_after_of",
         "kind_or_role_nouns", "names_with_the")
MAPPINGS = ("measure_plurals",)


class GrammarDataError(Exception):
    pass


def _words(value, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(w, str) and w == w.lower() and w.strip()
                                              for w in value):
        raise GrammarDataError(f"{PATH}: {key!r} must be a list of lower-case words")
    return value


@lru_cache(maxsize=1)
def load() -> dict:
    """Each list as a frozenset, each mapping as a dict."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise GrammarDataError(f"{PATH}: {e}") from e
    if not isinstance(data, dict) or set(data) != set(LISTS + MAPPINGS):
        raise GrammarDataError(f"{PATH}: must hold exactly {', '.join(LISTS + MAPPINGS)}")
    out: dict = {k: frozenset(_words(data[k], k)) for k in LISTS}
    for key in MAPPINGS:
        if not isinstance(data[key], dict):
            raise GrammarDataError(f"{PATH}: {key!r} must be a mapping of plural to singular")
        _words(list(data[key]) + list(data[key].values()), key)
        out[key] = dict(data[key])
    return out
