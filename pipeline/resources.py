"""Shared resources that rules read, loaded once per run and only when a rule asks for them."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any


class Resources:
    def __init__(self, settings: dict[str, Any]):
        self.settings = settings
        self.notes: dict[str, str] = {}

    def note(self, key: str, message: str) -> None:
        """A run-level remark for the report (e.g. that grammar checking was skipped)."""
        self.notes.setdefault(key, message)

    @cached_property
    def knowledge(self):
        from pipeline.knowledge import load_knowledge

        return load_knowledge(Path(self.settings["knowledge"]))

    @cached_property
    def facts(self):
        from pipeline.knowledge.facts import load_facts

        return load_facts(Path(self.settings["knowledge"]) / "facts", self.knowledge.concepts)

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
    def languagetool(self):
        from pipeline.languagetool import client_from_settings

        return client_from_settings(self.settings["languagetool"])
