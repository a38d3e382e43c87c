from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# what "since" names a point in time with: a year, "then", "childhood", "birth", "last year",
# "early 2010", "the 1990s"
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_DECADE = re.compile(r"^(1[89]|20)\d0s$")
_POINTS = {"then", "childhood", "birth", "infancy", "adolescence"}
_LAST = {"last", "early", "the"}
_TIME_NOUNS = {"year", "month", "week", "summer", "winter", "spring", "autumn", "decade",
               "century"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"}
# where the clause of "since" starts, looking back from it
_CLAUSE_EDGES = {",", ";", ":", "and", "but", "or", "that", "which", "who", "when", "while",
                 "because", "so", "(", ")"}
# "the first time since 2015", "the highest number since 2010", "ever since": correct with
# the simple past
_SUPERLATIVE = {"first", "last", "only", "ever", "next"}


class PastWithSince(Rule):
    """The simple past with "since" and a point in time: "was opened since 2007", "worked here
    since 2010", "was established since then".

    What it does
    Finds "since" followed by a year, a month and year, "then", "childhood", "birth" or "last
    year", and a verb in the simple past in the same clause before it ("was opened", "worked",
    "was quiet"). A clause with "had" ("had worked here since 2001"), a superlative or
    "first"/"only" ("the highest number since 2010", "the first time since 2015"), and
    "since" that opens a clause of cause ("since the old building was too small") pass.

    Why is this bad?
    "Since" + a point in time counts up to now, so English needs the present perfect ("has
    been open since 2007", "has worked here since 2010"). Persian uses the simple past with
    "az ... ta be hal" or "az sal-e 1386", and machine translation keeps it: the sentence mixes
    a finished past with a time that runs to the present.

    Example
    This hospital was opened since 2007, and Dr. Rahimi worked in it since 2010.

    Use instead
    This hospital opened in 2007 (or: has been open since 2007), and Dr. Rahimi has worked in
    it since 2010.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Since: https://dictionary.cambridge.org/grammar/british-grammar/since
    Cambridge Dictionary, Grammar, Present perfect simple: https://dictionary.cambridge.org/grammar/british-grammar/present-perfect-simple-i-have-worked
    """

    code = "TR082"
    name = "past-with-since"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i, tok in enumerate(toks):
                if tok.text.lower() != "since":
                    continue
                end = _point_in_time(toks, i + 1)
                if end is None:
                    continue
                verb = _past_verb(toks, i)
                if verb is None:
                    continue
                when = ctx.text[tok.start:toks[end].end]
                yield Match(toks[verb].start, toks[end].end,
                            f'"{toks[verb].text}" is the simple past, but "{when}" counts up to '
                            f'now: English uses the present perfect ("has/have been ..." or '
                            f'"has/have {toks[verb].text}" as a participle), or "in" with the '
                            f'date for a finished event.', confidence=0.7)


def _point_in_time(toks, k: int) -> int | None:
    """The index of the last token of the point in time that starts at toks[k], or None."""
    if k >= len(toks):
        return None
    low = toks[k].text.lower()
    if _YEAR.match(low) or low in _POINTS:
        return k
    nxt = toks[k + 1].text.lower() if k + 1 < len(toks) else ""
    if low in MONTHS and _YEAR.match(nxt):
        return k + 1
    if low in _LAST and (nxt in _TIME_NOUNS or _YEAR.match(nxt) or _DECADE.match(nxt)):
        return k + 1
    return None


def _past_verb(toks, since: int) -> int | None:
    """The simple-past verb of the clause that "since" (toks[since]) ends, or None."""
    found = None
    for k in range(since - 1, -1, -1):
        tok, low = toks[k], toks[k].text.lower()
        if low in _CLAUSE_EDGES:
            break
        if low in _SUPERLATIVE or tok.tag in ("JJS", "RBS"):
            return None
        if low in ("had", "has", "have", "'ve", "'d") or low == "'s" and tok.tag == "VBZ" or \
                tok.tag == "MD":
            return None  # "had worked here since 2001", "has been open since"
        if tok.tag in ("VBN", "JJ") and k > 0 and toks[k - 1].tag in ("NN", "NNS"):
            return None  # "the computers developed since the 1940s": "since" is the noun's
        if tok.tag == "VBD":
            if low == "used" and k + 1 < len(toks) and toks[k + 1].text.lower() == "to":
                return None  # "used to think ... since childhood": a habit
            found = k
    return found
