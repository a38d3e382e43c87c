from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# combining forms that English writes joined to the word they form ("infrared", "ultrasound",
# "radiotherapy", "hypertension", "cardiovascular"); a form written apart is reported only when
# the joined word is in the dictionary or the medical list, so "cardio exercise" passes; "radio"
# and "echo" are left out, being nouns that English sets before others ("radio communication")
_COMBINING_FORMS = frozenset("""infra ultra intra extra micro macro endo onco neuro cardio gastro
    physio hydro ortho peri hypo hyper uro electro osteo laparo arthro rhino dermato hemato
    haemato immuno chemo thermo cryo mammo abdomino blepharo lipo oto ophthalmo pneumo
    nephro hepato cranio myo psycho pharmaco broncho colono cysto angio""".split())
# Any other word split in two (a stray space typed inside it: "tam pons", "west ern"): the two
# parts joined make a dictionary word in use (wordfreq Zipf >= JOINED_ZIPF) that is more common
# than the rarer part by JOINED_MARGIN, and that part is itself rare as a word (< PART_ZIPF).
# On MLQE-PE train (1.08 million words of machine translation and post-edits) this finds one
# split, a real one, and nothing else.
JOINED_ZIPF, JOINED_MARGIN, PART_ZIPF = 2.5, 0.3, 3.0


class WordSplit(Rule):
    """A word split after its combining form: "infra red", "ultra sound", "hyper tension",
    "cardio vascular", or by a stray space: "tam pons".

    What it does
    Finds a combining form ("infra", "ultra", "hyper", "cardio", ...) written apart from the
    word that follows it, when the two joined make a word of the dictionary, of the medical
    list or of the knowledge base's names ("infrared", "ultrasound", "hypertension",
    "intracytoplasmic"). Three or more capital letters one space apart are an abbreviation
    written with spaces ("P R K" for PRK); initials before a name and letters in alphabetical
    order ("grades A B C") pass. A combining form before
    a word it does not join passes ("cardio exercise"). Also two lower-case parts that join into
    a dictionary word in use, far more common than the rarer part, which is itself a rare word
    ("tam pons"); two common words pass ("any more", "per cent", "some times").

    Why is this bad?
    Persian writes many compounds with a space or a zero-width non-joiner between their parts,
    and machine translation and transliteration keep the gap in English, where the term is one
    word. The reader sees two words, one of them not English.

    Example
    The device uses infra red light; ultra sound guides the needle.

    Use instead
    The device uses infrared light; ultrasound guides the needle.

    Severity
    Minor: the meaning survives (MQM Fluency/Spelling).

    References
    Merriam-Webster, combining form: https://www.merriam-webster.com/dictionary/combining%20form
    MQM core typology, Fluency/Spelling: https://themqm.org/error-types-2/typology/
    """

    code = "TR085"
    name = "word-split"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Spelling"

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        text = ctx.text
        for m in _SPACED_LETTERS.finditer(text):
            fixed = m.group(0).replace(" ", "")
            if all(ord(b) == ord(a) + 1 for a, b in zip(fixed, fixed[1:])):
                continue  # "grades A B C D": letters in alphabetical order are a list
            yield Match(m.start(), m.end(),
                        f'"{m.group(0)}" is an abbreviation written with spaces between its '
                        f'letters: "{fixed}".', suggestion=fixed, confidence=0.8)
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 1):
                form, word = toks[i], toks[i + 1]
                low = form.text.lower()
                if not word.text.isalpha() or text[form.end:word.start] != " ":
                    continue
                joined = low + word.text.lower()
                if low in _COMBINING_FORMS:
                    if joined not in vocab.dictionary and joined not in vocab.medical and \
                            joined not in ctx.resources.medical_words:  # "intracytoplasmic"
                        continue
                elif not _split_word(form, word, joined, vocab):
                    continue
                fixed = form.text + word.text.lower()
                yield Match(form.start, word.end,
                            f'"{form.text} {word.text}" is one word in English: "{fixed}".',
                            suggestion=fixed, confidence=0.85)


# Three or more capital letters standing alone, one space apart: an abbreviation spelled out
# ("P R K", "M R I"); not initials before a name ("J R R Tolkien": a capitalised word follows)
_SPACED_LETTERS = re.compile(r"(?<![\w.,-])[A-Z](?: [A-Z]){2,}(?![\w.-])(?! [A-Z][a-z])")


def _split_word(first, second, joined: str, vocab) -> bool:
    """Whether two lower-case tokens are one word split by a stray space ("tam pons")."""
    if not (first.text.isascii() and second.text.isascii() and first.text.isalpha()
            and first.text.islower() and second.text.islower()) \
            or min(len(first.text), len(second.text)) < 2 or joined not in vocab.dictionary:
        return False
    rarer = min(vocab.zipf(first.text), vocab.zipf(second.text))
    joined_zipf = vocab.zipf(joined)
    return rarer < PART_ZIPF and joined_zipf >= JOINED_ZIPF and joined_zipf > rarer + JOINED_MARGIN
