from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.units import units, untranslated

# Latin-script words of a source (a term, a name, an acronym kept in Latin letters); digits split
_LATIN_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'\-]*[A-Za-z])?")
_ROMAN = re.compile(r"^[IVXLCDM]+$", re.IGNORECASE)
_TARGET_WORD = re.compile(r"[A-Za-z](?:[A-Za-z']*[A-Za-z])?")  # hyphenated parts apart
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][A-Za-z]*$")  # MRI, PRP, mHTT -> at least 2 capitals
NEAR = 0.6  # normalised Levenshtein similarity of an altered copy (a non-word)


def _norm(word: str) -> str:
    return word.lower().replace("-", "").replace("'", "")


def source_terms(source: str) -> list[str]:
    """The Latin-script terms of a source written in another script: words of 4+ letters and
    acronyms of 2+ capitals, roman numerals left out (a translator may write "the third" for
    "III"). None for a source mostly in Latin letters (German, Estonian...), whose words are
    translated, not copied."""
    letters = [c for c in source if c.isalpha()]
    if sum(c.isascii() for c in letters) * 2 >= len(letters):
        return []
    out = []
    for w in _LATIN_WORD.findall(source):
        if _ROMAN.match(w):
            continue
        if len(w) >= 4 or _ACRONYM.match(w):
            out.append(w)
    return out


def altered(term: str, target_words: list[tuple[int, int, str]], vocab):
    """(found, (start, end, word) of an altered copy or None) for one source term."""
    from rapidfuzz.distance import Levenshtein

    key = _norm(term)
    pairs = [a[2] + b[2] for a, b in zip(target_words, target_words[1:])]  # "Lumbar spine"
    for w in [w for _, _, w in target_words] + pairs:
        n = _norm(w)
        if n in (key, key + "s", key + "es") or key in (n + "s", n + "es"):
            return True, None
    if _ACRONYM.match(term) and _expanded(term, target_words):
        return True, None
    best = max(target_words, default=None,
               key=lambda t: Levenshtein.normalized_similarity(key, _norm(t[2])))
    if best is None or Levenshtein.normalized_similarity(key, _norm(best[2])) < NEAR:
        return False, None
    if len(best[2]) < 3 or vocab.known(best[2]):
        return True, None  # an English word: a correction or a translation, not a garbled copy
    return False, best


def near_source_term(word: str, source: str) -> bool:
    """Whether `word` is a near copy (not an exact one) of a Latin-script term of `source`:
    TR058's finding, which TR003 leaves to it."""
    from rapidfuzz.distance import Levenshtein

    n = _norm(word)
    return any(n != _norm(t) and Levenshtein.normalized_similarity(n, _norm(t)) >= NEAR
               for t in source_terms(source))


def _expanded(acronym: str, target_words) -> bool:
    """Whether the target spells the acronym out (MRI: "magnetic resonance imaging")."""
    letters = [c.lower() for c in acronym if c.isupper()]
    initials = [w[0].lower() for _, _, w in target_words if w[0].isalpha()]
    n = len(letters)
    return any(initials[k:k + n] == letters for k in range(len(initials) - n + 1))


class SourceTermLost(Rule):
    """A term the source writes in Latin letters is missing or misspelled in the target.

    What it does
    In bilingual files whose source is mostly in another script (Persian, Arabic, Devanagari,
    Sinhala...), takes the words that the source writes in Latin script (a medical term,
    a drug or device name, an acronym such as MRI or PRP; words of four letters or more and
    acronyms of two capitals or more; roman numerals left out) and looks for each in the unit's
    target, ignoring case, hyphens and a plural ending, an acronym also spelled out word by
    word ("magnetic resonance imaging"). A term whose target has only a near copy (normalised
    edit similarity 0.6 or more) that is no English word is reported at that copy: the
    translation garbled a term it only had to copy ("Hyperceptionosis" for the source's
    "Hypercementosis"); TR003 leaves such a word to this rule. An acronym of the source absent
    from the target is reported on the unit. A near copy that is an English word (a correction
    of the source's spelling, or a translation) is left alone, and so is a source word of four
    letters or more that the target simply translated.

    Why is this bad?
    Persian medical pages write the international term or acronym beside the Persian one, often
    in parentheses, so that the reader can look it up. Machine translation sometimes respells or
    drops the one thing it had only to copy, and the English page then names a term that does
    not exist, or loses the acronym the rest of the page uses.

    Example
    source: نتایج MRI و سطح CRP بیمار طبیعی بود.
    target: The patient's MRT results and level were normal.

    Use instead
    target: The patient's MRI results and CRP level were normal.

    Severity
    Major: a term is wrong or missing (MQM Terminology/Wrong term). Unknown words with no source term to compare with are TR003's.

    References
    MQM core typology, Terminology and Accuracy/Omission: https://themqm.org/error-types-2/typology/
    Okapi CheckMate, patterns check (source text that must be in the target):
    https://okapiframework.org/wiki/index.php/CheckMate
    """

    code = "TR058"
    name = "source-term-lost"
    category = "translation"
    severity = "major"
    mqm_type = "Terminology/Wrong term"

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        for u in units(ctx):
            if u.empty or untranslated(u.source, u.target):
                continue
            terms = source_terms(u.source)
            if not terms:
                continue
            words = [(m.start(), m.end(), m.group()) for m in _TARGET_WORD.finditer(u.target)]
            lost = []
            for term in dict.fromkeys(terms):
                found, copy = altered(term, words, vocab)
                if copy is not None:
                    s, e, w = copy
                    yield Match(u.start + s, u.start + e, f'"{w}" is not the source\'s term '
                                f'"{term}": the translation altered a term it had to copy.',
                                suggestion=term, confidence=0.8,
                                evidence={"unit": u.unit_id, "source_term": term})
                elif not found and _ACRONYM.match(term):
                    lost.append(term)
            if lost:
                yield Match(u.start, u.end, f"The source's {', '.join(lost)} "
                            f"{'is' if len(lost) == 1 else 'are'} missing in the target.",
                            confidence=0.7,
                            evidence={"unit": u.unit_id, "missing": lost})
