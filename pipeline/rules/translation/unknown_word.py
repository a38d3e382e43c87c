from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.drug_name import misspelled_drugs
from pipeline.rules.translation.source_term_lost import near_source_term
from pipeline.rules.translation.transliteration import source_word
from pipeline.rules.translation.units import is_selected
from pipeline.rules.translation.words_run_together import glued_parts
from pipeline.rules.vocabulary import TERM_SUFFIXES
from pipeline.rules.word_repair import MEDICAL_SUFFIXES

# no acronyms, digits or inner capitals; accented letters allowed ("ostéoporose")
_ALPHA = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][a-zß-öø-ÿ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿ]+)*$")
_DERIVED = re.compile(r"^(?P<stem>[a-z]{5,}?)(?:ers?|ing|ed|ists?)$")
RARE_ZIPF = 2.0  # a known word rarer than this, in no dictionary, may be a transliteration


def _prefixed(vocab, word: str) -> bool:
    """Whether a lower-case word is a known word of at least five letters behind a prefix
    (the word-forming prefixes of pipeline/rules/data/spelling_variants.yaml, shared with
    TR062)."""
    from pipeline.rules.translation.misspelled_word import prefixes

    low = word.lower()
    return word.islower() and any(
        low.startswith(p) and len(low) - len(p) >= 5 and vocab.known(low[len(p):].lstrip("-"))
        for p in prefixes())


class UnknownWord(Rule):
    """A word that is in no English or medical vocabulary: a garbled or half-translated term.

    What it does
    Checks every word against the run's vocabulary (wordfreq's English list, pyspellchecker's
    dictionary and the project's medical word list). A lower-case word found in none of them is
    reported with the word that was probably meant: first the English word it back-transliterates
    to, when the word is an English loanword spelled the way Persian pronounces it ("esteroid",
    "fizioterapi", "kolesterol", French-style "sinusit"; the sound changes are data in
    pipeline/rules/data/back_transliteration.yaml), otherwise the closest medical or common
    English word one or two edits away. A rare web string that is in no dictionary and
    back-transliterates exactly to a common word ("vitamine") is reported too. Capitalised words
    are taken for proper names (people, clinics, insurers) and reported only when they respell to
    a medical term, are a near-miss of one, are an unknown derivation of a known word
    ("Acupointer" from "acupoint"), or open a sentence with a wrong negative prefix; where the
    capital says nothing (a sentence's first word, a heading), also when they are a near miss of
    a procedure or condition, a word ending in "-therapy", "-plasty", "-ectomy", "-itis" and the
    like ("Scelrotherapy", "Rhinoplsty Cost"; pipeline/rules/vocabulary.py `TERM_SUFFIXES`). A known
    word of five letters or more behind an English or medical prefix ("superovulation",
    "nonsurgical") is a coinage, not a garble, unless its negative is the wrong one; so is a
    known word of five letters or more with a medical suffix ("adenoiditis"). Words
    that are two words run together ("kneepain") are left to
    TR037, and misspelled drug names to FA005, which reports them with the drug meant;
    acronyms, numbers, URLs, e-mail addresses and hashtags are skipped. In a bilingual unit, a
    word that transliterates a word of the unit's source (same consonant skeleton once the
    source is romanised, `pipeline/rules/translation/transliteration.py`) is a source term
    kept untranslated, and the message says so and names the source word; with the option
    `spare_source_transliterations` such words are not reported at all (for files whose
    translators keep names and terms on purpose). Off by default: on MLQE-PE train (ne-en and
    si-en, 500 units each) sparing them removed 16-23% of this rule's findings on machine
    translation but only 9-10% on the post-edits, so a kept transliteration is more often a
    word the machine failed to translate than one a translator chose to keep. A loanword of
    the source spelled its way ("esteroid" for استروئید) is never spared. A near copy of a
    term the source writes in Latin letters is TR058's.

    Why is this bad?
    Machine translation transliterates source words it does not know, or splices fragments of two
    terms, producing strings that look like anatomy or drug names. A reader cannot look them up,
    and a misspelled drug name can be confused with a different drug.

    Example
    Massage the trabus muscles; if needed the doctor prescribes metacarbamol or an esteroid.

    Use instead
    Massage the levator scapulae muscles; if needed the doctor prescribes methocarbamol or a
    steroid.

    Severity
    Major: the term is wrong, not merely awkward (MQM Terminology/Wrong term).

    References
    wordfreq (Speer, 2022): https://github.com/rspeer/wordfreq
    pyspellchecker: https://pyspellchecker.readthedocs.io/
    WHO International Nonproprietary Names: https://www.who.int/teams/health-product-and-policy-standards/inn
    """

    code = "TR003"
    name = "unknown-word"
    category = "translation"
    severity = "major"
    mqm_type = "Terminology/Wrong term"
    options = {"min_length": 4, "spare_source_transliterations": False}

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        text = ctx.text
        for seg in ctx.segments:
            drugs = None  # spans of misspelled drug names: FA005's (one defect, one finding)
            for k, tok in enumerate(seg.tokens):
                word = tok.text
                if len(word) < ctx.options["min_length"] or not _ALPHA.match(word):
                    continue
                known = vocab.known(word)
                if known and not _rare_string(vocab, word):  # cheap test first
                    continue
                if _in_address(text, tok.start, tok.end) or glued_parts(vocab, word) or \
                        (not known and _prefixed(vocab, word) and not vocab.repair.negation(word)) \
                        or not known and (_medical_derivative(vocab, word) or
                                          _knowledge_word(ctx.resources, vocab, word)):
                    continue
                if drugs is None:
                    drugs = {(s, e) for s, e, *_ in misspelled_drugs(ctx.resources.knowledge, vocab,
                                                                     seg.text, seg.start)}
                if (tok.start, tok.end) in drugs:
                    continue
                respelled = vocab.repair.respell(word)
                if not word.isascii() and not respelled:
                    continue  # a foreign word with accents ("verhält"), not a transliteration
                if known:  # a rare string: only an exact respelling to a common word counts
                    if not respelled or respelled[1] or vocab.frequency(respelled[0]) < 3.0:
                        continue
                if seg.source_text and is_selected(ctx, "TR058") and \
                        near_source_term(word, seg.source_text):
                    continue  # a term of the source altered: TR058's finding
                kept = source_word(word, seg.source_text) if seg.source_text else None
                if kept and respelled and source_word(respelled[0], seg.source_text):
                    kept = None  # a loanword of the source spelled its way: "esteroid"
                if kept and ctx.options["spare_source_transliterations"]:
                    continue  # a source word transliterated: a kept name or term
                negated = None if (respelled or known) else vocab.repair.negation(word)
                suggestion = respelled[0] if respelled else negated or vocab.suggest(word)
                opening = k == 0 or seg.block_kind in ("heading", "title")
                if word[0].isupper() and not (negated and k == 0) and \
                        not self._worth_reporting(vocab, word, respelled, suggestion, opening):
                    continue  # a proper name
                message = f'"{word}" is not an English word or a known medical term'
                if kept:
                    message += (f'; it transliterates the source\'s "{kept}": translate it, or '
                                "keep it with an English gloss.")
                elif respelled:
                    message += (f'; probably "{suggestion}", spelled the way Persian '
                                "pronounces it.")
                elif negated:
                    message += f'; the negative is "{negated}".'
                elif suggestion:
                    message += f'; probably "{suggestion}".'
                else:
                    message += "; it looks garbled or transliterated from the source."
                yield Match(tok.start, tok.end, message, suggestion=suggestion,
                            evidence={"word": word, "nearest": suggestion,
                                      "back_transliterated": bool(respelled),
                                      "source_word": kept},
                            confidence=0.85 if suggestion else 0.7)

    @staticmethod
    def _worth_reporting(vocab, word, respelled, suggestion, opening: bool) -> bool:
        """Whether a capitalised unknown word is a garbled term rather than a proper name: also,
        where the capital says nothing (a sentence's first word, a heading), a near miss of a
        procedure or condition ("Scelrotherapy", "Rhinoplsty Cost")."""
        if respelled:
            return respelled[0] in vocab.medical or respelled[0].endswith(MEDICAL_SUFFIXES)
        derived = _DERIVED.match(word.lower())
        near_term = bool(suggestion) and (suggestion in vocab.medical or
                                          opening and suggestion.endswith(TERM_SUFFIXES))
        return near_term or (bool(derived) and vocab.known(derived.group("stem")))


