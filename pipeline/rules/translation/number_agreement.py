from __future__ import annotations

import re
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data, grammar_patterns
from pipeline.rules.translation.clauses import can_be_verb

PATH = packaged.rule_data("number_agreement.yaml")
LISTS = ("counting_words", "plural_determiners", "same_in_plural", "units", "plural_endings")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
# what may come before the number: the number starts its noun phrase ("the 12 ...", "about 300
# ...", "more than 2,000 ...", "has five ..."); after a noun or an adjective the number is a name
# or a rank ("type 2 diabetes", "room 12", "the top 10 ...")
_BEFORE = ("DT", "PDT", "IN", "TO", "MD", "RB", "RBR", "CC", "CD", "PRP$", "POS", "WDT",
           ",", ":", "-LRB-", "``", "''")
_MODIFIERS = ("JJ", "JJR", "JJS", "NN", "VBN")
_AFTER_HEAD = ("NN", "NNS", "NNP", "NNPS", "HYPH", "POS", "CD")
_PRONOUNS = ("these", "those", "many", "several")  # determiners that also stand alone


class NumberAgreementError(Exception):
    pass


@lru_cache(maxsize=1)
def load() -> dict[str, frozenset[str]]:
    """The lists of number_agreement.yaml as frozensets; a malformed file is an error naming it."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise NumberAgreementError(f"{PATH}: {e}") from e
    if not isinstance(data, dict) or set(data) != set(LISTS):
        raise NumberAgreementError(f"{PATH}: must hold exactly {', '.join(LISTS)}")
    for key in LISTS:
        words = data[key]
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() and
                                                  w == w.lower() for w in words):
            raise NumberAgreementError(f"{PATH}: {key!r} must be a list of lower-case words")
    return {key: frozenset(data[key]) for key in LISTS}


class SingularAfterNumber(Rule):
    """A noun left in the singular after a number above one: "12 successful operation",
    "three session", "2,000 patient".

    What it does
    Finds a number greater than one (digits, or a number word such as "three" or "twelve") that
    opens a noun phrase whose head noun is singular (spaCy's NN), with only adjectives and
    nouns between them ("12 successful knee operation"). The number must start its phrase (after
    a determiner, a preposition, a verb, an adverb or nothing): after a noun or an adjective it is
    a name or a rank and passes ("type 2 diabetes", "room 12", "the top 10 list"). Also passing:
    a number phrase used as a modifier after "a" ("a 2,000 calorie diet") or before another
    noun ("a two week course", whose hyphen TR018 judges), ages ("45 year old"), years, decimals,
    units and abbreviations ("5 mg", "3 mm", "10 percent"), nouns whose plural is the
    singular ("200 staff", "two species") and classical plurals that spaCy tags as singular
    ("two vertebrae", "three emboli"). The same after a plural determiner ("these method",
    "many patient", "several option", "various type of", "those line and creases"); a verb after
    a determiner that stands alone ("These help maintain", "Many believe that"), a compound
    ("these treatment options") and coordinated modifiers ("many community and private
    hospitals") pass. The word lists are in
    pipeline/rules/data/number_agreement.yaml; the measure words come from grammar_words.yaml.

    Why is this bad?
    Persian keeps the counted noun in the singular after every number ("se jalase", literally
    "three session"), and machine translation often copies it. In English a count above one
    takes the plural; the singular reads as a typing error or as broken English.

    Example
    The surgeon performed 12 successful knee operation last month; most patients need three
    session of therapy, and these method are safe.

    Use instead
    The surgeon performed 12 successful knee operations last month; most patients need three
    sessions of therapy, and these methods are safe.

    Severity
    Minor: the meaning stays clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Nouns: singular and plural: https://dictionary.cambridge.org/grammar/british-grammar/nouns-singular-and-plural
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR045"
    name = "singular-after-number"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        words = load()
        measures = frozenset(grammar_data.load()["measure_plurals"].values())
        for seg in ctx.segments:
            toks = seg.tokens
            for i, tok in enumerate(toks):
                head = _singular_head(toks, i, words, measures)
                if head is not None:
                    noun = toks[head].text
                    yield Match(tok.start, toks[head].end,
                                f'"{tok.text}" counts more than one, but "{noun}" is singular: '
                                f'English puts the noun in the plural.',
                                evidence={"number": tok.text, "noun": noun.lower()},
                                confidence=0.75)


def _counts_several(text: str, words: dict) -> bool:
    low = text.lower()
    if low in words["counting_words"]:
        return True
    if not _DIGITS.fullmatch(text):
        return False
    value = int(text.replace(",", ""))
    return value > 1 and not ("," not in text and len(text) == 4 and 1000 <= value <= 2100)


def _counted_by_determiner(toks, i: int, head: int, nxt) -> bool:
    """Whether the singular noun toks[head] is really counted by the plural determiner toks[i]
    ("many patient", "those line and creases"), and not a verb after a pronoun ("These help
    maintain", "Many surrender to"), a participle ("those handling"), a plural the tagger took
    for a singular ("these chaityas", "these insignia"), a compound ("these skin problem") or
    the first of coordinated modifiers ("many community and private hospitals")."""
    noun = toks[head].text.lower()
    if noun.endswith(("ing", "ia")) or noun.endswith("s") and not noun.endswith("ss") \
            or sum(t.tag == "NN" for t in toks[i + 1:head + 1]) > 1:
        return False
    if nxt is None:
        return True
    # a count noun of TR019's list ("patient", "eye") is a noun, not a verb after a pronoun
    count_noun = noun in grammar_data.load()["count_nouns"] and not can_be_verb(noun)
    if not count_noun and (nxt.tag in ("DT", "PRP", "PRP$", "JJ") or
                           nxt.text.lower() in ("n't", "'t", "’t", "'", "’")):
        return False  # "These cause the pain"
    det = toks[i].text.lower()
    if det == "various" and noun in grammar_patterns.load()["uncountable"]:
        return False  # "various equipment": of several kinds
    opens_clause = i == 0 or toks[i - 1].tag in (",", ":", "CC") or toks[i - 1].text == ";"
    if det in _PRONOUNS and opens_clause and nxt.tag in ("IN", "TO", "VB", "RB") \
            and not count_noun:
        return False  # "These range in size", "These help maintain"
    if nxt.tag == "CC" or nxt.text == ",":
        later = toks[head + 2:head + 12]
        return not any(t.tag == "NNS" and k > 0 and later[k - 1].tag in ("JJ", "NN", "NNP")
                       for k, t in enumerate(later))
    return True


def _singular_head(toks, i: int, words: dict, measures: frozenset) -> int | None:
    """Index of the singular head noun counted by the number or plural determiner toks[i]
    ("these", "many", "several"), or None."""
    tok = toks[i]
    every = tok.text.lower() == "all" and tok.tag in ("DT", "PDT")
    determiner = (tok.text.lower() in words["plural_determiners"] or every) and \
        tok.tag in ("DT", "JJ", "PDT")
    if not determiner and (tok.tag != "CD" or not _counts_several(tok.text, words)):
        return None
    prev = toks[i - 1] if i > 0 else None
    if not determiner and prev is not None and not (prev.tag in _BEFORE or
                                                    prev.tag.startswith("VB")):
        return None
    if prev is not None and prev.text.lower() in ("a", "an"):
        return None  # "a 2,000 calorie diet": the number phrase modifies the noun
    k, seen_noun = i + 1, False
    while k < len(toks) and k - i <= 4 and (toks[k].tag == "NN" or
                                             not seen_noun and toks[k].tag in _MODIFIERS):
        seen_noun = seen_noun or toks[k].tag == "NN"
        k += 1
    head = k - 1
    if head == i or toks[head].tag != "NN":
        return None
    nxt = toks[k] if k < len(toks) else None
    if nxt is not None and (nxt.tag in _AFTER_HEAD or nxt.text.lower() in ("old", "-")):
        return None
    if determiner and not _counted_by_determiner(toks, i, head, nxt):
        return None
    noun = toks[head].text
    if not noun.isalpha() or not noun.islower() or len(noun) < 3 \
            or noun in words["same_in_plural"] or noun in words["units"] \
            or noun.endswith(tuple(words["plural_endings"])):
        return None
    if every and noun.lower() not in grammar_data.load()["count_nouns"]:
        return None  # "all treatment", "all day": "all" counts only the count nouns of TR019
    if not all(t.text.isalpha() for t in toks[i + 1:head]):
        return None  # "25 % threshold", "five o'clock"
    nouns = [t for t in toks[i + 1:head + 1] if t.tag == "NN"]
    if len(nouns) > 1 and (nouns[0].text.lower() in measures or nouns[0].text.lower()
                           in words["units"]):
        return None  # "two week course", "3 mm incision": a measure modifies the noun
    return head
