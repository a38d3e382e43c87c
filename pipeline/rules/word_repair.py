"""Repairs for words the vocabulary does not know: words run together ("kneepain" -> "knee pain")
and English loanwords spelled the Persian way ("esteroid" -> "steroid", "fizioterapi" ->
"physiotherapy").

Back-transliteration reads its sound-change rules from pipeline/rules/data/back_transliteration.yaml
(validated when loaded: each rule's own example must come out as stated). Every word of the
vocabulary and the unknown word are reduced to a spelling key by the same rules; the vocabulary
words that share a key with the unknown word (or with one of its variants, which undo Persian
additions such as the vowel before "st-") are the candidates, ranked by edit distance on the key
without the vowel collapse. The index is built once per run, the first time a word needs it."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import combinations
from pathlib import Path

import jsonschema
import yaml
from rapidfuzz.distance import Levenshtein

from pipeline import packaged
from pipeline.rules.base import RuleError

RULES_FILE = packaged.rule_data("back_transliteration.yaml")
# medical words a respelling may land on even when the general dictionary lacks them
MEDICAL_SUFFIXES = ("itis", "osis", "ology", "ologist", "graphy", "scopy", "therapy", "ectomy",
                    "otomy", "plasty", "emia", "aemia", "algia", "pathy", "cyte", "oma", "iatrist",
                    "iatry", "ysis", "ism")
FUNCTION_WORDS = frozenset("""in on at of to is as by or an it be we us do no so up my he me if
    the and for are was not but you all can has had our its who may""".split())
MIN_TARGET_ZIPF = 2.0     # a respelling must be a word at least this common (or medical)
SPLIT_PART_ZIPF = 3.0     # each part of a split must be this common (or medical, or a function word)
NAME_SPLIT_ZIPF = 3.5     # the common word glued after a name must be this common
SHORT_NAME_SPLIT_ZIPF = 4.5  # ...and a four-letter one ("city", "road") this common
NAME_MAX_ZIPF = 4.0       # ...and the name rarer than this (a common word there makes a compound)
# combining forms that make legitimate closed compounds ("Psychoneurological", "Megavirus")
COMBINING_FORMS = frozenset("""anti auto bio cardio counter cyber electro extra gastro hydro hyper
    hypo inter intra macro mega meta micro mini multi neuro non over para photo poly post pre pro
    psycho pseudo radio semi sub super tele thermo trans ultra under""".split())
NEGATION = re.compile(r"^(?:un|in|im|ir|il|non)(?P<rest>[a-z]{5,})$")
_RULE_SCHEMA = {
    "type": "object",
    "required": ["id", "pattern", "replace", "note", "example"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "pattern": {"type": "string", "minLength": 1},
        "replace": {"type": "string"},
        "note": {"type": "string", "minLength": 10},
        "example": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2},
        "lookup_only": {"type": "boolean"},
    },
}


@dataclass(frozen=True)
class SoundRule:
    id: str
    pattern: re.Pattern
    replace: str
    lookup_only: bool = False

    def apply(self, word: str) -> str:
        return self.pattern.sub(self.replace, word)


@lru_cache(maxsize=2)
def load_rules(path: str | Path = RULES_FILE) -> tuple[tuple[SoundRule, ...], tuple[SoundRule, ...]]:
    """(normalize rules, variant rules) from a back-transliteration file; a bad rule raises
    RuleError naming the file and the rule."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"{path}: cannot read the sound-change rules: {e}") from e
    if not isinstance(data, dict) or not all(isinstance(data.get(k), list)
                                             for k in ("normalize", "variants")):
        raise RuleError(f"{path}: must be a mapping with `normalize` and `variants` lists")
    validator = jsonschema.Draft202012Validator(_RULE_SCHEMA)
    out, seen = [], set()
    for section in ("normalize", "variants"):
        rules = []
        for n, raw in enumerate(data[section], 1):
            label = raw.get("id", "no id") if isinstance(raw, dict) else repr(raw)
            where = f"{path}: {section} rule {n} ({label})"
            error = jsonschema.exceptions.best_match(validator.iter_errors(raw))
            if error is not None:
                raise RuleError(f"{where}: {error.message}")
            if raw["id"] in seen:
                raise RuleError(f"{where}: duplicate id")
            seen.add(raw["id"])
            try:
                rule = SoundRule(raw["id"], re.compile(raw["pattern"], re.MULTILINE), raw["replace"],
                                 raw.get("lookup_only", False))
                got = rule.apply(raw["example"][0])
            except (re.error, IndexError) as e:
                raise RuleError(f"{where}: bad pattern or replacement: {e}") from None
            if got != raw["example"][1]:
                raise RuleError(f"{where}: example {raw['example'][0]!r} gives {got!r}, "
                                f"not {raw['example'][1]!r}")
            rules.append(rule)
        out.append(tuple(rules))
    return out[0], out[1]


