from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from pipeline.rules.base import Match, Rule
from pipeline.rules.word_repair import FUNCTION_WORDS

STRONG_PART = 4.0  # parts this common make a split win over a one-letter typo correction

# a lower-case letter followed by a capital inside one word: "inTehran", "HealthAmong"
_CAMEL = re.compile(r"(?<![\w@#/.'’-])(?=[A-Za-z]*[a-z][A-Z])[A-Za-z]+(?![\w@/'’-])")
_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])")
# a comma, semicolon or colon with a word right after it: "day,and", "operation;it"
_PUNCT = re.compile(r"(?<![\w.@/:&#-])(?P<left>[A-Za-z]{2,})(?P<mark>[,;:])(?P<right>[A-Za-z]{2,})(?![\w@/-])")
_PLAIN = re.compile(r"^[A-Za-z]+$")
# two words joined by a backslash, the slash of a Persian keyboard layout: "his\her", "s\he"
# (a path, "C:\Users", has a colon or a capital before it)
# a comma typed for the apostrophe of a contraction: "It,s", "don,t", "they,re"
_COMMA_APOSTROPHE = re.compile(
    r"\b(?P<left>it|that|there|what|who|he|she|let|we|they|you|i|don|doesn|didn|isn|aren|wasn|"
    r"weren|can|couldn|won|wouldn|shouldn|haven|hasn|hadn|mustn)"
    r",(?P<right>s|t|re|ll|ve|d|m)\b", re.IGNORECASE)
_BACKSLASH = re.compile(r"(?<![\w.@/:\\-])(?P<left>[a-z]+)\\(?P<right>[a-z]{2,})(?![\w@/\\-])")
# a word glued to the opening bracket of a parenthesis that holds words: "back(the donor area)",
# "Vitamin C(ascorbic acid)"; not a plural ending "tablet(s)", a label "2(b)" or "f(x)"
_BRACKET = re.compile(r"(?<![\w@/.\\-])(?P<left>[A-Za-z]{2,}|[A-Z])\((?P<right>[A-Za-z]{2,}[^()\n]*|[A-Za-z] [^()\n]+)\)")
# a number glued to the word after it: "120beds", "45minutes"; units, ordinals and times
# ("500mg", "3rd", "7am", "1990s", "3D") are written so and pass
_NUMBER_WORD = re.compile(r"(?<![\w.,/:#@-])(?P<left>\d+(?:[.,]\d+)?)(?P<right>[a-z]{3,})(?![\w@/-])")
# a list number glued to its item's first word in lower case: "2.splint" (a decimal or a
# version has a digit after the full stop; "1.txt", "3.com" are file and domain names; a
# capitalised "1.Rest 2.Ice" is a flattened list, CO010's)
_LIST_NUMBER = re.compile(r"(?<![\w.,/:#@-])(?P<left>\d{1,2}\.)(?P<right>[a-z]{3,})(?![\w@/.-])")
_EXTENSIONS = frozenset("""txt pdf doc docx xls xlsx ppt pptx jpg jpeg png gif svg bmp webp html
    htm php asp aspx xml csv zip rar exe mp3 mp4 avi com net org edu gov info""".split())
_UNITS = frozenset("""mg mcg kg ml cm mm km min mins sec secs hrs yrs mmol kcal cal mah mmhg kda
    kpa mph kmh bpm ppm khz mhz ghz iu gy msv mgy""".split())
_PLURAL_MARK = re.compile(r"(?:s|es|ies|ren|en)$", re.IGNORECASE)
# words that start a sentence or a clause: a heading glued to its paragraph ends in one of them
_OPENERS = FUNCTION_WORDS | frozenset("""a among when this these those there here what why how
    most many some any each every both one today according unlike although however because since
    while after before during with from they she your their his her its more""".split())
_PREPOSITIONS = frozenset("in at from to of on near by for into".split())


