"""Shared resources that rules read, loaded once per run and only when a rule asks for them."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any


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
    def knowledge(self):
        from pipeline.knowledge import load_knowledge

        # the packaged knowledge base, with the project's own folder (if any) over it
        return load_knowledge(project=Path(self.settings["knowledge"]))

    @cached_property
    def facts(self):
        from pipeline import packaged
        from pipeline.knowledge.facts import load_facts

        return load_facts(packaged.knowledge_dir() / "facts", self.knowledge.concepts,
                          self.knowledge.icd_parent, Path(self.settings["knowledge"]) / "facts")

    @cached_property
    def judge(self):
        """Claims checked against the knowledge base and the facts (pipeline/claims/judge.py)."""
        from pipeline.claims.judge import Judge

        return Judge(self.knowledge, self.facts)

    @cached_property
    def vocabulary(self):
        from pipeline.rules.vocabulary import Vocabulary

        return Vocabulary.load()

    @cached_property
    def syntax_model(self):
        from pipeline import syntax

        return syntax.load()

    @cached_property
    def quality_model(self):
        from pipeline.quality import model

        return model.load()

    @cached_property
    def termbase(self):
        """The shipped medical fa->en termbase plus the user's (`termbases:` in params.yaml)."""
        from pipeline.rules.translation.termbase import load

        return load(self.settings.get("termbases") or [])

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

        return HarperEngine(grammar, self.medical_words)

    @cached_property
    def medical_words(self) -> frozenset[str]:
        """The medical list's words and every word of the knowledge base's names, synonyms and
        abbreviations (what Harper is told, and what TR062 never takes for a misspelling)."""
        from pipeline import derived_cache
        from pipeline.grammar import harper
        from pipeline.rules import vocabulary

        return derived_cache.from_knowledge(
            "harperwords", lambda: harper.known_words(self.vocabulary, self.knowledge), frozenset,
            self.knowledge, files=[Path(harper.__file__), vocabulary.MEDICAL_LIST])
