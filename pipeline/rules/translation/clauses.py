"""Clause helpers over spaCy tokens (tags and lemmas; the pipeline runs no dependency parser):
which words can be verbs, which verbs are finite, where clauses start, and the noun phrases of
a stretch of tokens.

The verb lexicon is the English model's own lemmatizer data (WordNet-derived `lemma_index` and
`lemma_exc` tables shipped in en_core_web_sm), so nothing is downloaded; it answers "can this
word be a verb?" when the tagger, misled by garbled order, tagged a clause-final verb as a noun
("The dentist the damaged tooth first removes/NNS")."""
from __future__ import annotations

from functools import lru_cache

FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD", "MD"})
NOMINAL_TAGS = frozenset({"DT", "PDT", "PRP$", "PRP", "CD", "JJ", "JJR", "JJS", "NN", "NNS",
                          "NNP", "NNPS", "POS", "HYPH", "VBN", "VBG"})
NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD"})
DETERMINER_TAGS = frozenset({"DT", "PDT", "PRP$", "PRP"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "[", "]", "\u2013", "\u2014", '"',
                           "\u201c", "\u201d", "/"})
# Prepositions that end in a noun ("on board the plane").
_COMPLEX_PREPOSITIONS = {("on", "board"), ("in", "front"), ("on", "top"), ("in", "place")}
_VERB_SUFFIXES = (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"),
                  ("ed", ""), ("ing", "e"), ("ing", ""))


@lru_cache(maxsize=1)
def _verb_tables() -> tuple[frozenset[str], frozenset[str]]:
    from pipeline import nlp

    lookups = nlp.load().get_pipe("lemmatizer").lookups
    index = lookups.get_table("lemma_index")
    exceptions = lookups.get_table("lemma_exc")
    return frozenset(index["verb"]), frozenset(exceptions["verb"])


@lru_cache(maxsize=1)
def _other_lemmas() -> frozenset[str]:
    """Base forms the lexicon knows as a noun, an adjective or an adverb."""
    from pipeline import nlp

    index = nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset().union(*(index[pos] for pos in ("noun", "adj", "adv")))


def only_verb(word: str) -> bool:
    """Whether `word` is the base form of a verb and nothing else ("relieve", "prevent"): a
    tagger that reads it as a noun or an adjective was misled."""
    word = word.lower()
    return word in _verb_tables()[0] and word not in _other_lemmas()


@lru_cache(maxsize=65536)
def can_be_verb(word: str) -> bool:
    """Whether `word` is a form of an English verb (base, -s, -ed, -ing or irregular form)."""
    word = word.lower()
    lemmas, irregular = _verb_tables()
    if word in lemmas or word in irregular:
        return True
    for suffix, repl in _VERB_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            stem = word[: -len(suffix)] + repl
            if stem in lemmas or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in lemmas):
                return True
    return False


def is_finite(tokens, k: int) -> bool:
    """Whether tokens[k] is a finite verb: a modal or a tensed verb the lexicon knows, or a base
    form that opens its clause (an imperative)."""
    tok = tokens[k]
    if tok.tag == "MD":
        return True
    if tok.tag in ("VBZ", "VBP", "VBD"):
        return can_be_verb(tok.text)
    if tok.tag == "VB":
        prev = tokens[k - 1] if k > 0 else None
        return prev is None or prev.text in CLAUSE_BREAKS or prev.text.lower() in ("and", "then")
    return False


def clause_start(tokens, end: int) -> int:
    """Index of the first token of the clause that ends before `end` (after the last clause
    break: comma, semicolon, colon, bracket, dash, quote, slash, or "but" / "yet" / "so")."""
    k = end - 1
    while k >= 0 and tokens[k].text not in CLAUSE_BREAKS and tokens[k].text.lower() not in (
            "but", "yet", "so"):
        k -= 1
    return k + 1


def noun_phrases(tokens, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Noun phrases in tokens[start:end] as (first, last + 1, bare): a run of nominal tokens,
    split where a determiner or pronoun follows a noun ("the patient | the brace"). A phrase is
    `bare` when it opens the stretch or follows another noun phrase directly (no preposition,
    verb, adverb or "to" governs it: "the patient | the brace", not "to invade | Vienna" or
    "on board | the plane"). Phrases joined by "and"/"or" count as one; reflexive pronouns
    ("the experience itself") belong to the phrase before them."""
    phrases: list[list] = []
    k = start
    while k < end:
        tok = tokens[k]
        if tok.tag not in NOMINAL_TAGS or (tok.tag in ("VBN", "VBG") and
                                          not (k + 1 < end and tokens[k + 1].tag in NOMINAL_TAGS)):
            k += 1
            continue
        first = k
        k += 1
        while k < end and tokens[k].tag in NOMINAL_TAGS and not (
                tokens[k].tag in DETERMINER_TAGS and tokens[k - 1].tag in NOUN_TAGS | {"JJ"}
                and not tokens[k].text.lower().endswith(("self", "selves"))):
            k += 1
        before = tokens[first - 1] if first > start else None
        joined = before is not None and before.text.lower() in ("and", "or") and phrases \
            and phrases[-1][1] == first - 1
        if joined:
            phrases[-1][1] = k
            continue
        bare = before is None or (
            (before.tag in NOUN_TAGS or (before.tag == "VBZ" and not can_be_verb(before.text)))
            and (first < 2 or (tokens[first - 2].text.lower(), before.text.lower())
                 not in _COMPLEX_PREPOSITIONS))
        phrases.append([first, k, bare])
    return [tuple(p) for p in phrases]


@lru_cache(maxsize=1)
def _index(pos: str) -> frozenset[str]:
    from pipeline import nlp

    return frozenset(nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")[pos])


def can_be_adjective(word: str) -> bool:
    return word.lower() in _index("adj")


def can_be_noun(word: str) -> bool:
    word = word.lower()
    nouns = _index("noun")
    return word in nouns or (word.endswith("s") and word[:-1] in nouns)
