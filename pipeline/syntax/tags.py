"""Plain-English names of spaCy's fine (Penn Treebank) tags, and what an improbable tag sequence
most likely means, for the messages of TR020."""
from __future__ import annotations

from typing import Sequence

NAMES = {
    "CC": "conjunction", "CD": "number", "DT": "determiner", "EX": '"there"',
    "FW": "foreign word", "IN": "preposition", "JJ": "adjective", "JJR": "comparative",
    "JJS": "superlative", "LS": "list marker", "MD": "modal verb", "NN": "noun",
    "NNS": "plural noun", "NNP": "name", "NNPS": "plural name", "PDT": "predeterminer",
    "POS": "possessive 's", "PRP": "pronoun", "PRP$": "possessive pronoun", "RB": "adverb",
    "RBR": "comparative adverb", "RBS": "superlative adverb", "RP": "particle", "TO": '"to"',
    "UH": "interjection", "VB": "verb", "VBD": "past-tense verb", "VBG": "-ing verb",
    "VBN": "past participle", "VBP": "present-tense verb", "VBZ": "present-tense verb",
    "WDT": "wh-determiner", "WP": "wh-pronoun", "WP$": "wh-possessive", "WRB": "wh-adverb",
    ".": "full stop", ",": "comma", ":": "colon", "HYPH": "hyphen", "-LRB-": "bracket",
    "-RRB-": "bracket", "``": "quote", "''": "quote", "$": "currency sign", "SYM": "symbol",
    "NFP": "punctuation", "ADD": "address", "AFX": "prefix", "XX": "unknown word",
}
_NOUN = {"NN", "NNS", "NNP", "NNPS"}
_VERB = {"VB", "VBD", "VBP", "VBZ", "MD"}
_END = {".", ":", "</s>"}


def name(tag: str) -> str:
    return NAMES.get(tag, tag)


def explain(tags: Sequence[str], following: str = "</s>") -> str:
    """The likeliest reading of an improbable tag sequence, in words an editor knows."""
    pairs = list(zip(tags, list(tags[1:]) + [following]))
    if tags and tags[-1] in _VERB and following in _END and any(t in _NOUN for t in tags[:-1]):
        return "the verb comes last, after its object or adverbials, as in Persian"
    for (a, b), (_, c) in zip(pairs, pairs[1:] + [(following, "</s>")]):
        if a in _NOUN and b == "JJ" and c not in _NOUN | {"JJ", "CC", ","}:
            return "an adjective follows its noun; English puts it before the noun"
        if a in _NOUN and b == "CD":
            return "a number follows the noun it counts or dates; English puts it first"
        if a in _NOUN and b in {"DT", "PRP$"}:
            return "a new noun phrase starts right after a noun, with no verb or preposition " \
                   "between them (a verb or preposition may be misplaced)"
    return "these kinds of words rarely follow each other in this order in English"
