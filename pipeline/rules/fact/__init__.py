"""Fact rules (FA): medical statements checked against the knowledge base."""

RULES: list = []
