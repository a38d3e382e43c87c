"""The English word lists the vocabulary rules read, shipped in the package and read without the
packages they come from (which would bring other languages' lists to the install: wordfreq 58 MB,
pyspellchecker 7 MB):

- wordfreq's "large" English list (Speer, 2022; pipeline/data/wordfreq/, CC BY-SA 4.0, written by
  scripts/vendor_wordfreq.py). `english()` is wordfreq's `get_frequency_dict("en")` (the same words and float values);
  `zipf(frequency)` puts a frequency on the Zipf scale as wordfreq's `zipf_frequency` does
  (`Vocabulary.zipf` applies it to a word of letters).
- pyspellchecker's English dictionary (pipeline/data/spellchecker/, MIT, scripts/vendor_spellchecker.py):
  `dictionary()` is the word set of its `SpellChecker(language="en")`.
- what English writes in lower case or with a capital (pipeline/data/casing/, scripts/vendor_casing.py):
  `lowercase_words()` and `proper_words()` from Harper's dictionary (Apache-2.0),
  `capitalised_words()` from MLQE-PE's post-edits (CC0).

tests/test_wordlists.py checks each against the package it comes from."""
from __future__ import annotations

import gzip
import math
from functools import cache

from pipeline import packaged

LIST = ("data", "wordfreq", "large_en.txt.gz")
DICTIONARY = ("data", "spellchecker", "en_words.txt.gz")
LOWERCASE = ("data", "casing", "lowercase_words.txt.gz")
CAPITALISED = ("data", "casing", "capitalised_words.txt.gz")
PROPER = ("data", "casing", "proper_words.txt.gz")
_MINIMUM = 1e-9  # wordfreq's zipf_to_freq(0): a word it has not seen


@cache
def english() -> dict[str, float]:
    """word -> frequency (a proportion), read once per process."""
    path = packaged.path(*LIST)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        header = f.readline()
        if not header.startswith("# wordfreq "):
            raise RuntimeError(f"{path}: not a word list written by scripts/vendor_wordfreq.py")
        freqs: dict[str, float] = {}
        for index, line in enumerate(f):
            if line.strip():
                freq = 10 ** (-index / 100)  # wordfreq's cB_to_freq
                for word in line.split():
                    freqs[word] = freq
    return freqs


def files() -> list:
    """The shipped word-list files (what a cache built from them depends on)."""
    return [packaged.path(*LIST), packaged.path(*DICTIONARY), packaged.path(*LOWERCASE),
            packaged.path(*CAPITALISED), packaged.path(*PROPER)]


def zipf(freq: float) -> float:
    """A frequency (a proportion) on the Zipf scale: log10 of the word's frequency per billion
    words, rounded as wordfreq rounds it (0 when unseen)."""
    freq = max(freq, _MINIMUM)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)



@cache
def dictionary() -> frozenset[str]:
    """pyspellchecker's English words (lower case), read once per process."""
    with gzip.open(packaged.path(*DICTIONARY), "rt", encoding="utf-8") as f:
        return frozenset(line.rstrip("\n") for line in f if line.strip())


@cache
def lowercase_words() -> frozenset[str]:
    """Common words (wordfreq Zipf >= 2.5) that Harper's dictionary accepts in lower case: not
    names ("Iran", "Monday", "Botox"), read once per process."""
    return _read(LOWERCASE)


@cache
def capitalised_words() -> frozenset[str]:
    """Words (lower case) human English writes capitalised in mid-sentence more often than not
    ("french", "china", "senate"), read once per process."""
    return _read(CAPITALISED)


@cache
def proper_words() -> frozenset[str]:
    """Names (lower case) that English always capitalises, by Harper's dictionary ("iran",
    "monday", "botox"), read once per process."""
    return _read(PROPER)


def _read(parts) -> frozenset[str]:
    with gzip.open(packaged.path(*parts), "rt", encoding="utf-8") as f:
        return frozenset(line.rstrip("\n") for line in f if line.strip())
