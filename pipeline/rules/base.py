"""Rule protocol, registry and selection.

A rule is a class with a stable `code` (TR/FA/SA/CO + three digits), a kebab-case `name` that
describes the problem, a `category`, a default `severity`, an MQM `mqm_type`, and a docstring whose
first line is the summary and the rest its documentation, in fixed sections:
What it does / Why is this bad? / Example / Use instead / Severity / References.

Rules are found through the `clinic_audit.rules` entry-point group: each entry point names a module
with a `RULES` list of rule classes. Built-in rules use the same path as plugins.

A rule's `check(ctx)` yields `Match`es in view offsets; `scope = "article"` rules see one article at
a time (so articles can be processed in parallel), `scope = "corpus"` rules see the whole release
and yield `(article_id, Match)` pairs. `scope = "scored"` rules are article rules that read each
segment's quality estimate (`Segment.quality`, `Segment.features`): they run after every other
rule, once the segments are scored, and not at all when detection runs unscored (training the
quality model, whose input the other rules' findings are).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import entry_points
from typing import Any, ClassVar, Iterable

from pipeline.model import CATEGORIES, SEVERITIES, Article, Segment

ENTRY_POINT_GROUP = "clinic_audit.rules"
CODE_PREFIX = {"translation": "TR", "fact": "FA", "safety": "SA", "content": "CO"}
DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Severity", "References")
_CODE = re.compile(r"^[A-Z]{2}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleError(Exception):
    """A rule is badly defined or badly configured."""


@dataclass
class Match:
    """One problem a rule found, in view offsets."""

    start: int
    end: int
    message: str
    suggestion: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: float = 1.0
    severity: str | None = None  # overrides the rule's default for this match


@dataclass
class ArticleContext:
    """What an article-scope rule sees."""

    article: Article
    options: dict[str, Any]
    resources: Any = None  # shared, lazily loaded resources (vocabularies, knowledge base)

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def segments(self) -> list[Segment]:
        return self.article.segments

    @property
    def blocks(self):
        return self.article.blocks


@dataclass
class CorpusContext:
    """What a corpus-scope rule sees: every article of the release."""

    articles: list[Article]
    options: dict[str, Any]
    resources: Any = None


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[str]
    mqm_type: ClassVar[str]
    scope: ClassVar[str] = "article"
    options: ClassVar[dict[str, Any]] = {}

    def check(self, ctx) -> Iterable[Match]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def summary(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""

    @classmethod
    def documentation(cls) -> str:
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def validate_definition(cls) -> None:
        where = f"rule {getattr(cls, 'code', cls.__name__)} ({cls.__module__})"
        for attr in ("code", "name", "category", "severity", "mqm_type"):
            if not getattr(cls, attr, None):
                raise RuleError(f"{where}: missing `{attr}`")
        if not _CODE.match(cls.code) or not cls.code.startswith(CODE_PREFIX.get(cls.category, "?")):
            raise RuleError(f"{where}: code must be {CODE_PREFIX.get(cls.category, '??')} + 3 digits")
        if not _NAME.match(cls.name):
            raise RuleError(f"{where}: name {cls.name!r} must be kebab-case")
        if cls.category not in CATEGORIES or cls.severity not in SEVERITIES:
            raise RuleError(f"{where}: bad category or severity")
        if cls.scope not in ("article", "corpus", "scored"):
            raise RuleError(f"{where}: scope must be 'article', 'corpus' or 'scored'")
        doc = cls.documentation()
        missing = [s for s in DOC_SECTIONS if f"{s}\n" not in doc + "\n"]
        if missing:
            raise RuleError(f"{where}: documentation lacks section(s) {', '.join(missing)}")


@lru_cache(maxsize=1)
def registry() -> dict[str, type[Rule]]:
    """All rules from every module named in the entry-point group, by code."""
    rules: dict[str, type[Rule]] = {}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        obj = ep.load()
        classes = getattr(obj, "RULES", None) if not isinstance(obj, type) else [obj]
        if classes is None:
            raise RuleError(f"entry point {ep.name} ({ep.value}) has no RULES list")
        for cls in classes:
            cls.validate_definition()
            if cls.code in rules and rules[cls.code] is not cls:
                raise RuleError(f"rule code {cls.code} is defined twice "
                                f"({rules[cls.code].__module__} and {cls.__module__})")
            rules[cls.code] = cls
    return dict(sorted(rules.items()))


def _specificity(selector: str, code: str) -> int:
    if selector == "ALL":
        return 0
    return len(selector) if code.startswith(selector) else -1


def select(codes: Iterable[str], select_: list[str], ignore: list[str]) -> list[str]:
    """Codes enabled by `select`/`ignore` selectors (a code, a prefix, or ALL); the most specific
    selector wins, and `ignore` wins a tie."""
    out = []
    for code in codes:
        best_sel = max((_specificity(s, code) for s in select_), default=-1)
        best_ign = max((_specificity(s, code) for s in ignore), default=-1)
        if best_sel >= 0 and best_sel > best_ign:
            out.append(code)
    return out


def check_selectors(selectors: Iterable[str], known: Iterable[str], where: str) -> None:
    from pipeline.suggest import did_you_mean

    known = list(known)
    for s in selectors:
        if s != "ALL" and not any(c.startswith(s) for c in known):
            raise RuleError(f"{where}: selector {s!r} matches no rule{did_you_mean(s, known)} "
                            f"(`clinic-audit rules` lists them)")


def instantiate(cls: type[Rule], options: dict[str, Any] | None) -> tuple[Rule, dict[str, Any]]:
    """The rule and its options (declared defaults overridden by config; unknown keys rejected)."""
    options = dict(options or {})
    unknown = set(options) - set(cls.options)
    if unknown:
        raise RuleError(f"rule {cls.code}: unknown option(s) {', '.join(sorted(unknown))}; "
                        f"it takes {', '.join(sorted(cls.options)) or 'none'}")
    return cls(), {**cls.options, **options}
