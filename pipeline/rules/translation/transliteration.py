"""Whether a Latin word of a target is a transliteration of a word of its source: a name or a
term the translator kept, not a misspelling.

Both sides are reduced to a consonant skeleton: the source word romanised by `anyascii` (ISC;
Persian, Arabic, Devanagari, Sinhala and most other scripts), both lower-cased, vowels and the
letters that scripts write or drop inconsistently (y, w, h) removed, sound-alike letters merged
(v/w, q/c/k, m/n, z/s) and doubled letters collapsed. "Tehran" and تهران
both become "trn"; "Kathmandu" and काठमाडौं "ktnd"/"ktmdn" are close. A word matches when its
skeleton is at least `MIN_SKELETON` letters and is close enough (normalised Levenshtein
similarity `MIN_SIMILARITY`) to the skeleton of a source word or of two adjacent source words
(a name the source writes in two words)."""
from __future__ import annotations

import re
from functools import lru_cache

MIN_SKELETON = 3
MIN_SIMILARITY = 0.75
_DROP = re.compile(r"[aeiouyhw'`\-\s]")
_MERGE = str.maketrans({"v": "w", "q": "k", "c": "k", "x": "k", "z": "s", "j": "g", "m": "n"})
_DOUBLE = re.compile(r"(.)\1+")
# a word with its combining marks (Devanagari and Sinhala vowel signs are not \w), no punctuation
_WORD = re.compile(r"(?:\w|[\u0300-\u036f\u0900-\u0963\u0966-\u0df3\u064b-\u065f\u0670\u200c\u200d])+")
_LATIN = re.compile(r"[A-Za-z]")


def skeleton(romanised: str) -> str:
    """The consonant skeleton of an ASCII word (see the module's doc)."""
    s = romanised.lower().translate(_MERGE)
    s = _DROP.sub("", s)
    return _DOUBLE.sub(r"\1", "".join(c for c in s if c.isalpha()))


@lru_cache(maxsize=4096)
def source_skeletons(source: str) -> tuple[tuple[str, str], ...]:
    """(skeleton, source words) of the source's non-Latin words, alone and two by two."""
    from anyascii import anyascii

    words = [w for w in _WORD.findall(source) if not _LATIN.search(w)]
    romanised = [anyascii(w) for w in words]
    out = [(skeleton(r), w) for r, w in zip(romanised, words)]
    out += [(skeleton(a + b), f"{v} {w}") for a, b, v, w
            in zip(romanised, romanised[1:], words, words[1:])]
    return tuple((s, w) for s, w in out if len(s) >= MIN_SKELETON)


def source_word(word: str, source: str) -> str | None:
    """The word (or two adjacent words) of `source` that `word` (Latin script) transliterates,
    or None."""
    from rapidfuzz.distance import Levenshtein

    target = skeleton(word)
    if len(target) < MIN_SKELETON:
        return None
    return next((w for s, w in source_skeletons(source)
                 if Levenshtein.normalized_similarity(target, s) >= MIN_SIMILARITY), None)