class WordsRunTogether(Rule):
    """Two words with the space between them lost: "inTehran", "kneepain", "day,and".

    What it does
    Finds words glued together in seven shapes: a lower-case word glued to a capitalised one
    ("inTehran", "clinicIn"); a heading glued to the first word of its paragraph
    ("Dental ImplantsAmong the options"); a word not in the vocabulary that is two common words
    ("kneepain", "isin", a place name and a common noun: "Mashhadclinic"); a comma,
    semicolon or colon with no space after it ("twice a day,and"); a number glued to the common
    word after it ("120beds", "45minutes"; units, ordinals and times such as "500mg", "3rd",
    "7am" are written so and pass); a list number glued to its item ("2.splint"); two words
    joined by a backslash for a slash ("his\\her", "s\\he"); and a word
    glued to the
    opening bracket of a parenthesis that holds words ("from the back(the donor area)";
    a plural mark "tablet(s)", a label "2(b)" and "f(x)" pass). A comma typed for the
    apostrophe of a contraction ("It,s", "don,t") is reported with the contraction. A colon
    inside a laser crystal's name ("Nd:YAG") passes. Brand names written in
    CamelCase (YouTube, WhatsApp, PubMed), words the vocabulary knows, acronyms, URLs, e-mail
    addresses, hashtags and numbers are left alone; a missing space after a full stop is
    CO002's.

    Why is this bad?
    Persian writes some words joined and others apart with a zero-width non-joiner, and pages
    lose spaces when headings and links are scraped; machine translation then glues English
    words. Readers stumble, search engines and screen readers see one unknown word, and a
    spell checker flags it without saying how to fix it.

    Example
    Our clinic inTehran treats kneepain twice a week,and home visits are possible.

    Use instead
    Our clinic in Tehran treats knee pain twice a week, and home visits are possible.

    Severity
    Minor: the words are all there (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.11 (space after punctuation):
    https://www.chicagomanualofstyle.org/book/ed17/part2/ch06/psec011.html
    MQM core typology, Fluency: https://themqm.org/error-types-2/typology/
    """

    code = "TR037"
    name = "words-run-together"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        text = ctx.text
        for m in _CAMEL.finditer(text):
            yield from self._camel(vocab, m)
        for m in _PUNCT.finditer(text):
            left, right = m.group("left"), m.group("right")
            if m.group("mark") == ":" and (left.lower() in ("http", "https", "mailto", "ftp", "re")
                                           or right.isupper() and left[:1].isupper()):
                continue  # an address, or a laser or crystal name ("Nd:YAG", "Er:YAG")
            if not (vocab.known(left) and vocab.known(right)):
                continue
            yield self._match(m.start(), m.end(), left + m.group("mark"), right,
                              f'"{m.group(0)}" lacks the space after "{m.group("mark")}"',
                              f'{left}{m.group("mark")} {right}')
        for m in _COMMA_APOSTROPHE.finditer(text):
            fixed = f"{m.group('left')}'{m.group('right')}"
            yield Match(m.start(), m.end(), f'"{m.group(0)}" has a comma where the apostrophe of '
                        f'a contraction belongs: "{fixed}".', suggestion=fixed,
                        evidence={"left": m.group("left"), "right": m.group("right")},
                        confidence=0.85)
        for m in _BACKSLASH.finditer(text):
            left, right = m.group("left"), m.group("right")
            if not (vocab.known(right) and (vocab.known(left) or len(left) == 1)):
                continue
            yield Match(m.start(), m.end(), f'"{m.group(0)}" joins two words with a backslash, '
                        f'which English text does not use: write "{left}/{right}" (or "{left} or '
                        f'{right}").', suggestion=f"{left}/{right}",
                        evidence={"left": left, "right": right}, confidence=0.85)
        for m in _NUMBER_WORD.finditer(text):
            left, right = m.group("left"), m.group("right")
            if right in _UNITS or not vocab.known(right) or vocab.frequency(right) < 3.0:
                continue
            yield self._match(m.start(), m.end(), left, right,
                              f'"{m.group(0)}" is a number glued to a word', f"{left} {right}")
        for m in _LIST_NUMBER.finditer(text):
            left, right = m.group("left"), m.group("right")
            if right in _EXTENSIONS or not vocab.known(right):
                continue
            yield self._match(m.start(), m.end(), left, right,
                              f'"{m.group(0)}" is a list number glued to its first word',
                              f"{left} {right}")
        for m in _BRACKET.finditer(text):
            left, right = m.group("left"), m.group("right")
            if _PLURAL_MARK.fullmatch(right) or not (vocab.known(left) or left.isupper()):
                continue
            yield self._match(m.start(), m.start("right"), left, "(",
                              f'"{left}(" lacks the space before the bracket',
                              f"{left} (")
        for seg in ctx.segments:
            for tok in seg.tokens:
                word = tok.text
                if len(word) < 4 or not _PLAIN.match(word) or _CAMEL.fullmatch(word):
                    continue
                if tok.start > 0 and text[tok.start - 1] in "#@":
                    continue  # a hashtag or a handle is written without spaces
                parts = glued_parts(vocab, word)
                if parts:
                    yield self._match(tok.start, tok.end, *parts,
                                      f'"{word}" is two words run together', " ".join(parts))

    def _camel(self, vocab, m):
        token = m.group(0)
        if vocab.known(token):  # YouTube, WhatsApp, LinkedIn, iPhone
            return
        pieces = _BOUNDARY.split(token)
        pos = m.start()
        for left, right in zip(pieces, pieces[1:]):
            pos += len(left)
            if len(right) < 2 or not right[1:].islower() or len(left) < 2:
                continue  # an acronym or a prefix ("microFIT", "eGFR", "iPhone")
            if left.islower():
                ok = vocab.known(left) and (left in FUNCTION_WORDS or left in _PREPOSITIONS
                                            or vocab.frequency(left) >= 3.0) and \
                    (vocab.known(right) or left in _PREPOSITIONS)
            else:
                ok = right.lower() in _OPENERS and vocab.known(left) and len(left) >= 3
            if ok:
                yield self._match(pos - len(left), pos + len(right), left, right,
                                  f'"{left}{right}" is two words run together',
                                  f"{left} {right}")

    @staticmethod
    def _match(start, end, left, right, message, suggestion):
        return Match(start, end, f"{message}: a space was lost.", suggestion=suggestion,
                     evidence={"left": left, "right": right}, confidence=0.85)


