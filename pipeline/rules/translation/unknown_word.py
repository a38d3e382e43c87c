from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.drug_name import misspelled_drugs

_ALPHA = re.compile(r"^[A-Za-z][a-z]+(?:-[A-Za-z]+)*$")  # no acronyms, digits or inner capitals
_DERIVED = re.compile(r"^(?P<stem>[a-z]{5,}?)(?:ers?|ing|ed|ists?)$")


class UnknownWord(Rule):
    """A word that is in no English or medical vocabulary: a garbled or half-translated term.

    What it does
    Checks every word against the run's vocabulary (wordfreq's English list, pyspellchecker's
    dictionary and the project's medical word list). A lower-case word found in none of them is
    reported, with the closest medical or common English word as the suggestion when it is one or
    two edits away. Capitalised words are taken for proper names (people, clinics, insurers) and
    reported only when they are a near-miss of a medical term or an unknown derivation of a known
    word ("Acupointer" from "acupoint"). Acronyms, numbers, URLs and e-mail addresses are skipped, and
    so are misspelled drug names, which FA005 reports with the drug meant.

    Why is this bad?
    Machine translation transliterates source words it does not know, or splices fragments of two
    terms, producing strings that look like anatomy or drug names. A reader cannot look them up,
    and a misspelled drug name can be confused with a different drug.

    Example
    Massage the trapezius and the trabus muscles; if needed the doctor prescribes metacarbamol.

    Use instead
    Massage the trapezius and levator scapulae muscles; if needed the doctor prescribes
    methocarbamol.

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
    options = {"min_length": 4}

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        text = ctx.text
        for seg in ctx.segments:
            drugs = None  # spans of misspelled drug names: FA005's (one defect, one finding)
            for k, tok in enumerate(seg.tokens):
                word = tok.text
                if len(word) < ctx.options["min_length"] or not _ALPHA.match(word):
                    continue
                if vocab.known(word) or _in_address(text, tok.start, tok.end):  # cheap test first
                    continue
                if drugs is None:
                    drugs = {(s, e) for s, e, *_ in misspelled_drugs(ctx.resources.knowledge, vocab,
                                                                     seg.text, seg.start)}
                if (tok.start, tok.end) in drugs:
                    continue
                suggestion = vocab.suggest(word)
                if word[0].isupper():
                    derived = _DERIVED.match(word.lower())
                    near_term = suggestion in vocab.medical if suggestion else False
                    from_known = bool(derived) and vocab.known(derived.group("stem"))
                    if not (near_term or from_known):
                        continue  # a proper name
                message = f'"{word}" is not an English word or a known medical term'
                message += (f'; probably "{suggestion}".' if suggestion else
                            "; it looks garbled or transliterated from the source.")
                yield Match(tok.start, tok.end, message, suggestion=suggestion,
                            evidence={"word": word, "nearest": suggestion},
                            confidence=0.85 if suggestion else 0.7)


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the word is part of a URL, domain or e-mail address."""
    left = text.rfind(" ", 0, start) + 1
    right = text.find(" ", end)
    chunk = text[left:right if right >= 0 else len(text)]
    return any(c in chunk for c in "/@%") or re.search(r"\w\.\w", chunk) is not None
