from __future__ import annotations

from functools import lru_cache

from pipeline import wordlists
from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.common_word_capital import capital_lists

@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Harper's names, less the eponymous adjectives medical English writes in lower case."""
    return wordlists.proper_words() - capital_lists()["lower_case_eponyms"]


# titles written before a person's name ("Professor Sharifi", "Dr Karimi")
_TITLES = {"professor": "Professor", "prof": "Prof", "doctor": "Doctor", "dr": "Dr"}
# words before a title that make it an ordinary noun ("your doctor Karimi", "the professor")
_NOUN_MARKERS = {"a", "an", "the", "your", "our", "his", "her", "their", "my", "its", "this",
                 "that", "each", "every", "any", "family", "attending", "treating"}


def _titles(toks):
    """"by professor Sharifi", "and dr. Karimi": a title in lower case before a capitalised name
    (not "your doctor", "the professor")."""
    for k in range(1, len(toks) - 1):
        tok, nxt = toks[k], toks[k + 1]
        title = _TITLES.get(tok.text.rstrip("."))
        if title is None or not tok.text.islower():
            continue
        if nxt.text == ".":  # "dr . Karimi" as the tokenizer may split it
            nxt = toks[k + 2] if k + 2 < len(toks) else None
        if nxt is None or not (nxt.text[:1].isupper() and nxt.text[1:].islower()
                               and nxt.tag in ("NNP", "NNPS")) \
                or toks[k - 1].text.lower() in _NOUN_MARKERS or toks[k - 1].tag in ("JJ", "PRP$"):
            continue
        yield Match(tok.start, tok.end,
                    f'"{tok.text}" is the title of the name after it: English writes it with a '
                    f'capital letter ("{title}{tok.text[len(title):]} {nxt.text}").',
                    suggestion=title + tok.text[len(title):], confidence=0.75)


# characters around a word that make it part of an address, a handle, a tag or a file name
_ADDRESS = frozenset("@#/\\_.:=")


class NameInLowerCase(Rule):
    """A name written in lower case: "nose job in iran", "on monday", "english speaking staff".

    What it does
    Finds a word in lower case that English writes only with a capital letter: a country, city,
    language, nationality, month or day, a person's or a brand's name. Which words those are
    comes from Harper's dictionary, which records each word's capitalisation: it flags "iran"
    and accepts "Iran" (pipeline/data/casing/proper_words.txt.gz, built by
    scripts/vendor_casing.py). Words Harper accepts in lower case too ("china" plates, "turkey",
    "may") never count, nor do adjectives formed from a name that medical English writes in
    lower case ("fallopian tube", "parkinsonian gait": the list `lower_case_eponyms` in
    pipeline/rules/data/translation_capitals.yaml), nor words that human English writes in lower case as often (the
    MLQE-PE post-edits: "electron"), a prefix before a hyphen ("neo-Gothic"), a particle before
    a name ("della Valle") and words inside a web address, an e-mail address, a hashtag or a
    file name. A title in lower case before a person's name is reported too ("opened by
    professor Sharifi", "and dr. Karimi"); "your doctor", "the professor" are ordinary nouns.

    Why is this bad?
    Persian script has no capital letters; machine translation and SEO keyword lines ("nose job
    iran") leave names in lower case, and the page looks careless or machine-made.

    Example
    Many patients travel to iran for rhinoplasty; the clinic is closed on friday.

    Use instead
    Many patients travel to Iran for rhinoplasty; the clinic is closed on Friday.

    Severity
    Minor: the meaning is kept (MQM Fluency/Spelling, capitalisation).

    References
    Chicago Manual of Style, 17th ed., 8.1 (proper nouns are capitalised): https://www.chicagomanualofstyle.org/book/ed17/part2/ch08/toc.html
    Harper (Automattic), dictionary and spell check: https://github.com/Automattic/harper
    MQM core typology, Fluency/Spelling: https://themqm.org/error-types-2/typology/
    """

    code = "TR075"
    name = "name-in-lower-case"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Spelling"

    def check(self, ctx):
        names = _names()
        text = ctx.text
        for seg in ctx.segments:
            yield from _titles(seg.tokens)
            for n, tok in enumerate(seg.tokens):
                word = tok.text
                if not (word.isalpha() and word.islower() and len(word) >= 3 and word in names):
                    continue
                if text[tok.start - 1:tok.start] in _ADDRESS or text[tok.end:tok.end + 1] in _ADDRESS \
                        and text[tok.end + 1:tok.end + 2].isalnum():
                    continue  # "www.iran.ir", "#iran", "iran_clinic"
                nxt = seg.tokens[n + 1] if n + 1 < len(seg.tokens) else None
                if text[tok.end:tok.end + 1] == "-" or nxt is not None and nxt.text[:1].isupper() \
                        or text[tok.start - 1:tok.start] == "-":
                    continue  # a prefix ("neo-Gothic"), a particle of a name ("della Valle") or
                    # the end of a lower-case compound ("bain-marie")
                fixed = word[0].upper() + word[1:]
                yield Match(tok.start, tok.end,
                            f'"{word}" is a name: English writes it with a capital letter ("{fixed}").',
                            suggestion=fixed, confidence=0.75)
