"""The word lists of TR060 and TR061 (pipeline/rules/data/grammar_clauses.yaml), validated at
load: a missing or unknown key, or anything but a list of lower-case words, is an error naming
the file."""
from __future__ import annotations

from functools import lru_cache

import jsonschema
import yaml

from pipeline import packaged

PATH = packaged.rule_data("grammar_clauses.yaml")
KEYS = ("clause_openers", "group_nouns", "no_comma_after")
_WORDS = {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": "^[a-z]+$"}}
SCHEMA = {"type": "object", "additionalProperties": False, "required": list(KEYS),
          "properties": {k: _WORDS for k in KEYS}}


class ClauseDataError(Exception):
    pass


@lru_cache(maxsize=1)
def load() -> dict[str, frozenset[str]]:
    """Each list of the file as a frozenset."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        jsonschema.validate(data, SCHEMA)
    except (OSError, yaml.YAMLError) as e:
        raise ClauseDataError(f"{PATH}: {e}") from e
    except jsonschema.ValidationError as e:
        where = "/".join(map(str, e.absolute_path)) or "top level"
        raise ClauseDataError(f"{PATH}: {where}: {e.message}") from e
    return {k: frozenset(data[k]) for k in KEYS}
