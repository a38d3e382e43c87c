"""Offline grammar checking with Harper (the `harper-py` wheel: Automattic's Harper, Rust, in
process; no Java, no server, nothing downloaded).

`HarperEngine` is built once per run (through `Resources.harper`): building the linter loads
Harper's dictionary (about a second), and the project's medical vocabulary and the knowledge
base's names are added to it so that drug and condition names are known words. Which of Harper's
rules run, and which clinic-audit rule reports each, comes from
`pipeline/rules/data/grammar_harper.yaml` plus `grammar.harper_rules` in the settings.

Offsets: harper-py's spans count code points of the Python `str` it was given (checked with
non-BMP characters before the error in tests/test_harper.py), so a lint's span plus the block's
start is a view offset. The blocks of an article (title, heading, list item, paragraph) are
linted in one call, separated by blank lines (paragraph breaks to Harper), so a heading is never
read as the start of the next paragraph's sentence; a lint crossing two blocks is dropped."""
from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Iterable

import yaml

from pipeline import packaged

SELECTION = packaged.rule_data("grammar_harper.yaml")
# The clinic-audit rules that report Harper's lints (see pipeline/rules/translation/).
CODES = ("TR015", "TR016", "TR019")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
DIALECTS = ("american", "british", "australian", "canadian", "indian")


class GrammarConfigError(Exception):
    """The Harper rule selection (data file or settings) names something Harper does not have."""


@dataclass(frozen=True)
class GrammarLint:
    start: int  # view offsets
    end: int
    harper_rule: str
    kind: str
    message: str
    suggestion: str | None
    code: str  # the clinic-audit rule that reports it


def _group_members(node: dict) -> Iterable[tuple[str, str | None]]:
    """(rule name, group label) for every rule in Harper's structured configuration."""
    for item in node["settings"]:
        if "Group" in item:
            group = item["Group"]
            for name, _ in _group_members(group["child"]):
                yield name, group["label"]
        elif "Bool" in item:
            yield item["Bool"]["name"], None
        elif "OneOfMany" in item:
            yield from ((n, None) for n in item["OneOfMany"]["names"])


def resolve_selection(structure: dict, defaults: dict[str, bool], data: dict, overrides: dict,
                      where: str) -> dict[str, str]:
    """Harper rule name -> clinic-audit code for every rule that runs."""
    members = list(_group_members(structure))
    groups = {g for _, g in members if g}
    known = {n for n, _ in members}
    for key, problem in ((set(data.get("groups") or {}) - groups, "group"),
                         (set(data.get("rules") or {}) - known, "rule")):
        if key:
            raise GrammarConfigError(f"{where}: unknown Harper {problem}(s) {', '.join(sorted(key))}")
    unknown = set(overrides) - known
    if unknown:
        raise GrammarConfigError(f"settings grammar.harper_rules: unknown Harper rule(s) "
                                 f"{', '.join(sorted(unknown))}")
    chosen: dict[str, str] = {}
    named = {**(data.get("rules") or {}), **overrides}
    for name, group in members:
        # a group brings in the rules Harper runs by default; a rule named alone always runs
        value = named.get(name, (data.get("groups") or {}).get(group, "off")
                          if defaults.get(name) else "off")
        value = "off" if value is False else str(value)
        if value != "off" and value not in CODES:
            raise GrammarConfigError(f"{where}: Harper rule {name} is mapped to {value!r}; "
                                     f"expected one of {', '.join(CODES)}, or off")
        if value != "off":
            chosen[name] = value
    return chosen


def known_words(vocabulary, knowledge) -> set[str]:
    """The project's medical words and every word of the knowledge base's names, synonyms and
    abbreviations, for Harper's dictionary."""
    words = set(vocabulary.medical)
    for concept in knowledge.concepts.values():
        for phrase in [concept["name"], *concept.get("synonyms", []),
                       *concept.get("abbreviations", {})]:
            words.update(w for w in _WORD.findall(phrase) if not w.isdigit())
    return words


_SEPARATOR = "\n\n"
_pending: dict[str, Future] = {}  # dialect -> a linter being built in the background


