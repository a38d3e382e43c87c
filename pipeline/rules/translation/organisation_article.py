from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data

_BLOCKS = ("paragraph", "list_item")
# words that join the parts of a name ("Food and Drug Administration", "Society of Surgeons")
_JOINERS = {"of", "and", "for", "&"}
# what may stand before a name that takes "the" and shows the article is not simply missing
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his",
                "her", "your", "my", "whose", "each", "every", "any", "no", "another", "which"}
# a name is judged after a preposition or a verb, or when it opens a sentence with a verb
_BEFORE = ("IN", "TO", "VB", "VBD", "VBZ", "VBP", "VBN", "VBG")
_FINITE = ("VBD", "VBZ", "VBP", "MD")
_PREMODIFIERS = ("RB", "JJ", "VBN", "HYPH", "CD")
# words after a name that open a time phrase, not a compound ("from Iranian Medical Council
# last year")
_TIME_WORDS = {"last", "next", "this", "every", "each", "today", "yesterday", "tomorrow", "year",
               "month", "week", "day", "recently"}


class OrganisationWithoutThe(Rule):
    """The name of an organisation, a place or an event that takes "the" written without it: "a
    member of Iranian Society of Plastic Surgeons", "approved by Ministry of Health", "According
    to World Health Organization", "studied in United States", "after Second World War".

    What it does
    Finds a capitalised name whose main word names a kind of organisation (society,
    association, academy, organization, council, board, ministry, ...) and that either opens
    with a descriptive word (a nationality or a scope: "Iranian", "American", "European",
    "International", "National", "World") or opens with that main word and "of" ("Ministry of
    Health", "Society of Thoracic Surgeons"). Such names take "the" in English. The name is
    judged after a preposition or a verb, or when it opens a sentence that has a verb. Passing:
    a name after a determiner or a possessive ("an Iranian Society of Plastic Surgeons award"),
    or a determiner and its modifiers ("the newly formed International Olympic Committee"),
    inside a longer name, after "and" or a comma (the article of the first name may be
    shared), a name that modifies the next noun ("Russian Interior Ministry spokeswoman"),
    headings and titles, and names that open with a proper name ("Tehran
    University of Medical Sciences", "Royan Institute"), which English often writes without
    "the". Names of places and events that always take "the" (plural and union names, seas and
    gulfs, regions, the world wars: "the United States", "the Persian Gulf", "the Middle East",
    "the Second World War") are a list, judged in the same places. The word lists are
    `organisation_heads`, `descriptive_name_openers` and `names_with_the` in
    pipeline/rules/data/grammar_words.yaml.

    Why is this bad?
    Persian has no definite article, so machine translation drops it before names; doctors'
    pages are full of memberships and approvals ("member of Iranian Medical Council"), and
    every one of them reads as foreign.

    Example
    Dr. Karimi is a member of Iranian Society of Plastic Surgeons. The device is approved by
    American Food and Drug Administration.

    Use instead
    Dr. Karimi is a member of the Iranian Society of Plastic Surgeons. The device is approved
    by the American Food and Drug Administration.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, "Articles: the" (names of organisations): https://dictionary.cambridge.org/grammar/british-grammar/the
    Cambridge Dictionary, Grammar, "Geographical places" (seas, oceans, country names with "the"): https://dictionary.cambridge.org/grammar/british-grammar/geographical-places
    M. Swan, Practical English Usage, 3rd ed. (Oxford University Press, 2005), 67.5: place names and organisations with "the"
    """

    code = "TR086"
    name = "organisation-without-the"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        words = grammar_data.load()
        heads, openers = words["organisation_heads"], words["descriptive_name_openers"]
        places = words["names_with_the"]
        for seg in ctx.segments:
            toks = seg.tokens
            if seg.block_kind not in _BLOCKS or len(toks) < 3:
                continue
            i = 0
            while i < len(toks):
                end = _name_end(toks, i)
                # two names joined by "and" ("Tehran University and Iranian Red Crescent
                # Society") are judged apart, and a name may hold another after "of"
                # ("Congress of Iranian Rhinology Society")
                place = " ".join(t.text.lower() for t in toks[i:end])
                if end > i and place in places:
                    if _article_missing(toks, i, end):
                        yield _match(seg, toks, i, end, "place")
                elif end - i >= 2:
                    cut = next((k for k in range(i + 1, end - 1) if toks[k].text == "and"
                                and toks[k + 1].text.lower() in openers), end)
                    starts = [i] + [k + 1 for k in range(i, cut - 1) if toks[k].text == "of"
                                    and toks[k + 1].text.lower() in openers]
                    for s in starts:
                        if cut - s >= 2 and _takes_the(toks[s:cut], heads, openers) \
                                and _article_missing(toks, s, cut):
                            yield _match(seg, toks, s, cut)
                            break
                    end = cut + 1 if cut < end else end
                i = max(end, i + 1)


def _match(seg, toks, i: int, end: int, kind: str = "organisation") -> Match:
    name = seg.text[toks[i].start - seg.start:toks[end - 1].end - seg.start]
    the = "The" if i == 0 else "the"
    what = "an organisation" if kind == "organisation" else "a place or an event"
    return Match(toks[i].start, toks[end - 1].end,
                 f'"{name}" is the name of {what}, and English writes it with "the": '
                 f'"{the} {name}".', suggestion=f"{the} {name}", evidence={"name": name},
                 confidence=0.75)


def _capitalised(tok) -> bool:
    return tok.text[:1].isupper() and tok.text.isalpha()


def _name_end(toks, i: int) -> int:
    """The end of the capitalised name starting at toks[i] (i itself when there is none):
    capitalised words, joined by "of", "and", "for" or "&" when a capitalised word follows."""
    j = i
    while j < len(toks):
        if _capitalised(toks[j]):
            j += 1
        elif toks[j].text.lower() in _JOINERS and j > i and j + 1 < len(toks) \
                and _capitalised(toks[j + 1]):
            j += 1
        else:
            break
    return j


def _takes_the(name, heads, openers) -> bool:
    """Whether a name is one that English writes with "the": its main word (the word before
    the first "of" or "for", else the last word) names an organisation, and the name opens
    with a descriptive word or with that main word and "of"."""
    words = [t.text.lower() for t in name]
    cut = next((k for k, w in enumerate(words) if w in ("of", "for")), len(words))
    if cut == 0 or words[cut - 1] not in heads:
        return False
    if words[0] in openers:
        return True
    return cut == 1 and cut + 1 < len(words)


def _article_missing(toks, i: int, end: int) -> bool:
    if end < len(toks) and toks[end].tag in ("NN", "NNS", "JJ") and toks[end].text.islower() \
            and toks[end].text not in _TIME_WORDS:
        return False  # the name modifies a noun: "European Union regional policy"
    if i == 0:
        # a sentence that opens with the name: judged when a finite verb follows it
        return any(t.tag in _FINITE for t in toks[end:])
    k = i - 1
    while k > 0 and toks[k].tag in _PREMODIFIERS:
        k -= 1  # "the newly formed International Olympic Committee"
    if k < i - 1 and toks[k].text.lower() in _DETERMINERS:
        return False
    before = toks[i - 1]
    if before.text.lower() in _DETERMINERS or before.tag in ("PRP$", "POS", "DT") \
            or _capitalised(before) or before.text in ("'s", "\u2019s"):
        return False
    if before.tag not in _BEFORE:
        return False
    # title-like text (most words capitalised outside the name) is a heading or a label
    outside = [t for t in toks[:i] + toks[end:] if t.text.isalpha()][1:]
    return sum(_capitalised(t) for t in outside) * 2 <= len(outside)
