"""Shared resources that rules read, loaded once per run and only when a rule asks for them.

The resident `check` server (pipeline/server/) sets `kept` to a dict: the heavy resources are then
kept between its requests, each under a digest of everything of the project it was built from
(the knowledge folder's files, the termbases, the grammar settings; what ships in the package is
in the server's own key), so a request after an edit builds it again."""
from __future__ import annotations

import hashlib
import json
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

kept: dict[str, tuple[str, Any]] | None = None  # name -> (digest, resource); None: not kept


def _files_digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(str(path.resolve()).encode("utf-8", "surrogateescape") + b"\0")
        h.update(path.read_bytes() if path.is_file() else b"(missing)")
        h.update(b"\0")
    return h.hexdigest()


def _keep(name: str, digest_of: Callable[[], str], build: Callable[[], Any]) -> Any:
    """`build()`, or the one kept under the same digest (`digest_of()`) when the server keeps
    resources."""
    if kept is None:
        return build()
    digest = digest_of()
    hit = kept.get(name)
    if hit is None or hit[0] != digest:
        kept.pop(name, None)  # the old one goes before the new one is built
        hit = kept[name] = (digest, build())
    return hit[1]


class Resources:
    def __init__(self, settings: dict[str, Any]):
        self.settings = settings
        self.notes: dict[str, str] = {}
        self.grammar_engines: list[str] = []  # the grammar engines that checked text this run

    def note(self, key: str, message: str) -> None:
        """A run-level remark for the report (e.g. that grammar checking was skipped)."""
        self.notes.setdefault(key, message)

    def engine_ran(self, name: str) -> None:
        """Record that a grammar engine checked text (summary.json and index.html list them)."""
        if name not in self.grammar_engines:
            self.grammar_engines.append(name)

    @cached_property
    def knowledge_digest(self) -> str:
        """A digest of the project's knowledge folder (path and every file), for `kept`."""
        folder = Path(self.settings["knowledge"])
        files = sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
        return _files_digest([folder, *files])

    @cached_property
    def knowledge(self):
        from pipeline.knowledge import load_knowledge

        # the packaged knowledge base, with the project's own folder (if any) over it
        return _keep("knowledge", lambda: self.knowledge_digest,
                     lambda: load_knowledge(project=Path(self.settings["knowledge"])))

    @cached_property
    def facts(self):
        from pipeline import packaged
        from pipeline.knowledge.facts import load_facts

        return _keep("facts", lambda: self.knowledge_digest, lambda: load_facts(
            packaged.knowledge_dir() / "facts", self.knowledge.concepts,
            self.knowledge.icd_parent, Path(self.settings["knowledge"]) / "facts"))

    @cached_property
    def judge(self):
        """Claims checked against the knowledge base and the facts (pipeline/claims/judge.py)."""
        from pipeline.claims.judge import Judge

        return _keep("judge", lambda: self.knowledge_digest,
                     lambda: Judge(self.knowledge, self.facts))

    @cached_property
    def vocabulary(self):
        from pipeline.rules.vocabulary import Vocabulary

        return _keep("vocabulary", str, Vocabulary.load)

    @cached_property
    def syntax_model(self):
        from pipeline import syntax

        return _keep("syntax_model", str, syntax.load)

    @cached_property
    def quality_model(self):
        from pipeline.quality import model

        return _keep("quality_model", str, model.load)

    @cached_property
    def termbase(self):
        """The shipped medical fa->en termbase plus the user's (`termbases:` in params.yaml)."""
        from pipeline.rules.translation.termbase import load

        paths = self.settings.get("termbases") or []
        return _keep("termbase", lambda: _files_digest([Path(p) for p in paths]),
                     lambda: load(paths))

    @cached_property
    def languagetool(self):
        from pipeline.grammar.languagetool import client_from_settings

        return client_from_settings(self.settings["languagetool"])

    def start_harper(self, codes) -> None:
        """Start building Harper's linter in a background thread (pipeline/grammar/harper.py,
        `prebuild`) when grammar.harper is on and a rule that reads Harper's lints is among
        `codes` (the selected rules): `check` calls this before segmenting, so that the build
        overlaps spaCy's loading."""
        grammar = self.settings.get("grammar") or {}
        if not grammar.get("harper", True):
            return
        if kept is not None and kept.get("harper", ("",))[0] == self._harper_digest():
            return  # the server keeps one built for these settings
        from pipeline.grammar.harper import CODES, prebuild

        if set(CODES) & set(codes):
            prebuild(grammar.get("dialect", "american"))

    @cached_property
    def harper(self):
        """The offline grammar engine, or None when `grammar.harper` is off. It knows the medical
        vocabulary and the knowledge base's names, so they are not taken for errors."""
        grammar = self.settings.get("grammar") or {}
        if not grammar.get("harper", True):
            return None
        from pipeline.grammar.harper import HarperEngine

        return _keep("harper", self._harper_digest, lambda: HarperEngine(grammar, self.medical_words))

    def _harper_digest(self) -> str:
        grammar = json.dumps(self.settings.get("grammar") or {}, sort_keys=True, default=str)
        return hashlib.sha256(f"{grammar}\0{self.knowledge_digest}".encode()).hexdigest()

    @cached_property
    def medical_words(self) -> frozenset[str]:
        """The medical list's words and every word of the knowledge base's names, synonyms and
        abbreviations (what Harper is told, and what TR062 never takes for a misspelling)."""
        from pipeline import derived_cache
        from pipeline.grammar import harper
        from pipeline.rules import vocabulary

        return _keep("medical_words", lambda: self.knowledge_digest, lambda: derived_cache.from_knowledge(
            "harperwords", lambda: harper.known_words(self.vocabulary, self.knowledge), frozenset,
            self.knowledge, files=[Path(harper.__file__), vocabulary.MEDICAL_LIST]))
