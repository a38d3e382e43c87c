from __future__ import annotations

from pipeline.rules.base import Match, Rule

# combining forms that English writes joined to the word they form ("infrared", "ultrasound",
# "radiotherapy", "hypertension", "cardiovascular"); a form written apart is reported only when
# the joined word is in the dictionary or the medical list, so "cardio exercise" passes; "radio"
# and "echo" are left out, being nouns that English sets before others ("radio communication")
_COMBINING_FORMS = frozenset("""infra ultra intra extra micro macro endo onco neuro cardio gastro
    physio hydro ortho peri hypo hyper uro electro osteo laparo arthro rhino dermato hemato
    haemato immuno chemo thermo cryo mammo abdomino blepharo lipo oto ophthalmo pneumo
    nephro hepato cranio myo psycho pharmaco broncho colono cysto angio""".split())


class WordSplit(Rule):
    """A word split after its combining form: "infra red", "ultra sound", "hyper tension",
    "cardio vascular".

    What it does
    Finds a combining form ("infra", "ultra", "hyper", "cardio", ...) written apart from the
    word that follows it, when the two joined make a word of the dictionary or of the medical
    list ("infrared", "ultrasound", "hypertension", "cardiovascular"). A combining form before
    a word it does not join passes ("cardio exercise").

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
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 1):
                form, word = toks[i], toks[i + 1]
                low = form.text.lower()
                if low not in _COMBINING_FORMS or not word.text.isalpha() or \
                        text[form.end:word.start] != " ":
                    continue
                joined = low + word.text.lower()
                if joined not in vocab.dictionary and joined not in vocab.medical:
                    continue
                fixed = form.text + word.text.lower()
                yield Match(form.start, word.end,
                            f'"{form.text} {word.text}" is one word in English: "{fixed}".',
                            suggestion=fixed, confidence=0.85)
