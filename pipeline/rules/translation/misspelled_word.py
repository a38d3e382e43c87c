from __future__ import annotations

import re
from functools import lru_cache

import jsonschema
import yaml
from rapidfuzz import process
from rapidfuzz.distance import OSA

from pipeline import packaged
from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.unknown_word import _in_address
from pipeline.rules.translation.words_run_together import glued_parts

VARIANTS = packaged.rule_data("spelling_variants.yaml")
_SCHEMA = {"type": "object", "additionalProperties": False, "required": ["variants", "prefixes"],
           "properties": {"prefixes": {"type": "array", "items": {"type": "string",
                                                                  "pattern": "^[a-z]+$"}},
                          "variants": {"type": "array", "minItems": 1, "items": {
               "type": "object", "additionalProperties": False, "required": ["pattern", "to"],
               "properties": {"pattern": {"type": "string", "minLength": 1},
                              "to": {"type": "string", "pattern": "^[a-z]+$"}}}}}}
_LOWER = re.compile(r"^[a-z]+$")
_VOWELS = set("aeiouy")
# regular inflections, and derivations of a dictionary word ("interventional", "cosmetically")
_ENDINGS = ("s", "es", "ed", "d", "ing", "er", "ly",
            "al", "ally", "ic", "ical", "ist", "ism", "ness", "ment", "less", "ful")
_APOSTROPHES = ("'", "’", "´", "`")
SHORT = 7  # a word this short may differ from the word meant by a vowel only, when letters swap


class MisspelledWord(Rule):
    """A common English word misspelled: "realy", "recieve", "untill", "definately".

    What it does
    Finds a lower-case word that pyspellchecker's English dictionary does not list, that is
    not in the medical list or the knowledge base, and that is itself rare on the web
    (wordfreq Zipf below `max_zipf`, so the web has seen it, as it has every common typo), when
    a frequent dictionary word (Zipf at least `min_suggestion_zipf`, and `min_gap` above the
    word's own) is one edit away, counting a swap of two letters as one edit ("recieve" ->
    "receive"; two edits for words of eight letters or more). That word is the suggestion.
    Passing: capitalised words (names), words with digits or inner capitals, URLs and e-mail
    addresses, British spellings (a variant in pipeline/rules/data/spelling_variants.yaml
    turns them into a dictionary word: "colour", "paediatrician", "oedema"), and words no list
    knows at all, which TR003 reports (as it does English loanwords spelled the Persian way;
    when both fire, TR003's finding stays).

    Why is this bad?
    A misspelled everyday word looks careless on a page that asks for a reader's trust with
    their health, and machine translation post-editors and scraped pages leave many of them.

    Example
    The pain realy goes away untill the next day.

    Use instead
    The pain really goes away until the next day.

    Severity
    Minor: the word meant is clear (MQM Fluency/Spelling).

    References
    pyspellchecker: https://pyspellchecker.readthedocs.io/
    wordfreq (Speer, 2022): https://github.com/rspeer/wordfreq
    Oxford English Dictionary, American and British spelling: https://www.oed.com/information/understanding-entries/american-and-british-spelling/
    """

    code = "TR062"
    name = "misspelled-word"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Spelling"
    options = {"min_length": 5, "max_zipf": 3.5, "min_suggestion_zipf": 3.5, "min_gap": 1.5}

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        opts = ctx.options
        medical = None
        for seg in ctx.segments:
            for tok in seg.tokens:
                word = tok.text
                if len(word) < opts["min_length"] or not _LOWER.match(word) \
                        or word in vocab.dictionary or word in vocab.medical \
                        or word not in vocab.frequencies:
                    continue  # unknown words are TR003's
                zipf = vocab.frequency(word)
                if zipf >= opts["max_zipf"] or british_variant(vocab, word):
                    continue
                if medical is None:
                    medical = _lower(ctx.resources.medical_words)
                if word in medical or _in_address(ctx.text, tok.start, tok.end) \
                        or ctx.text[tok.end:tok.end + 2].lstrip(" ").startswith(_APOSTROPHES) \
                        or _inflected(vocab, word) or _foreign_run(vocab, seg.tokens, tok.i) \
                        or glued_parts(vocab, word):
                    continue  # a contraction split by a tokenizer ("doesn 't"), "aircrafts",
                    # a phrase of another language ("dans les"), two words glued (TR037's)
                meant = nearest_common(vocab, word, opts["min_suggestion_zipf"])
                if meant is None or vocab.frequency(meant) - zipf < opts["min_gap"]:
                    continue
                yield Match(tok.start, tok.end, f'"{word}" is misspelled: "{meant}".',
                            suggestion=meant, evidence={"word": word, "meant": meant},
                            confidence=0.8)


