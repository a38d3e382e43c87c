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
_SCHEMA = {
    "type": "object",
    "required": list(KEYS),
    "additionalProperties": False,
    "properties": {k: {"type": "array", "minItems": 1, "uniqueItems": True,
                       "items": {"type": "string", "pattern": r"^[a-z][a-z.' ]*$"}}
                   for k in KEYS},
}


@lru_cache(maxsize=2)
def word_lists(path: str | Path = WORD_ORDER) -> dict[str, frozenset[str]]:
    """Each list of the file as a frozenset; a bad file raises RuleError naming it."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(data, _SCHEMA)
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"{path}: cannot read word lists: {e}") from e
    except jsonschema.ValidationError as e:
        where = "/".join(map(str, e.absolute_path)) or "top level"
        raise RuleError(f"{path}: {where}: {e.message}") from e
    return {k: frozenset(data[k]) for k in KEYS}
