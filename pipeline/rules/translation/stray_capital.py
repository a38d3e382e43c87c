from __future__ import annotations

from itertools import groupby

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.word_lists import word_lists

# Function words and pronouns that are capitalised only at the start of a sentence.
CAPITALISED_FUNCTION_WORDS = {"A", "An", "The", "It", "He", "She", "They", "We", "You", "This", "That", "These",
             "Those", "What", "Which", "Who", "How", "Why", "When", "Where", "Each", "Every",
             "And", "Or", "But", "Of", "For", "With", "To", "Is", "Are", "Can", "Its", "Their",
             "His", "Her", "Our", "Your", "My", "If", "So"}
_LETTER_LABEL = {"A", "An"}  # "vitamin A", "hepatitis A", "type A": a letter after a noun
MAX_TITLE_CASE_SHARE = 0.5  # above this share of capitalised words a line is in Title Case


class StrayCapital(Rule):
    """A capitalised article or pronoun in mid-sentence: two sentences spliced together.

    What it does
    Finds a function word or pronoun ("A", "It", "What", "The" ...) written with a capital
    letter right after another word of the same sentence, followed by a lower-case word ("each
    A muscle", "see a doctor or A nurse can help"), and a word that usually opens a sentence
    ("Then", "However", "Because", "Some", "Can" ... listed in
    pipeline/rules/data/translation_word_order.yaml) capitalised between two lower-case words
    ("twice a day Then cover the area"), also after a comma ("no orthodontic surgery, It has a
    natural colour"). Lines in Title Case, names ("The Lancet"), letter labels
    after a noun ("vitamin A", "hepatitis A") and page furniture are left alone.

    Why is this bad?
    The capital marks where the machine translation glued the start of one sentence onto the
    middle of another, or dropped the words in between; the sentence no longer parses.

    Example
    Rest the leg for a day or A nurse can show you some stretches.

    Use instead
    Rest the leg for a day, or ask a nurse to show you some stretches.

    Severity
    Minor: the reader can usually guess the two sentences (MQM Fluency/Grammar).

    References
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR006"
    name = "stray-capital"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        text = ctx.text
        openers = word_lists()["sentence_openers"]
        for _, segs in groupby(ctx.segments, key=lambda s: s.block):
            segs = list(segs)
            if segs[0].block_kind == "furniture":
                continue  # page metadata glued to a teaser: a lost line break, not a splice
            toks = [t for s in segs for t in s.tokens]
            words = [t for t in toks if t.text.isalpha()]
            if not words or sum(w.text[0].isupper() for w in words) / len(words) > MAX_TITLE_CASE_SHARE:
                continue
            for before, prev, tok, nxt in zip([None] + toks, toks, toks[1:], toks[2:]):
                comma = prev.text == "," and before is not None and before.text.isalpha() and \
                    before.text.islower() and text[before.end:tok.start] == ", "
                if comma:  # "orthodontic surgery, It has": the word before the comma counts
                    before, prev = None, before
                opener = tok.text.istitle() and tok.text.lower() in openers and prev.text.islower()
                if (tok.text not in CAPITALISED_FUNCTION_WORDS and not opener) or not prev.text.isalpha() \
                        or not nxt.text.islower() or len(prev.text) == 1 and prev.text != "a":
                    continue  # after a lone letter: a label or an escape ("\\t The"), not a word
                if before is not None and before.pos == "NUM":
                    continue  # "Reading time: 7 minutes How ...": metadata glued to a teaser
                if not comma and text[prev.end:tok.start] != " ":
                    continue  # a quote, a line break or other punctuation sits in between
                if tok.text in _LETTER_LABEL and prev.pos in ("NOUN", "PROPN", "NUM"):
                    continue
                after = f'"{prev.text}," (a comma)' if comma else f'"{prev.text}"'
                yield Match(tok.start, tok.end,
                            f'"{tok.text}" is capitalised in mid-sentence, after {after}: '
                            "two sentences were probably spliced here, or words were lost.",
                            suggestion=tok.text.lower(), evidence={"previous": prev.text},
                            confidence=0.8)