def glued_parts(vocab, word: str) -> tuple[str, str] | None:
    """The two words a plain word is glued from, when the vocabulary does not know it (or knows
    it only as a rare non-dictionary string, like "backpain"); None otherwise. Shared with TR003,
    which leaves such words to this rule."""
    lower = word.lower()
    if word[0].isupper():
        if vocab.known(word) or not word[1:].islower():
            return None
        return vocab.repair.split_name(word)
    if vocab.known(word):
        if lower in vocab.dictionary or lower in vocab.medical or vocab.frequency(lower) >= 2.0:
            return None
        # a rare web string: only a function word glued to a common word ("isin"); two content
        # words make too many legitimate rare compounds ("interethnic", "infosphere")
        parts = vocab.repair.split(word, 3.5)
        if parts and not any(p.lower() in FUNCTION_WORDS for p in parts):
            return None
    else:
        parts = vocab.repair.split(word)
    if parts and (vocab.repair.respell(word) or (None, 1))[1] == 0:
        return None  # "sinusit" is sinusitis spelled the French way, not "sinus it"
    if parts:
        typo = vocab.suggest(word)  # "belived" is a typo of "believed", not "be lived"
        if typo and Levenshtein.distance(lower, typo) <= 1 and (
                len(typo) >= len(word)
                or min(vocab.repair.part_score(p.lower()) for p in parts) < STRONG_PART):
            return None
    return parts