@lru_cache(maxsize=2)
def _lower(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


def variants() -> tuple[tuple[re.Pattern, str], ...]:
    """The (pattern, replacement) pairs of spelling_variants.yaml."""
    return _data()[0]


def prefixes() -> tuple[str, ...]:
    """The word-forming prefixes of spelling_variants.yaml."""
    return _data()[1]


@lru_cache(maxsize=1)
def _data():
    """spelling_variants.yaml, validated: its variants compiled, and its prefixes."""
    try:
        data = yaml.safe_load(VARIANTS.read_text(encoding="utf-8"))
        jsonschema.validate(data, _SCHEMA)
        return (tuple((re.compile(v["pattern"]), v["to"]) for v in data["variants"]),
                tuple(data["prefixes"]))
    except (OSError, yaml.YAMLError, re.error) as e:
        raise ValueError(f"{VARIANTS}: {e}") from e
    except jsonschema.ValidationError as e:
        raise ValueError(f"{VARIANTS}: {'/'.join(map(str, e.absolute_path))}: {e.message}") from e


def british_variant(vocab, word: str) -> bool:
    """Whether one replacement of spelling_variants.yaml turns `word` into a dictionary word."""
    for pattern, new in variants():
        for m in pattern.finditer(word):
            if word[:m.start()] + new + word[m.end():] in vocab.dictionary:
                return True
    return False


@lru_cache(maxsize=2)
def _pool(vocab, min_zipf: float) -> tuple[str, ...]:
    """Dictionary words at least `min_zipf` common: the words a misspelling may stand for."""
    return tuple(sorted(w for w in vocab.dictionary
                        if _LOWER.match(w) and vocab.frequency(w) >= min_zipf))


def nearest_common(vocab, word: str, min_zipf: float) -> str | None:
    """The most frequent word of the pool one edit from `word` (two from a word of eight letters
    or more), a swap of neighbouring letters counting as one; None when there is none."""
    limit = 1 if len(word) < 8 else 2
    found = process.extract(word, _pool(vocab, min_zipf), scorer=OSA.distance,
                            score_cutoff=limit, limit=10)
    found = [(c, d) for c, d, _ in found if c[0] == word[0] and _typo(word, c)]
    if not found:
        return None
    best = min(d for _, d in found)
    return max((c for c, d in found if d == best),
               key=lambda c: (c[-1] == word[-1], vocab.frequency(c)))


def _typo(word: str, meant: str) -> bool:
    """Whether `word` differs from `meant` the way typing does: a short word by a letter
    added, dropped or swapped, or one vowel for another ("visable"); a longer word by anything
    within the distance. "gotra" is not a typo of "gotta" (a transliteration, more likely)."""
    if len(word) >= SHORT or len(word) != len(meant):
        return True
    diff = [(a, b) for a, b in zip(word, meant) if a != b]
    if len(diff) == 2 and diff[0] == diff[1][::-1]:
        return True  # two letters swapped
    return all(a in _VOWELS and b in _VOWELS for a, b in diff)


def _inflected(vocab, word: str) -> bool:
    """A dictionary word with a regular ending or a prefix added ("aircrafts", "sinked",
    "reinjected"): a grammar slip or a word formed at will, not a misspelling."""
    stems = [word] + [word[len(p):] for p in prefixes()
                      if word.startswith(p) and len(word) - len(p) >= 5]
    return len(stems) > 1 and any(s in vocab.dictionary for s in stems[1:]) or any(
        s.endswith(e) and s[:-len(e)] in vocab.dictionary for s in stems for e in _ENDINGS)


def _foreign_run(vocab, toks, i: int) -> bool:
    """The word stands next to another lower-case word that no dictionary lists: a phrase of
    another language ("implicite dans les postulats") or a run of transliteration."""
    for k in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= k < len(toks):
            w = toks[k].text
            if _LOWER.match(w) and len(w) > 2 and w not in vocab.dictionary \
                    and w not in vocab.medical:
                return True
    return False
