from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# One to three lower-case words before a word for a website or channel, after a word that
# introduces a place ("on ... site", "visit ... app").
_NAMED_SITE = re.compile(
    r"\b(?:on|at|from|in|visit|visiting|of)\s+(?P<name>[a-z]{2,15}(?:\s+[a-z]{2,15}){0,2})\s+"
    r"(?:site|website|web\s?site|app|application|channel|forum|page)\b")
_NOT_A_NAME = {"the", "this", "that", "these", "those", "a", "an", "our", "your", "their", "his",
               "her", "its", "my", "any", "every", "each", "some", "other", "same", "official",
               "web", "social", "news", "mobile", "whole", "entire", "online"}
MAX_COMMON_ZIPF = 4.0  # a short word rarer than this is not ordinary English in a running text


class TransliteratedName(Rule):
    """A Persian name transliterated into lower-case Latin letters as if it were English words.

    What it does
    Finds a name of a website, app or channel written in lower case before "site", "website",
    "app" and the like, when the name is not English: it contains a non-word, repeats a syllable
    ("ba ba"), or is made of short, rare syllables.

    Why is this bad?
    The translation spelled out the source's name letter by letter and split it into pseudo-words;
    the English reader sees words that do not exist, in lower case, and cannot find the site.

    Example
    Read what other parents say on ba ba site before you decide.

    Use instead
    Read what other parents say on the Babasite forum (babasite.example) before you decide.

    Severity
    Minor: a name, not medical content, is untranslated (MQM Accuracy/Untranslated).

    References
    MQM core typology, Accuracy/Untranslated: https://themqm.org/error-types-2/typology/
    """

    code = "TR004"
    name = "transliterated-name"
    category = "translation"
    severity = "minor"
    mqm_type = "Accuracy/Untranslated"

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        for m in _NAMED_SITE.finditer(ctx.text):
            words = m.group("name").split()
            if any(w in _NOT_A_NAME for w in words):
                continue
            unknown = any(not vocab.known(w) for w in words)
            repeated = len(set(words)) < len(words)
            syllables = all(len(w) <= 3 and vocab.frequency(w) < MAX_COMMON_ZIPF for w in words)
            if not (unknown or repeated or syllables):
                continue
            yield Match(m.start("name"), m.end(), f'"{m.group("name")}" looks like a Persian name '
                        "transliterated letter by letter; write the site's own name or domain.",
                        evidence={"name": m.group("name")}, confidence=0.75)
