"""The word lists of the word-order and sentence-boundary rules
(pipeline/rules/data/translation_word_order.yaml), validated on load."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from pipeline import packaged
from pipeline.rules.base import RuleError

WORD_ORDER = packaged.rule_data("translation_word_order.yaml")
KEYS = ("subordinators", "time_prepositions", "time_nouns", "verb_group_adverbs",
        "concessive_openers", "causal_openers", "concessive_resumers", "causal_resumers",
        "frequency_adverbs", "counted_nouns", "number_words", "sentence_openers",
        "restatement_openers")
WORD = r"^[a-z][a-z.' ]*$"  # a lower-case word or phrase ("as well", "e.g.")


def _schema(keys, word: str) -> dict:
    return {"type": "object", "required": list(keys), "additionalProperties": False,
            "properties": {k: {"type": "array", "minItems": 1, "uniqueItems": True,
                               "items": {"type": "string", "pattern": word}} for k in keys}}


def word_lists(path: str | Path = WORD_ORDER) -> dict[str, frozenset[str]]:
    """The word-order lists, each as a frozenset; a bad file raises RuleError naming it."""
    return read_word_lists(Path(path), KEYS, WORD)


@lru_cache(maxsize=8)
def read_word_lists(path: Path, keys: tuple[str, ...], word: str = WORD) -> dict[str, frozenset[str]]:
    """A YAML file of exactly the lists `keys`, each of unique words matching `word`, as
    frozensets; a bad file raises RuleError naming it and the place."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, _schema(keys, word))
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"{path}: cannot read word lists: {e}") from e
    except jsonschema.ValidationError as e:
        where = "/".join(map(str, e.absolute_path)) or "top level"
        raise RuleError(f"{path}: {where}: {e.message}") from e
    return {k: frozenset(data[k]) for k in keys}
