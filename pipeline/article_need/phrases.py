"""Singular common-noun phrases in a tagged sentence, each with the word that governs it and
whether it is bare (no article, possessive, number or quantifier). Tags and lemmas only (the
pipeline runs no dependency parser); the same finder counts phrases in correct English for the
model and finds them in the audited text, so the two agree on what "bare" means.

A phrase is a run of premodifiers (adjectives, nouns, past participles, hyphens, adverbs before
an adjective) ending in a singular common noun (NN) that heads it: the next word is not another
noun, a possessive, a number or a hyphen. Its *slot* is the word before it (or before its
determiner): a preposition or subordinator (`"for"`), a verb (`"v:take"`; `"there-be"` for
existential "there is"), or `"^"` at the start of the sentence. Phrases in other places (after
"and"/"or" or a comma, where a determiner may be shared or the phrase is a list entry, after
"as", "than", "like", "per"), inside brackets or quotes, capitalised (a name) or followed by a
number (a label: "room 4") are not returned: nothing is judged there."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

DETERMINER_TAGS = frozenset({"DT", "PDT", "PRP$", "WP$", "WDT", "POS", "CD"})
MODIFIER_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNP", "HYPH"})
HEAD_BREAKERS = frozenset({"NN", "NNS", "NNP", "NNPS", "POS", "HYPH", "CD"})
# Adjectives and adverbs that do a determiner's work ("next week", "enough time", "half hour" is
# still wrong but rare): the phrase is not bare. "such" is not one: "such record" needs "such a".
DETERMINER_WORDS = frozenset({"next", "last", "enough", "much", "more", "less", "most",
                              "least", "own", "several", "many", "few", "little", "various",
                              "whatever", "whichever", "either", "neither", "each", "every",
                              "another", "any", "no", "some", "half", "what", "which", "whose",
                              "this", "that", "these", "those"})
# Slots where a bare noun is not judged: "as teacher", "more than friend", "like glue", per-unit
# rates ("per day"), comparisons.
UNJUDGED = frozenset({"as", "than", "like", "per", "via", "versus", "vs", "whether", "both",
                      "between", "unlike"})
_POSSESSOR = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "HYPH", "DT", "PRP$"})
_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
_OPEN = {"(": ")", "[": "]"}
# Nouns of quantity and kind before "of", after which a bare singular is correct English.
PARTITIVES = frozenset({"lot", "lots", "plenty", "amount", "deal", "kind", "kinds", "type",
                        "types", "sort", "sorts", "form", "forms", "piece", "bit", "degree",
                        "level", "sense", "quantity", "variety", "means", "way", "ways"})
_QUOTES = {'"', "\u201c", "\u201d", "``", "''"}


@dataclass(frozen=True)
class NounPhrase:
    first: int  # token index of the phrase's first word (after any determiner)
    head: int  # token index of its noun
    slot: str  # what governs it: "^", a preposition, "v:<verb lemma>", "there-be"
    bare: bool
    lemma: str  # the noun's lemma, lower case
    compound: bool = False  # a noun modifies it ("muscle function", "donor area")


def _shielded(texts: Sequence[str]) -> list[bool]:
    """Whether each token is inside brackets or quotation marks."""
    out, depth, quoted = [], 0, False
    for t in texts:
        if t in _OPEN:
            depth += 1
        elif t in _OPEN.values():
            depth = max(0, depth - 1)
        if t in _QUOTES:
            quoted = not quoted
            out.append(True)
            continue
        out.append(depth > 0 or quoted)
    return out


def _ordinal(word: str) -> bool:
    return word[:1].isdigit()  # "5th century", "2nd floor": a number's determiner


def _participle(tags, j: int) -> bool:
    """A participle used as an adjective ("a growing problem", "the following year", "a
    damaged tooth"): one after a determiner, an adjective or an adverb (else it is a verb:
    "after removing tooth", "is called basis")."""
    return tags[j] in ("VBG", "VBN") and j > 0 and (
        tags[j - 1] in DETERMINER_TAGS | {"JJ", "JJR", "JJS", "HYPH", "RB"}
        or tags[j - 1] == "CC" and j > 1 and tags[j - 2] in ("JJ", "VBN"))  # "narrowed or blocked"


def _joined_modifier(tags, j: int) -> bool:
    """tags[j] is "and"/"or" between two adjectives or participles of one phrase ("narrowed or
    blocked", "red and swollen")."""
    return tags[j] == "CC" and j > 0 and tags[j + 1] in ("JJ", "VBN") and \
        tags[j - 1] in ("JJ", "JJR", "VBN")


def running_text(texts: Sequence[str], tags: Sequence[str]) -> bool:
    """Whether a sentence is running text to judge: it has a finite verb (or opens with an
    imperative) and is not title-like (at most half its words after the first capitalised)."""
    if not any(t in _FINITE or (t == "VB" and k == 0) for k, t in enumerate(tags)):
        return False
    return sentence_like(texts)


def sentence_like(texts: Sequence[str]) -> bool:
    """At least four words, and not title-like: at most half the words after the first are
    capitalised."""
    words = [w for w in texts if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words[1:]) <= len(words) // 2


def _slot(texts, tags, lemmas, s: int) -> str | None:
    """The slot of a phrase whose governing word is token `s` (-1: the sentence start)."""
    if s < 0:
        return "^"
    tag, low = tags[s], texts[s].lower()
    if low in UNJUDGED:
        return None
    if tag in ("IN", "TO", "WRB"):
        return low
    if tag.startswith("VB"):
        lemma = lemmas[s].lower()
        if lemma == "be" and s > 0 and texts[s - 1].lower() == "there":
            return "there-be"
        return "v:" + lemma
    return None


def noun_phrases(texts: Sequence[str], tags: Sequence[str],
                 lemmas: Sequence[str]) -> list[NounPhrase]:
    """The singular common-noun phrases of one sentence that can be judged (see the module)."""
    n = len(texts)
    shielded = _shielded(texts)
    start = 0
    while start < n and not texts[start][:1].isalnum():
        start += 1  # leading punctuation or a list mark
    out = []
    for i in range(start, n):
        word = texts[i]
        if tags[i] != "NN" or not word.isalpha() or shielded[i]:
            continue
        if (i > start and not word.islower()) or (len(word) > 1 and word.isupper()):
            continue  # a name, a title or an abbreviation
        if i + 1 < n and (tags[i + 1] in HEAD_BREAKERS or texts[i + 1] in ("'", "\u2019", ":")):
            continue  # a modifier of the next noun, a possessive, a label ("type 2", "Cause:")
        if i + 2 < n and tags[i + 1] in ("VBN", "VBG") and tags[i + 2] in ("NN", "NNS", "JJ"):
            continue  # an unhyphenated compound adjective: "tooth colored material"
        if i + 1 < n and tags[i + 1] == "JJ" and (i + 2 == n or texts[i + 2] in ".,;:!?"):
            continue  # a clause-final adjective after it: a compound mis-tagged ("is point
            #           cramp/JJ.") or an adjective after its noun (TR005's)
        if i + 2 < n and tags[i + 1] == "CC" and tags[i + 2] in ("JJ", "JJR", "VBN", "HYPH"):
            continue  # one modifier of two: "long-term or permanent problems"
        if i + 1 < n and tags[i + 1] == "VBZ" and texts[i + 1].lower().endswith("s") and \
                i > start and tags[i - 1] in ("IN", "JJ"):
            continue  # a compound whose plural was read as a verb: "the use of eye drops"
        lemma = lemmas[i].lower()
        if any(0 <= j < n and lemmas[j].lower() == lemma for j in (i - 2, i + 2)):
            continue  # "from patient to patient", "day by day", "step after step"
        k = i
        while k > start and (tags[k - 1] in MODIFIER_TAGS | {"RB"} or _participle(tags, k - 1)
                             or _joined_modifier(tags, k - 1)) and \
                texts[k - 1].lower() not in DETERMINER_WORDS:
            if tags[k - 1] == "RB" and tags[k] not in ("JJ", "JJR", "JJS", "VBN", "HYPH"):
                break
            if tags[k - 1] == "CC":
                k -= 1  # "the [previously narrowed or] blocked artery": the run goes on
            k -= 1
        first = k
        while first < i and tags[first] == "HYPH":
            first += 1
        if any(shielded[j] or (j > start and not texts[j].islower() and tags[j] != "HYPH")
               for j in range(first, i)):
            continue  # a name ("Panchayat system", "Brahmin community"), a number, a quote
        left = k - 1
        bare = True
        if left >= start and (tags[left] in DETERMINER_TAGS or _ordinal(texts[left]) or
                              texts[left].lower() in DETERMINER_WORDS):
            bare = False
            while left >= start and (tags[left] in DETERMINER_TAGS or
                                     texts[left].lower() in DETERMINER_WORDS or
                                     tags[left] == "PDT"):
                if tags[left] == "POS":  # the possessor's phrase: "for [the patient]'s file"
                    while left > start and tags[left - 1] in _POSSESSOR:
                        left -= 1
                left -= 1
        if left >= start and tags[left] == "RB" and bare is False:
            left -= 1  # "quite a", "only the"
        slot = _slot(texts, tags, lemmas, left if left >= start else -1)
        if slot is None and left >= start and i + 1 < n and tags[i + 1] in _FINITE and (
                texts[left] in (",", ";", "but") or
                texts[left] in ("and", "or") and left > start and not tags[left - 1].startswith("NN")):
            slot = "^"  # the subject of a new clause: "..., needle is inserted", "and sample was"
            # (not "the middle ear and inner ear are": one determiner for both)
        if slot == "of" and left > start and texts[left - 1].lower() in PARTITIVES:
            continue  # "a lot of impact", "a kind of cell": the partitive takes any noun
        if slot is None:
            continue
        out.append(NounPhrase(first, i, slot, bare, lemma,
                              any(tags[j] in ("NN", "NNP") for j in range(first, i))))
    return out