def fold(word: str) -> str:
    """Lower case without accents ("Ostéoporose" -> "osteoporose")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class WordRepair:
    """Splits glued words and respells transliterated ones against a Vocabulary."""

    def __init__(self, vocab, rules_file: Path = RULES_FILE):
        self.vocab = vocab
        self.normalize, self.variants = load_rules(rules_file)

    def _key(self, word: str, lookup: bool) -> str:
        return self._keys([word], lookup)[0]

    def _keys(self, words: list[str], lookup: bool) -> list[str]:
        """Spelling keys of many words at once: the rules run over the words joined by line
        breaks (their patterns are compiled MULTILINE), one pass per rule."""
        text = "\n".join(words)
        for rule in self.normalize:
            if lookup or not rule.lookup_only:
                text = rule.apply(text)
        return text.split("\n")

    def _target(self, w: str) -> bool:
        """Whether `w` is a word a respelling may suggest."""
        if w in self.vocab.medical:
            return True
        z = self.vocab.frequency(w)
        return z >= MIN_TARGET_ZIPF and (w in self.vocab.dictionary or w.endswith(MEDICAL_SUFFIXES))

    @cached_property
    def _index(self) -> dict[str, tuple[str, ...]]:
        vocab = self.vocab  # the pool holds medical words and words of Zipf 2.5 or more
        words = {w for w in vocab.suggestion_pool if len(w) >= 4 and w.isalpha() and (
            w in vocab.dictionary or w in vocab.medical or w.endswith(MEDICAL_SUFFIXES))}
        # medical-looking words rarer than the suggestion pool
        words.update(w for w in vocab.frequencies
                     if w.endswith(MEDICAL_SUFFIXES) and len(w) >= 6 and w.isalpha()
                     and self._target(w))
        words = sorted(words)
        index: dict[str, list[str]] = {}
        for w, key in zip(words, self._keys(words, True)):
            index.setdefault(key, []).append(w)
        return {k: tuple(v) for k, v in index.items()}

    def spellings(self, word: str) -> list[str]:
        """The word and its variants (every combination of the variant rules that applies)."""
        base = fold(word)
        out = [base]
        applicable = [r for r in self.variants if r.pattern.search(base)]
        for k in range(1, len(applicable) + 1):
            for combo in combinations(applicable, k):
                w = base
                for rule in combo:
                    w = rule.apply(w)
                if w not in out:
                    out.append(w)
        return out

    @lru_cache(maxsize=8192)
    def respell(self, word: str) -> tuple[str, int] | None:
        """The English word `word` most likely transliterates, with its distance (edits on the
        spelling keys), or None."""
        best = None
        folded = fold(word)
        for spelling in self.spellings(word):
            lite = self._key(spelling, False)
            for cand in self._index.get(self._key(spelling, True), ()):
                if cand == folded:
                    continue
                d = Levenshtein.distance(lite, self._key(cand, False))
                rank = (d, cand not in self.vocab.medical, -self.vocab.frequency(cand))
                if best is None or rank < best[0]:
                    best = (rank, cand)
        if best is None:
            return None
        (d, _, _), cand = best
        if d > (1 if len(folded) < 8 else 2):
            return None
        if d and cand not in self.vocab.medical and self.vocab.frequency(cand) < 3.0:
            return None  # an inexact match must land on a common or a medical word
        return cand, d

    @lru_cache(maxsize=4096)
    def negation(self, word: str) -> str | None:
        """The English negative of a word built with the wrong prefix ("unstandard" ->
        "non-standard"): Persian negates with "gheyr-e" / "na-", which translation renders "un-"
        or "in-" on any adjective."""
        m = NEGATION.match(fold(word))
        if not m:
            return None
        rest = m.group("rest")
        if rest in self.vocab.dictionary and self.vocab.frequency(rest) >= 3.0:
            return "non-" + rest
        return None

    def part_score(self, part: str) -> float:
        """How safely `part` stands as a word of its own: its Zipf frequency, high for function
        words and medical words, lowered for short words (three-letter strings are everywhere)."""
        if part in FUNCTION_WORDS:
            return 7.0
        if len(part) < 3:
            return 0.0
        if part in self.vocab.medical:
            return 5.0
        z = self.vocab.frequency(part) if part in self.vocab.dictionary else 0.0
        return z - 1.0 if len(part) == 3 else z

    @lru_cache(maxsize=8192)
    def split(self, word: str, min_zipf: float = SPLIT_PART_ZIPF) -> tuple[str, str] | None:
        """Two words that `word` is made of ("kneepain" -> ("knee", "pain")), each at least
        `min_zipf` common (or medical, or a function word), the most common pair first."""
        w = word.lower()
        best = None
        for i in range(2, len(w) - 1):
            a, b = w[:i], w[i:]
            score = min(self.part_score(a), self.part_score(b))
            if score >= min_zipf and (best is None or score > best[0]):
                best = (score, word[:i], word[i:])
        return (best[1], best[2]) if best else None

    @lru_cache(maxsize=4096)
    def split_name(self, word: str) -> tuple[str, str] | None:
        """A capitalised name glued to a common lower-case word ("Tehranclinic" -> ("Tehran",
        "clinic"), "Isfahancity"): the name a dictionary word of four letters or more, rarer than a
        common word and not a combining form, the second part a common dictionary word of four
        letters or more."""
        best = None
        for i in range(4, len(word) - 3):
            a, b = word[:i], word[i:]
            name = a.lower()
            if not b.islower() or b not in self.vocab.dictionary or name in COMBINING_FORMS \
                    or name not in self.vocab.dictionary:
                continue
            zb = self.vocab.frequency(b)
            if len(b) == 4 and zb < SHORT_NAME_SPLIT_ZIPF:
                continue  # "Kuragala", "Balaguru": a name's own ending, not "city" or "road"
            if zb >= NAME_SPLIT_ZIPF and MIN_TARGET_ZIPF <= self.vocab.frequency(name) < NAME_MAX_ZIPF \
                    and (best is None or zb > best[0]):
                best = (zb, a, b)
        return (best[1], best[2]) if best else None
