from __future__ import annotations

import calendar
import re
from functools import lru_cache

from pipeline import packaged, wordlists
from pipeline.article_need.phrases import sentence_like
from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import alternation, load
from pipeline.rules.translation.clauses import FINITE_TAGS
from pipeline.rules.translation.stray_capital import CAPITALISED_FUNCTION_WORDS
from pipeline.rules.translation.word_lists import read_word_lists, word_lists

CAPITALS = packaged.rule_data("translation_capitals.yaml")
_KEYS = ("always_capitalised", "name_openers", "name_heads", "lower_case_eponyms")
_CALENDAR = frozenset(n.lower() for n in [*calendar.month_name, *calendar.day_name] if n)
_BLOCKS = ("paragraph", "list_item", "heading", "title")
_POSSESSIVE = ("'s", "\u2019s")


@lru_cache(maxsize=1)
def _link_label() -> re.Pattern:
    """The link labels of CO006's data ("read more", "learn more"): a line with one is navigation."""
    d = load("boilerplate")
    return re.compile(rf"\b(?i:{alternation([*d['link_openers'], *d['trailing_links']])})\b")


@lru_cache(maxsize=1)
def capital_lists() -> dict[str, frozenset[str]]:
    """The word lists of translation_capitals.yaml (TR071's and TR075's)."""
    return read_word_lists(CAPITALS, _KEYS)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Words English writes in lower case (Harper's dictionary), less those that human English
    capitalises in running text more often than not (MLQE-PE's post-edits)."""
    return wordlists.lowercase_words() - wordlists.capitalised_words()


@lru_cache(maxsize=1)
def _never_judged() -> frozenset[str]:
    """Words TR071 leaves alone whatever their case: the listed exceptions, month and day
    names, and the words that usually open a sentence (TR006's)."""
    return capital_lists()["always_capitalised"] | _CALENDAR | word_lists()["sentence_openers"]


class CapitalisedCommonWord(Rule):
    """A common noun, adjective or verb written with a capital letter in mid-sentence: "after
    dental Implant treatment", "In fact, Implants do not decay", "Liposuction is Suitable for whom?".

    What it does
    In a sentence with a finite verb, of running text or a sentence-case heading (not a line in
    Title Case, nor lines of links or a table's cells run together), finds a
    word in mid-sentence with a capital first letter, after a lower-case word other than "the" (or
    a comma after one) and before a word that is neither capitalised nor a number, when English
    writes that word in lower case:
    Harper's dictionary accepts it in lower case and human English does not capitalise it more
    often than not (pipeline/data/casing/, built by scripts/vendor_casing.py from the common
    words of wordfreq and the post-edits of MLQE-PE). Names are left alone: words Harper knows only
    with a capital ("Iran", "Monday", "Botox", "English") or does not know at all ("Tabriz"),
    words the post-edits mostly capitalise ("French", "Senate"); medical common nouns that
    the dictionary may lack are judged by their ending ("a Rhinoplasty", "helps
    Physiotherapists": -plasty, -ectomy, -scopy, -therapy, -therapist, -ologist, ...); "the" + a name ("the Pope"),
    numbered labels ("Chapter 2", "Type 2"), month and day names, multi-word names ("Behbood Hospital", "the Nasr Clinic":
    a capitalised word beside it), names after a title or a naming word ("Dr Rose", "a laser
    called Soprano"), eponyms before their noun ("Down syndrome", "Pap smear"), the items of a
    list whose items are mostly capitalised, as names of services are ("including: Neurology,
    Burn injuries, Sport, Geriatrics"), and the words
    listed in pipeline/rules/data/translation_capitals.yaml ("God willing", "the Internet").
    Capitalised function words ("each A muscle") are TR006's, a heading glued to a sentence is
    TR039's.

    Why is this bad?
    Persian script has no capital letters, so machine translation and the people who post-edit
    it scatter them: a product word of the page ("Implant", "Laser") capitalised like a brand, a
    word capitalised because it began a line of the source. The reader takes it for a name, and
    the page looks careless.

    Example
    In fact, Implants do not decay, but dental Implant treatment needs good oral hygiene.

    Use instead
    In fact, implants do not decay, but dental implant treatment needs good oral hygiene.

    Severity
    Minor: the meaning is kept (MQM Fluency/Spelling, capitalisation).

    References
    Chicago Manual of Style, 17th ed., 8.1 (names and terms: proper nouns capitalised, common nouns lower case): https://www.chicagomanualofstyle.org/book/ed17/part2/ch08/toc.html
    Harper (Automattic), dictionary and spell check: https://github.com/Automattic/harper
    MQM core typology, Fluency/Spelling: https://themqm.org/error-types-2/typology/
    """

    code = "TR071"
    name = "capitalised-common-word"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Spelling"

    def check(self, ctx):
        lower, lists, skip = _common_words(), capital_lists(), _never_judged()
        text = ctx.text
        for seg in ctx.segments:
            if seg.block_kind not in _BLOCKS:
                continue
            toks = seg.tokens
            if not sentence_like([t.text for t in toks]) or \
                    not any(t.tag in FINITE_TAGS for t in toks) or "\n" in seg.text or \
                    _link_label().search(seg.text):
                continue  # a label, links, a title or a table's cells run together
            for i in range(1, len(toks)):
                tok = toks[i]
                low = tok.text.lower()
                if not (tok.text.isalpha() and tok.text.istitle() and len(tok.text) >= 3) or \
                        tok.text in CAPITALISED_FUNCTION_WORDS or low in skip or \
                        low not in lower and not low.endswith(_MEDICAL_COMMON_ENDINGS):
                    continue
                before = _word_before(toks, i, text)
                if before is None or before.text.lower() in lists["name_openers"] or \
                        before.text.lower() == "the":
                    continue
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                if nxt is not None and nxt.text in _POSSESSIVE:
                    nxt = toks[i + 2] if i + 2 < len(toks) else None
                if nxt is not None and (nxt.text[:1].isupper() or nxt.text[:1].isdigit() or
                                        nxt.text.lower() in lists["name_heads"]):
                    continue  # a name of several words, an initial, a number, or an eponym
                if _in_name(toks, i) or _capitalised_list(toks, i) or _degree_subject(toks, i):
                    continue
                if text[tok.end:tok.end + 1] in ('"', "\u201d", "'", "\u2019") or \
                        text[tok.start - 1:tok.start] in ('"', "\u201c", "'", "\u2018"):
                    continue  # a quoted word
                yield Match(tok.start, tok.end,
                            f'"{tok.text}" is capitalised in mid-sentence, but it is a common word, '
                            f'not a name: English writes it in lower case ("{low}").',
                            suggestion=low, evidence={"previous": before.text}, confidence=0.7)


# endings of medical common nouns that Harper's dictionary may not list ("rhinoplasty",
# "physiotherapists", "sclerotherapy"): procedures, treatments and professions, never names
_MEDICAL_COMMON_ENDINGS = ("plasty", "plasties", "ectomy", "ectomies", "otomy", "ostomy", "scopy",
                           "therapy", "therapies", "therapist", "therapists", "ologist",
                           "ologists", "ography")

_NAME_JOINERS = frozenset(("of", "for", "and", "the", "&", "in", "on", "de"))


def _capitalised_list(toks, i: int) -> bool:
    """Whether toks[i] opens an item of a list whose items are capitalised as names of services
    are ("including: Neurology, Burn injuries, Sport, Geriatrics"): at least three items open
    after a comma or a colon, and at least three in five of them with a capital."""
    if toks[i - 1].text not in (",", ":") and not (toks[i - 1].text.lower() in ("and", "or")
                                                   and i >= 2 and toks[i - 2].text == ","):
        return False
    starts = [toks[k + 1] for k in range(len(toks) - 1) if toks[k].text in (",", ":")]
    capitalised = sum(1 for t in starts if t.text[:1].isupper())
    return len(starts) >= 3 and capitalised >= 3 and capitalised >= 0.6 * len(starts)


_DEGREES = {"phd", "ph.d.", "ph.d", "msc", "m.sc.", "m.sc", "bsc", "b.sc.", "b.sc", "md", "m.d.",
            "ma", "ba", "master", "masters", "master's", "bachelor", "bachelor's", "doctorate",
            "diploma", "degree", "fellowship", "dphil", "mph", "dds", "dmd", "pharmd", "mba"}


def _degree_subject(toks, i: int) -> bool:
    """The subject of a degree, which English capitalises: "Ph.D. in Physiotherapy", "Master of
    Nursing", "fellowship in Knee Surgery"."""
    k = i - 1
    while k > 0 and toks[k].text[:1].isupper() and toks[k].text.isalpha():
        k -= 1  # "in Sports Physiotherapy"
    return k >= 1 and toks[k].text.lower() in ("in", "of") and \
        toks[k - 1].text.lower().rstrip(",") in _DEGREES


def _in_name(toks, i: int) -> bool:
    """Whether toks[i] continues or opens a name in Title Case joined by small words
    ("Intensive Care Unit for Children and Infants", "Ministry of Health"): a capitalised word
    (not the sentence's first) one or two small words before or after it."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(toks) and toks[j].text.lower() in _NAME_JOINERS and abs(j - i) <= 2:
            j += step
        if j != i + step and 0 < j < len(toks) and toks[j].text[:1].isupper() and toks[j].text.isalpha():
            return True
    return False


def _word_before(toks, i: int, text: str):
    """The word that `toks[i]` follows directly (one space), or across a comma ("In fact,
    Implants"), when it is a lower-case word or the sentence's first word; else None (a
    capitalised word of a name, a colon, a bracket, a number, a line break)."""
    prev = toks[i - 1]
    j = i - 1
    if prev.text == "," and i >= 2 and text[prev.end:toks[i].start] == " ":
        j = i - 2
        prev = toks[j]
    elif text[prev.end:toks[i].start] != " ":
        return None
    if prev.text == ")" and j >= 1 and toks[j - 1].text.isalpha() and toks[j - 1].text.islower() \
            and j < i - 1:
        return toks[j - 1]  # "... the ovary (ovulation), Sperm and ...": a bracket before the comma
    if not prev.text.isalpha():
        return None
    if prev.text.islower() or j == 0:
        return prev
    return None
