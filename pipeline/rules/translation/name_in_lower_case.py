from __future__ import annotations

from functools import lru_cache

from pipeline import wordlists
from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.common_word_capital import capital_lists

@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    """Harper's names, less the eponymous adjectives medical English writes in lower case."""
    return wordlists.proper_words() - capital_lists()["lower_case_eponyms"]


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
    file name.

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
            for n, tok in enumerate(seg.tokens):
                word = tok.text
                if not (word.isalpha() and word.islower() and len(word) >= 3 and word in names):
                    continue
                if text[tok.start - 1:tok.start] in _ADDRESS or text[tok.end:tok.end + 1] in _ADDRESS \
                        and text[tok.end + 1:tok.end + 2].isalnum():
                    continue  # "www.iran.ir", "#iran", "iran_clinic"
                nxt = seg.tokens[n + 1] if n + 1 < len(seg.tokens) else None
                if text[tok.end:tok.end + 1] == "-" or nxt is not None and nxt.text[:1].isupper():
                    continue  # a prefix ("neo-Gothic") or a particle of a name ("della Valle")
                fixed = word[0].upper() + word[1:]
                yield Match(tok.start, tok.end,
                            f'"{word}" is a name: English writes it with a capital letter ("{fixed}").',
                            suggestion=fixed, confidence=0.75)
