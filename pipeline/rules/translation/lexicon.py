"""Translation lexicons: loading, validating and matching the entry lists that rules TR010
(false friends) and TR035 (literal renderings) read from pipeline/rules/data/.

Every entry names the Persian source term (script and transliteration), the wrong English
rendering, the right term, an explanation and references (at least one a web address an editor can
open), plus the pattern that finds the wrong rendering and the context it needs. The loader checks
the schema, compiles the patterns and checks that each pattern finds the entry's own `wrong` text,
so a bad file fails loudly with the file and the entry named."""
from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parse
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jsonschema
import yaml

from pipeline import packaged
from pipeline.model import BLOCK_KINDS
from pipeline.rules.base import Match, Rule, RuleError

DATA = packaged.path("rules", "data")
_REGEX_FIELDS = ("pattern", "block_has", "block_lacks", "not_before", "not_after", "near_before",
                 "not_near_before", "context", "not_context")
_FLAGS = re.IGNORECASE | re.MULTILINE
_PERSIAN = "^[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff\u200c ]+$"
_ENTRY_SCHEMA = {
    "type": "object",
    "required": ["id", "source", "wrong", "right", "pattern", "explanation", "references"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "source": {
            "type": "object", "required": ["fa", "translit"], "additionalProperties": False,
            "properties": {"fa": {"type": "string", "pattern": _PERSIAN},
                           "translit": {"type": "string", "pattern": "^[a-z' -]+$"}}},
        "wrong": {"type": "string", "minLength": 2},
        "right": {"type": "string", "minLength": 2},
        **{f: {"type": "string", "minLength": 1} for f in _REGEX_FIELDS},
        "suggestion": {"type": "string"},
        "explanation": {"type": "string", "minLength": 10},
        "references": {"type": "array", "items": {"type": "string", "minLength": 5},
                       "minItems": 1, "contains": {"pattern": "https?://"}},
        "block_kinds": {"type": "array", "items": {"enum": list(BLOCK_KINDS)}, "minItems": 1},
        "window": {"type": "integer", "minimum": 1},
        "once_per_article": {"type": "boolean"},
        "confidence": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    },
}


@dataclass(frozen=True)
class LexiconEntry:
    id: str
    source_fa: str
    source_translit: str
    wrong: str
    right: str
    suggestion: str
    explanation: str
    references: tuple[str, ...]
    regexes: tuple[tuple[str, str], ...]  # (field of _REGEX_FIELDS, source), validated at load
    block_kinds: frozenset[str] | None = None
    window: int = 150
    once_per_article: bool = False
    confidence: float = 0.8
    triggers: frozenset[str] | None = None  # one of these occurs (lower case) in every match

    def __getattr__(self, name: str):
        """`pattern`, `context`, ... (the _REGEX_FIELDS): compiled on first use (None when the
        entry has no such field), since most entries' triggers never occur in an article."""
        if name not in _REGEX_FIELDS:
            raise AttributeError(name)
        source = dict(self.regexes).get(name)
        value = re.compile(source, _FLAGS) if source is not None else None
        object.__setattr__(self, name, value)
        return value

    def matches(self, block, text: str):
        """The pattern's matches in `block` (view `text` around it) whose context holds."""
        if self.block_kinds and block.kind not in self.block_kinds:
            return
        if self.block_has and not self.block_has.search(block.text):
            return
        if self.block_lacks and self.block_lacks.search(block.text):
            return
        for m in self.pattern.finditer(block.text):
            start, end = block.start + m.start(), block.start + m.end()
            before = text[max(0, start - self.window):start]
            around = before + " \u2026 " + text[end:end + self.window]
            if self.not_before and self.not_before.search(block.text[:m.start()]):
                continue
            if self.not_after and self.not_after.match(block.text, m.end()):
                continue
            if self.near_before and not self.near_before.search(before):
                continue
            if self.not_near_before and self._pronoun_free(before):
                continue
            if self.context and not self.context.search(around):
                continue
            if self.not_context and self.not_context.search(around):
                continue
            yield m

    def _pronoun_free(self, before: str) -> bool:
        """Whether a `not_near_before` word occurs after the last `near_before` word."""
        last = max((m.end() for m in self.near_before.finditer(before)), default=0) \
            if self.near_before else 0
        return self.not_near_before.search(before, last) is not None

    @property
    def source(self) -> str:
        return f"{self.source_fa} ({self.source_translit})"


