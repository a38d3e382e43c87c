"""Loading and validating the false-friend list (data for rule TR010)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from pipeline.model import BLOCK_KINDS
from pipeline.rules.base import RuleError

FALSE_FRIENDS = Path(__file__).resolve().parent.parent / "data" / "translation_false_friends.yaml"
_REGEX_FIELDS = ("pattern", "block_has", "not_before", "not_after", "near_before",
                 "not_near_before")
_ENTRY_SCHEMA = {
    "type": "object",
    "required": ["id", "pattern", "suggestion", "explanation", "references"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        **{f: {"type": "string", "minLength": 1} for f in _REGEX_FIELDS},
        "suggestion": {"type": "string"},
        "explanation": {"type": "string", "minLength": 10},
        "references": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "block_kinds": {"type": "array", "items": {"enum": list(BLOCK_KINDS)}, "minItems": 1},
        "window": {"type": "integer", "minimum": 1},
        "once_per_article": {"type": "boolean"},
    },
}


@dataclass(frozen=True)
class FalseFriendEntry:
    id: str
    pattern: re.Pattern
    suggestion: str
    explanation: str
    references: tuple[str, ...]
    block_kinds: frozenset[str] | None = None
    block_has: re.Pattern | None = None
    not_before: re.Pattern | None = None
    not_after: re.Pattern | None = None
    near_before: re.Pattern | None = None
    not_near_before: re.Pattern | None = None
    window: int = 150
    once_per_article: bool = False

    def matches(self, block, text: str):
        """The pattern's matches in `block` (view `text` around it) whose context holds."""
        if self.block_kinds and block.kind not in self.block_kinds:
            return
        if self.block_has and not self.block_has.search(block.text):
            return
        for m in self.pattern.finditer(block.text):
            start = block.start + m.start()
            before = text[max(0, start - self.window):start]
            if self.not_before and self.not_before.search(block.text[:m.start()]):
                continue
            if self.not_after and self.not_after.match(block.text, m.end()):
                continue
            if self.near_before and not self.near_before.search(before):
                continue
            if self.not_near_before and self._pronoun_free(before):
                continue
            yield m

    def _pronoun_free(self, before: str) -> bool:
        """Whether a `not_near_before` word occurs after the last `near_before` word."""
        last = max((m.end() for m in self.near_before.finditer(before)), default=0) \
            if self.near_before else 0
        return self.not_near_before.search(before, last) is not None


@lru_cache(maxsize=4)
def load_false_friends(path: str | Path = FALSE_FRIENDS) -> tuple[FalseFriendEntry, ...]:
    """The entries of a false-friend file, validated; a bad entry raises RuleError naming the
    file and the entry."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"{path}: cannot read false friends: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise RuleError(f"{path}: must be a mapping with an `entries` list")
    entries, seen = [], set()
    validator = jsonschema.Draft202012Validator(_ENTRY_SCHEMA)  # the schema is checked once
    for n, raw in enumerate(data["entries"], 1):
        label = raw.get("id", "no id") if isinstance(raw, dict) else repr(raw)
        where = f"{path}: entry {n} ({label})"
        error = jsonschema.exceptions.best_match(validator.iter_errors(raw))
        if error is not None:
            raise RuleError(f"{where}: {error.message}")
        if raw["id"] in seen:
            raise RuleError(f"{where}: duplicate id")
        seen.add(raw["id"])
        compiled = {}
        for f in _REGEX_FIELDS:
            if f in raw:
                source = raw[f] + r"\s*$" if f == "not_before" else raw[f]
                try:
                    compiled[f] = re.compile(source, re.IGNORECASE | re.MULTILINE)
                except re.error as e:
                    raise RuleError(f"{where}: `{f}` is not a valid regular expression: {e}") \
                        from None
        entries.append(FalseFriendEntry(
            id=raw["id"], suggestion=raw["suggestion"], explanation=raw["explanation"],
            references=tuple(raw["references"]),
            block_kinds=frozenset(raw["block_kinds"]) if "block_kinds" in raw else None,
            window=raw.get("window", 150), once_per_article=raw.get("once_per_article", False),
            **compiled))
    return tuple(entries)