def _new_linter(dialect: str):
    import harper

    return harper.Linter(harper.Dialect[dialect.upper()])


def prebuild(dialect: str) -> None:
    """Start building Harper's linter for `dialect` in a background thread. Building it (Harper's
    dictionary and rules) is about a second of Rust that releases the GIL, so it overlaps what the
    caller does meanwhile (`check`: loading spaCy and segmenting); the next `HarperEngine` of that
    dialect takes it. An unknown dialect is left to `HarperEngine` to report."""
    if dialect not in DIALECTS or dialect in _pending:
        return
    future: Future = Future()

    def build() -> None:
        try:
            future.set_result(_new_linter(dialect))
        except BaseException as exc:  # re-raised by HarperEngine, in the caller's thread
            future.set_exception(exc)

    _pending[dialect] = future
    threading.Thread(target=build, name=f"harper-{dialect}", daemon=True).start()


def _linter(dialect: str):
    """A fresh linter: the one built in the background, else built now (each is used once:
    `HarperEngine` configures it and adds words)."""
    future = _pending.pop(dialect, None)
    return future.result() if future is not None else _new_linter(dialect)


class HarperEngine:
    def __init__(self, settings: dict, words: Iterable[str] = (), selection: Path = SELECTION):
        dialect = settings.get("dialect", "american")
        if dialect not in DIALECTS:
            raise GrammarConfigError(f"settings grammar.dialect: {dialect!r} is not one of "
                                     f"{', '.join(DIALECTS)}")
        self._linter = _linter(dialect)
        try:
            data = yaml.safe_load(selection.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as e:
            raise GrammarConfigError(f"{selection}: {e}") from e
        self.rule_codes = resolve_selection(self._linter.get_structured_lint_config(),
                                            self._linter.get_default_lint_config(), data,
                                            settings.get("harper_rules") or {}, str(selection))
        self._linter.set_lint_config({name: name in self.rule_codes
                                      for name in self._linter.get_default_lint_config()})
        self._linter.import_words(sorted(set(words)))
        self.name = f"harper-py {version('harper-py')}"
        self._cache: OrderedDict[tuple[str, str], list[GrammarLint]] = OrderedDict()

    def lint_blocks(self, key: str, text: str, spans: Iterable[tuple[int, int]]) -> list[GrammarLint]:
        """Lints of every block `text[start:end]` of one article (cached for the article, so the
        several rules that read Harper's lints lint it once)."""
        cache_key = (key, text)
        if cache_key in self._cache:
            self._cache.move_to_end(cache_key)
            return self._cache[cache_key]
        # One call per article, not per block: Harper's cost is mostly per call (about 4x faster
        # on the seed articles). Blocks are joined by blank lines (paragraph breaks for Harper) and
        # a lint that would cross from one block into the next is dropped.
        spans = [(s, e) for s, e in spans if e > s]
        joined, at = [], []  # at: (position in the joined text, view start, view end) per block
        pos = 0
        for start, end in spans:
            at.append((pos, start, end))
            joined.append(text[start:end])
            pos += end - start + len(_SEPARATOR)
        out = []
        firsts = [p for p, _, _ in at]
        by_rule = self._linter.organized_lints(_SEPARATOR.join(joined), language="plaintext") \
            if joined else {}
        for rule, lints in by_rule.items():
            for lint in lints:
                k = bisect_right(firsts, lint.span.start) - 1
                if k < 0:
                    continue
                pos, start, end = at[k]
                s, e = start + lint.span.start - pos, start + lint.span.end - pos
                if e > end:
                    continue  # crosses a block boundary
                suggestion = next((x.replacement_text for x in lint.suggestions
                                   if x.replacement_text), None)
                out.append(GrammarLint(s, e, rule, lint.lint_kind, lint.message, suggestion,
                                       self.rule_codes[rule]))
        out.sort(key=lambda g: (g.start, g.end))
        self._cache[cache_key] = out
        if len(self._cache) > 8:
            self._cache.popitem(last=False)
        return out
