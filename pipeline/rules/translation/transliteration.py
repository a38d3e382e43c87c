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
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")


def skeleton(romanised: str) -> str:
    """The consonant skeleton of an ASCII word (see the module's doc)."""
    s = romanised.lower().translate(_MERGE)
    s = _DROP.sub("", s)
    return _DOUBLE.sub(r"\1", "".join(c for c in s if c.isalpha()))


@lru_cache(maxsize=4096)
def source_skeletons(source: str) -> frozenset[str]:
    """Skeletons of the source's non-Latin words, alone and two by two."""
    from anyascii import anyascii

    words = [w for w in _WORD.findall(source) if not _LATIN.search(w)]
    romanised = [anyascii(w) for w in words]
    out = {skeleton(r) for r in romanised}
    out |= {skeleton(a + b) for a, b in zip(romanised, romanised[1:])}
    return frozenset(s for s in out if len(s) >= MIN_SKELETON)


def from_source(word: str, source: str) -> bool:
    """Whether `word` (Latin script) transliterates a word (or two adjacent words) of `source`."""
    from rapidfuzz.distance import Levenshtein

    target = skeleton(word)
    if len(target) < MIN_SKELETON:
        return False
    return any(Levenshtein.normalized_similarity(target, s) >= MIN_SIMILARITY
               for s in source_skeletons(source))
