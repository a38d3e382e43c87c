from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.past_with_since import MONTHS

# a year of the Gregorian or the Persian (solar hijri) calendar
_YEAR = re.compile(r"^(1[3489]|20)\d\d$")
_AGO_UNITS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "decade",
              "decades", "century", "centuries", "hour", "hours"}
_LAST_UNITS = {"year", "month", "week", "night", "summer", "winter", "spring", "autumn",
               "decade", "century"}
# where a clause starts or ends, seen from a time phrase
_CLAUSE_EDGES = {",", ";", ":", "and", "but", "or", "that", "which", "who", "when", "while",
                 "because", "so", "(", ")", "since", "after", "before", "until", "if"}
_HAVE = {"has", "have", "'ve"}
MAX_GAP = 3  # words between "has/have" and the participle ("has also successfully been")


class PerfectWithPastTime(Rule):
    """The present perfect with a time that is over: "has been opened in 2010", "has
    graduated in 2005", "has started its work 20 years ago".

    What it does
    Finds a finished time: "in" and a year (Gregorian, or 13xx/14xx of the Persian calendar),
    "in" a month and a year, "... ago", "yesterday" or "last year/month/week", and the present
    perfect ("has"/"have" and a participle) in the same clause, before it or, when the time
    opens the sentence ("In 2015, the centre has performed"), after it. Passing: "since" ("has
    been open since 2010"), periods that run to now ("in the past five years", "this year"), a
    year that modifies a noun ("in 2020 recommendations"), a modal or "to" before "have"
    ("should have been approved in 2018", "is said to have been born in 1950") and "had".

    Why is this bad?
    English uses the simple past for an event at a finished time ("graduated in 2005", "opened
    in 2010"); the present perfect says the event is connected to now and takes no finished
    time. Persian's "farigh-ol-tahsil shode ast" (present perfect in form) is the normal way to
    state a past event, and machine translation keeps the tense; doctors' and hospitals' pages
    are full of it.

    Example
    Dr. Ahmadi has graduated from Tehran University in 2005, and the clinic has been opened
    20 years ago.

    Use instead
    Dr. Ahmadi graduated from Tehran University in 2005, and the clinic opened 20 years ago.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Present perfect simple ("We don't use the present perfect
    with adverbials which refer to a finished time"): https://dictionary.cambridge.org/grammar/british-grammar/present-perfect-simple-i-have-worked
    M. Swan, Practical English Usage, 3rd ed. (Oxford University Press, 2005), 455: present perfect and finished time
    """

    code = "TR088"
    name = "perfect-with-past-time"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks)):
                end = _finished_time(toks, i)
                if end is None:
                    continue
                have = _perfect_before(toks, i)
                if have is None and _opens_sentence(toks, i):
                    have = _perfect_after(toks, end + 1)
                if have is None:
                    continue
                first, last = have
                when = ctx.text[toks[i].start:toks[end].end]
                verb = ctx.text[toks[first].start:toks[last].end]
                past = _simple_past(toks, first, last)
                yield Match(toks[first].start, toks[last].end,
                            f'"{verb}" is the present perfect, but "{when}" is a finished '
                            f'time: English uses the simple past'
                            + (f' ("{past}").' if past else '.'), suggestion=past,
                            evidence={"time": when}, confidence=0.75)


def _finished_time(toks, i: int) -> int | None:
    """The last token of a finished time that starts at toks[i], or None."""
    low = toks[i].text.lower()
    nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
    if low == "in" and i + 1 < len(toks):
        k = i + 2 if nxt in MONTHS and i + 2 < len(toks) else i + 1
        if _YEAR.match(toks[k].text) and not _year_modifies_noun(toks, k):
            return k
        return None
    if low == "yesterday":
        return i
    if low == "last" and nxt in _LAST_UNITS and (i == 0 or toks[i - 1].tag not in ("DT", "PRP$")):
        return i + 1  # "last year", not "the last year" (the twelve months up to now)
    if low in _AGO_UNITS and nxt == "ago" and i > 0 and toks[i - 1].tag in ("CD", "JJ", "DT"):
        return i + 1
    return None


def _year_modifies_noun(toks, k: int) -> bool:
    """"in 2020 recommendations", "in 2019 and 2021 issues": the year describes a noun."""
    j = k + 1
    if j + 1 < len(toks) and toks[j].text.lower() in ("and", "or") \
            and _YEAR.match(toks[j + 1].text):
        j += 2
    return j < len(toks) and toks[j].tag in ("NN", "NNS", "NNP", "JJ")


def _opens_sentence(toks, i: int) -> bool:
    return i == 0 or i == 1 and toks[0].tag in ("RB", "CC")


def _perfect_before(toks, i: int) -> tuple[int, int] | None:
    """(has/have, participle) of the clause that the time at toks[i] ends, or None."""
    start = i
    while start > 0 and toks[start - 1].text.lower() not in _CLAUSE_EDGES:
        start -= 1
    return _perfect_in(toks, start, i)


def _perfect_after(toks, k: int) -> tuple[int, int] | None:
    """The present perfect of the clause after a sentence-opening time phrase and its comma."""
    if k < len(toks) and toks[k].text == ",":
        k += 1
    end = k
    while end < len(toks) and toks[end].text.lower() not in _CLAUSE_EDGES:
        end += 1
    return _perfect_in(toks, k, end)


def _perfect_in(toks, start: int, end: int) -> tuple[int, int] | None:
    for h in range(start, end):
        if toks[h].text.lower() not in _HAVE or toks[h].tag not in ("VBZ", "VBP"):
            continue
        if h > 0 and (toks[h - 1].tag == "MD" or toks[h - 1].text.lower() == "to"):
            return None  # "should have been approved in 2018", "to have been born"
        for p in range(h + 1, min(end, h + 2 + MAX_GAP)):
            if toks[p].tag == "VBN":
                if toks[p].text.lower() == "been" and p + 1 < end and toks[p + 1].tag == "VBN":
                    return h, p + 1
                return h, p
            if toks[p].tag not in ("RB", "VBN"):
                break
        return None
    return None


def _simple_past(toks, first: int, last: int) -> str | None:
    """The simple past of a present perfect: "has been opened" -> "was opened", "have
    graduated" -> "graduated"; None for an irregular participle ("has taken": "took")."""
    have = toks[first].text.lower()
    words = [t.text for t in toks[first + 1:last + 1]]
    if words and words[0].lower() == "been":
        return " ".join(["was" if have == "has" else "were"] + words[1:])
    return " ".join(words) if words[-1].lower().endswith("ed") else None
