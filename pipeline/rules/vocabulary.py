"""The English and medical vocabulary that rules and the quality features consult.

Three sources, all offline and shipped in the package (pipeline/wordlists.py): wordfreq's "large"
English list (frequencies from web, subtitle, book and Wikipedia text), pyspellchecker's English
dictionary, and the project's medical list
(pipeline/rules/data/vocabulary_medical.txt, drug, anatomy and condition names the general lists
lack). Loaded once per run through `ctx.resources.vocabulary`; lookups are set membership and
cached, so rules may ask about every token."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from pipeline import packaged
from pipeline.wordlists import zipf

MEDICAL_LIST = packaged.rule_data("vocabulary_medical.txt")
SUGGESTION_MIN_ZIPF = 2.5  # general English words offered as a correction must be this common
_WORD = re.compile(r"^[A-Za-z]+(?:'[A-Za-z]+)?$")


def read_word_list(path: Path) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return words


# endings of the names of procedures and of inflammations and conditions ("sclerotherapy",
# "rhinoplasty", "tonsillectomy", "keratitis"): such words are offered as corrections however
# rare they are in general English
TERM_SUFFIXES = ("therapy", "plasty", "ectomy", "otomy", "ostomy", "scopy", "graphy", "itis",
                 "osis")


def _medical_terms(words) -> set[str]:
    """The words of seven letters or more with an ending of `TERM_SUFFIXES`."""
    return {w for w in words if len(w) >= 7 and w.isalpha() and w.islower()
            and w.endswith(TERM_SUFFIXES)}


@dataclass
class Vocabulary:
    frequencies: dict[str, float]  # word -> frequency per word (wordfreq "large", en)
    dictionary: frozenset[str]  # pyspellchecker's English words
    medical: frozenset[str]
    suggestion_pool: tuple[str, ...]  # medical words and terms + common English words, for corrections

    @classmethod
    def load(cls, medical_list: Path = MEDICAL_LIST) -> "Vocabulary":
        """The vocabulary, unpickled from the user's cache when this module, the medical list and
        the shipped word lists are those it was built from (pipeline/derived_cache.py), else built
        (about a second) and cached."""
        from pipeline.derived_cache import cached
        from pipeline.wordlists import files as word_list_files

        return cached("vocabulary", lambda: cls.build(medical_list), cls,
                      files=[Path(__file__), medical_list, *word_list_files()], packages=[])

    @classmethod
    def build(cls, medical_list: Path = MEDICAL_LIST) -> "Vocabulary":
        from pipeline.wordlists import dictionary as english_dictionary
        from pipeline.wordlists import english

        frequencies = english()
        min_frequency = 10 ** (SUGGESTION_MIN_ZIPF - 9)
        medical = frozenset(read_word_list(medical_list))
        dictionary = english_dictionary()
        pool = sorted(medical | {w for w, f in frequencies.items()
                                 if f >= min_frequency and _WORD.match(w)}
                      | _medical_terms(dictionary | frequencies.keys()))
        return cls(frequencies, dictionary, medical, tuple(pool))

    def __hash__(self) -> int:  # one instance per run: identity is enough for the caches
        return id(self)

    def known(self, word: str) -> bool:
        """Whether `word` (any case; possessive 's and hyphenated parts handled) is a word of
        English or of the medical list."""
        return self._known(word.lower())

    @lru_cache(maxsize=65536)
    def _known(self, w: str) -> bool:
        if w.endswith("'s") or w.endswith("’s"):
            w = w[:-2]
        if "-" in w:
            return all(self._known(p) for p in w.split("-") if p)
        return w in self.medical or w in self.dictionary or w in self.frequencies

    @cached_property
    def repair(self):
        """Glued-word splitting and back-transliteration (pipeline/rules/word_repair.py), built
        the first time a rule asks."""
        from pipeline.rules.word_repair import WordRepair

        return WordRepair(self)

    def frequency(self, word: str) -> float:
        """Zipf frequency: log10 of the frequency per billion words, unrounded (what the quality
        model's features were trained on; `zipf` is wordfreq's rounded value, for thresholds
        taken from wordfreq)."""
        f = self.frequencies.get(word.lower())
        return round(math.log10(f) + 9, 2) if f else 0.0

    def zipf(self, word: str) -> float:
        """wordfreq's `zipf_frequency(word, "en")` for a word of ASCII letters, from the loaded
        frequencies (pipeline/wordlists.py `zipf`), so a warm run need not read the word list."""
        if not (word.isascii() and word.isalpha()):
            raise ValueError(f"Vocabulary.zipf takes a word of ASCII letters, not {word!r}")
        return zipf(self.frequencies.get(word.lower(), 0.0))

    def suggest(self, word: str) -> str | None:
        """The closest medical or common English word, when it is close enough to be the word
        that was meant (one edit for short words, two for words of eight letters or more)."""
        return self._suggest(word.lower())

    @lru_cache(maxsize=8192)
    def _suggest(self, w: str) -> str | None:
        limit = 1 if len(w) < 8 else 2
        found = process.extract(w, self.suggestion_pool, scorer=Levenshtein.distance,
                                score_cutoff=limit, limit=20)
        if not found:
            return None
        best = min(d for _, d, _ in found)
        ties = [c for c, d, _ in found if d == best]
        # Prefer medical words, then the more frequent English word.
        return max(ties, key=lambda c: (c in self.medical, self.frequency(c)))
