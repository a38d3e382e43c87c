"""The word lists of TR060 and TR061 (pipeline/rules/data/grammar_clauses.yaml), validated at
load: a missing or unknown key, or anything but a list of lower-case words, is an error naming
the file (the reader of every rule word-list file, `word_lists.read_word_lists`)."""
from __future__ import annotations

from pipeline import packaged
from pipeline.rules.translation.word_lists import read_word_lists

PATH = packaged.rule_data("grammar_clauses.yaml")
KEYS = ("clause_openers", "group_nouns", "no_comma_after", "initial_no_comma_after")


def load() -> dict[str, frozenset[str]]:
    """Each list of the file as a frozenset."""
    return read_word_lists(PATH, KEYS, r"^[a-z]+$")
