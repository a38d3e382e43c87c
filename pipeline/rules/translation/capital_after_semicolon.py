from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import FINITE_TAGS

# The first words of a new sentence: determiners, pronouns, question words, connectives, modals
# and prepositions. A capitalised noun or adjective after ";" may be a list item in title case
# ("Causes: Stress; Poor posture"), a name or a term, and is left alone.
_OPENER_TAGS = {"DT", "PDT", "PRP", "PRP$", "WP", "WP$", "WRB", "WDT", "RB", "CC", "MD", "EX", "IN"}


class CapitalAfterSemicolon(Rule):
    """A new sentence joined to the last with a semicolon: "...the disc; What differentiates ...".

    What it does
    Finds a semicolon followed by a capitalised word that opens a sentence (a determiner, pronoun,
    question word, connective, modal or preposition: "The", "It", "What", "However", "In") when
    a finite verb follows in the same sentence. Names ("I", "Tehran"), acronyms and capitalised
    list items in title case ("Causes: Stress; Poor posture") are left alone.

    Why is this bad?
    Persian uses its semicolon "؛" more freely than English, and machine translation keeps it
    between what English writes as two sentences, with the second one's capital letter. In
    English a semicolon joins clauses of one sentence and the word after it is written in lower
    case; a capital after it shows that a full stop was meant.

    Example
    It also damages the nerves; The pain then spreads to the leg.

    Use instead
    It also damages the nerves. The pain then spreads to the leg.

    Severity
    Minor: the meaning survives (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed. (University of Chicago Press, 2017), 6.57-6.60
    (semicolons) and 6.63 (lower case after a colon or semicolon).
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR049"
    name = "capital-after-semicolon"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for k in range(len(toks) - 2):
                semi, word = toks[k], toks[k + 1]
                if semi.text not in (";", "\u061b") or not _sentence_opener(word):
                    continue
                rest = toks[k + 2:]
                stop = next((n for n, t in enumerate(rest) if t.text in (";", "\u061b")), len(rest))
                if not any(t.tag in FINITE_TAGS for t in rest[:stop]):
                    continue
                lower = word.text[0].lower() + word.text[1:]
                yield Match(semi.start, word.end,
                            f'"{word.text}" after a semicolon opens a new sentence: end the '
                            f'one before with a full stop, or write "{lower}".',
                            suggestion=f". {word.text}", evidence={"word": word.text},
                            confidence=0.75)


def _sentence_opener(tok) -> bool:
    text = tok.text
    return (len(text) > 1 and text[0].isupper() and text[1:].islower() and text != "I"
            and tok.tag in _OPENER_TAGS)