@lru_cache(maxsize=8)
def load_lexicon(path: str | Path) -> tuple[LexiconEntry, ...]:
    """The entries of a lexicon file, validated; a bad entry raises RuleError naming the file and
    the entry. The validated entries are cached by the file's content (pipeline/derived_cache.py:
    a warm run reads no YAML and validates nothing) and their regular expressions compiled on
    first use."""
    from pipeline.derived_cache import cached

    path = Path(path)
    try:
        entries = cached("lexicon", lambda: _validated(path), list, files=[Path(__file__), path])
    except OSError as e:
        raise RuleError(f"{path}: cannot read the lexicon: {e}") from e
    return tuple(LexiconEntry(**e) for e in entries)


def _validated(path: Path) -> list[dict]:
    """The entries of a lexicon file as LexiconEntry arguments, each checked against the schema,
    its regular expressions compiled once and its pattern tried on its own `wrong` text."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"{path}: cannot read the lexicon: {e}") from e
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise RuleError(f"{path}: must be a mapping with an `entries` list")
    entries, seen = [], set()
    validator = jsonschema.Draft202012Validator(_ENTRY_SCHEMA)  # the schema is checked once
    for n, raw in enumerate(data["entries"], 1):
        label = raw.get("id", "no id") if isinstance(raw, dict) else repr(raw)
        where = f"{path}: entry {n} ({label})"
        error = jsonschema.exceptions.best_match(validator.iter_errors(raw))
        if error is not None:
            field = ".".join(str(p) for p in error.absolute_path)
            raise RuleError(f"{where}: {field + ': ' if field else ''}{error.message}")
        if raw["id"] in seen:
            raise RuleError(f"{where}: duplicate id")
        seen.add(raw["id"])
        regexes = {}
        for f in _REGEX_FIELDS:
            if f in raw:
                regexes[f] = raw[f] + r"\s*$" if f == "not_before" else raw[f]
                try:
                    re.compile(regexes[f], _FLAGS)
                except re.error as e:
                    raise RuleError(f"{where}: `{f}` is not a valid regular expression: {e}") \
                        from None
        pattern = re.compile(regexes["pattern"], _FLAGS)
        if not pattern.search(raw["wrong"]):
            raise RuleError(f"{where}: `pattern` does not match the entry's own `wrong` text "
                            f"{raw['wrong']!r}")
        entries.append(dict(
            id=raw["id"], source_fa=raw["source"]["fa"], source_translit=raw["source"]["translit"],
            wrong=raw["wrong"], right=raw["right"], suggestion=raw.get("suggestion", raw["right"]),
            explanation=raw["explanation"], references=tuple(raw["references"]),
            regexes=tuple(regexes.items()),
            block_kinds=frozenset(raw["block_kinds"]) if "block_kinds" in raw else None,
            window=raw.get("window", 150), once_per_article=raw.get("once_per_article", False),
            confidence=raw.get("confidence", 0.8), triggers=required_literals(pattern)))
    return entries


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case strings one of which occurs in every match of `pattern`, or None when no such
    set was found: a cheap substring test that spares the regular expression most articles
    (a prefilter in the manner of RE2's). Read from the pattern's parse tree; lookarounds and
    character classes are ignored, so the set is never too strict."""
    try:
        tree = _sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # noqa: BLE001 - a parser change must only cost speed
        return None
    found = _required(tree)
    return frozenset(found) if found and min(map(len, found)) >= 2 else None


def _required(items) -> set[str] | None:
    best, run = None, ""

    def better(a, b):
        return b if a is None or (b is not None and min(map(len, b)) > min(map(len, a))) else a

    for op, av in items:
        if op is _sre.LITERAL:
            run += chr(av).lower()
            continue
        best, run = better(best, {run} if run else None), ""
        if op is _sre.SUBPATTERN:
            best = better(best, _required(av[-1]))
        elif op is _sre.BRANCH:
            alts = [_required(alt) for alt in av[1]]
            if all(alts):
                best = better(best, set().union(*alts))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] >= 1:
            best = better(best, _required(av[2]))
    return better(best, {run} if run else None)


class LexiconRule(Rule):
    """Base of the rules that report the entries of a lexicon file (option `data`)."""

    def check(self, ctx):
        entries = load_lexicon(ctx.options["data"])
        text = ctx.text
        # each block's lower case, for the trigger test (None when lower-casing changes length)
        lowered = [(b, low if len(low := b.text.lower()) == len(b.text) else None)
                   for b in ctx.blocks]
        for entry in entries:
            found = 0
            for block, low in lowered:
                if entry.triggers is not None and low is not None and \
                        not any(t in low for t in entry.triggers):
                    continue
                for m in entry.matches(block, text):
                    if entry.once_per_article and found:
                        break
                    found += 1
                    yield Match(block.start + m.start(), block.start + m.end(),
                                entry.explanation, suggestion=m.expand(entry.suggestion),
                                evidence={"entry": entry.id, "source": entry.source,
                                          "right": entry.right, "references": entry.references},
                                confidence=entry.confidence)
