"""English word frequencies: wordfreq's "large" English list (Speer, 2022), shipped in the package
(pipeline/data/wordfreq/, CC BY-SA 4.0, written by scripts/vendor_wordfreq.py) and read without the
wordfreq package, which would bring about 40 other languages' lists (58 MB) to the install.

`english()` is wordfreq's `get_frequency_dict("en")` (the same words and float values);
`zipf_frequency(word)` is wordfreq's `zipf_frequency(word, "en")` for a word that its tokenizer
keeps whole (letters only, as the rules pass it); tests/test_frequencies.py checks both against
wordfreq."""
from __future__ import annotations

import gzip
import math
from functools import cache, lru_cache

from pipeline import packaged

LIST = ("data", "wordfreq", "large_en.txt.gz")
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


@lru_cache(maxsize=65536)
def zipf_frequency(word: str) -> float:
    """log10 of the word's frequency per billion words, rounded as wordfreq rounds it (0 when
    unseen). For words of letters only: wordfreq would also split and recombine other strings."""
    freq = max(english().get(word.casefold(), 0.0), _MINIMUM)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)