# a plural is known when its singular is: a word of the dictionaries or the knowledge base, or
# one in wordfreq's English at least this common (misspellings such as "picutre" are rarer)
PLURAL_STEM_ZIPF = 1.5


def _knowledge_word(resources, vocab, word: str) -> bool:
    """A word of the knowledge base's names and synonyms ("opacified": HPO), or the plural of a
    word English or the knowledge base knows ("epicondyles")."""
    low = word.lower()
    medical = resources.medical_words
    if low in medical:
        return True
    stems = [low[:-1]] if low.endswith("s") and not low.endswith("ss") else []
    if low.endswith("es") and low[:-2].endswith(("s", "x", "z", "ch", "sh")):
        stems.append(low[:-2])
    return any(len(stem) >= 5 and (stem in medical or stem in vocab.dictionary or
                                   stem.isascii() and stem.isalpha() and
                                   vocab.zipf(stem) >= PLURAL_STEM_ZIPF) for stem in stems)


def _medical_derivative(vocab, word: str) -> bool:
    """Whether a lower-case word is a known word of at least five letters with a medical suffix:
    "adenoid" + "itis", "tonsil" + "ectomy" (the dictionary lists only some of them)."""
    low = word.lower()
    for suffix in MEDICAL_SUFFIXES:
        stem = low[:-len(suffix)]
        if word.islower() and low.endswith(suffix) and len(stem) >= 5 and \
                any(vocab.known(stem + tail) for tail in ("", "s", "e", "o")):
            return True
    return False


def _rare_string(vocab, word: str) -> bool:
    """A lower-case string wordfreq has seen on the web but no dictionary lists."""
    w = word.lower()
    return word.islower() and w not in vocab.dictionary and w not in vocab.medical \
        and vocab.frequency(w) < RARE_ZIPF


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a URL, domain, e-mail address or hashtag."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    chunk = text[left:right if right >= 0 else len(text)]
    return any(c in chunk for c in "/@%#") or re.search(r"\w\.\w", chunk) is not None
