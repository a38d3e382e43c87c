from __future__ import annotations

import re

from pipeline import packaged
from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.word_lists import read_word_lists

DATA = packaged.rule_data("time_prepositions.yaml")
KEYS = ("months", "weekdays", "seasons", "day_parts", "period_nouns", "complement_governors",
        "duration_units", "number_words")

_YEAR = re.compile(r"^(1[3-9]\d\d|20\d\d)$")  # Gregorian, and Solar Hijri years (13xx, 14xx)
_DECADE = re.compile(r"^(1[3-9]\d0|20\d0)s$")
_DAY = re.compile(r"^([1-9]|[12]\d|3[01])(st|nd|rd|th)?$")
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:.][0-5]\d$")
_CLOCK_MARK = frozenset({"a.m.", "p.m.", "am", "pm", "o'clock"})
_GLUED_CLOCK = re.compile(r"^(1[0-2]|[1-9])(am|pm)$", re.IGNORECASE)
# after the time expression: a word that continues a noun phrase makes it a modifier
# ("the March 2015 issue", "on 2015 guidelines", "at 2000 mg", "In November 23 patients")
_NOMINAL = ("NN", "JJ", "CD", "POS", "HYPH")

# kind of time -> the preposition English gives it
RIGHT = {"year": "in", "month": "in", "season": "in", "decade": "in", "period": "in",
         "weekend": "on", "date": "on", "weekday": "on", "clock": "at"}
KIND_WORDS = {"year": "a year", "month": "a month", "season": "a season", "decade": "a decade",
              "period": "a span of years or months", "weekend": "weekends",
              "date": "a date", "weekday": "a day of the week", "clock": "a clock time"}


def words() -> dict[str, frozenset[str]]:
    """The word lists of time_prepositions.yaml (a bad file raises RuleError naming it)."""
    return read_word_lists(DATA, KEYS)


class TimePreposition(Rule):
    """A time given with the wrong preposition: "on March 2015", "in 21 March", "at 2012".

    What it does
    Finds "in", "on" or "at" before a time expression that English gives another preposition:
    a year, a month (with or without its year), a season, a decade or "those years" take "in"
    ("on August 1949", "at 2012", "On those years"); a date and a day of the week take "on"
    ("in 21 March 1975", "in November 23rd", "in Fridays"); a clock time takes "at" ("in 8 a.m.",
    "on 9 o'clock"); weekends take "on" or "at", never a bare "in". A time that modifies the noun
    after it passes ("in the March 2015 issue", "based on 2015 guidelines", "at 2000 mg"), as
    does "on" or "at" after a word it completes ("depends on", "looked at", "as at 31 March").
    Also "until" or "till" before a length of time that ends its phrase ("Avoid sport until 6
    weeks."): a length takes "for" or "up to"; a point after it passes ("until 4 weeks after
    surgery", "until six weeks have passed", "until 6 months of age"). And "since" before a
    length of time ("pain since 3 days"), which takes "for"; "since 2 years ago" passes.
    The words are in pipeline/rules/data/time_prepositions.yaml.

    Why is this bad?
    Persian marks every time with one preposition, "dar" ("in"), or none, and machine
    translation then picks "in", "on" or "at" at random; Persian "ta" is both "until" and "for". The date still reads, but a reader sees
    a translation error in every history and opening-hours paragraph.

    Example
    The clinic was opened on March 2015 and is closed in Fridays.

    Use instead
    The clinic was opened in March 2015 and is closed on Fridays.

    Severity
    Minor: the time is still clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, At, on and in (time):
    https://dictionary.cambridge.org/grammar/british-grammar/at-on-and-in-time
    M. Swan, Practical English Usage, 3rd ed. (Oxford University Press, 2005), 82 and 602.
    Cambridge Dictionary, Grammar, Until: https://dictionary.cambridge.org/grammar/british-grammar/until
    """

    code = "TR064"
    name = "time-preposition"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        w = words()
        for seg in ctx.segments:
            toks = seg.tokens
            yield from _until_length(ctx.text, toks, w)
            yield from _since_length(ctx.text, toks, w)
            for i, tok in enumerate(toks):
                prep = tok.text.lower()
                if prep not in ("in", "on", "at") or tok.tag != "IN":
                    continue
                if prep != "in" and i > 0 and toks[i - 1].text.lower() in \
                        w["complement_governors"]:
                    continue
                found = time_expression(toks, i + 1, w)
                if found is None:
                    continue
                kind, end = found
                right = RIGHT[kind]
                if prep == right or (kind == "weekend" and prep == "at"):
                    continue
                span = ctx.text[tok.start:toks[end].end]
                fixed = right + span[len(prep):] if tok.text.islower() else \
                    right.capitalize() + span[len(prep):]
                yield Match(tok.start, toks[end].end,
                            f'"{span}": English puts "{right}" before {KIND_WORDS[kind]}, '
                            f'not "{prep}".', suggestion=fixed,
                            evidence={"preposition": prep, "time": kind, "expected": right},
                            confidence=0.8)


def time_expression(toks, j: int, w: dict) -> tuple[str, int] | None:
    """(kind, index of its last token) of the time expression starting at toks[j], or None when
    there is none or it modifies a noun after it."""
    found = _expression(toks, j, w)
    if found is None:
        return None
    end = found[1]
    if end + 1 < len(toks):
        nxt = toks[end + 1]
        if nxt.tag.startswith(_NOMINAL) or nxt.text in ("'s", "’s", "-"):
            return None
    return found


def _expression(toks, j: int, w: dict) -> tuple[str, int] | None:
    n = len(toks)

    def word(k: int) -> str:
        return toks[k].text.lower() if k < n else ""

    def text(k: int) -> str:
        return toks[k].text if k < n else ""

    def month(k: int) -> bool:
        return k < n and word(k) in w["months"] and text(k)[0].isupper() and \
            toks[k].tag in ("NNP", "NN") and not (word(k) == "may" and
                                                  word(k + 1) in ("be", "have", "not"))

    def year(k: int) -> bool:
        return k < n and bool(_YEAR.match(text(k)))

    def day(k: int) -> bool:
        return k < n and bool(_DAY.match(text(k)))

    k = j
    article = word(k) == "the"
    if article or word(k) in ("this", "that", "these", "those"):
        det = word(k)
        k += 1
        if word(k) in w["period_nouns"]:
            if det in ("this", "that", "these", "those"):
                return "period", k
            if year(k + 1):  # "the year 1950"
                return "period", k + 1
            return None
        if det != "the":
            return None
        if _DECADE.match(text(k)):
            return "decade", k
        if word(k) in w["seasons"]:
            return ("season", k + 2) if word(k + 1) == "of" and year(k + 2) else ("season", k)
        if day(k) and word(k + 1) == "of" and month(k + 2):  # "the 3rd of May 2010"
            return "date", k + 3 if year(k + 3) else k + 2
        return None
    if year(k):
        return "year", k
    if _DECADE.match(text(k)):
        return "decade", k
    if word(k) in w["seasons"] and year(k + 1):
        return "season", k + 1
    if month(k):
        if day(k + 1):  # "November 23rd, 1949"
            end = k + 1
            if word(end + 1) == "," and year(end + 2):
                end += 2
            elif year(end + 1):
                end += 1
            return "date", end
        return ("month", k + 1) if year(k + 1) else ("month", k)
    if day(k) and month(k + 1):  # "21 March 1975"
        return "date", k + 2 if year(k + 2) else k + 1
    if word(k) in w["weekdays"] or (word(k).endswith("s") and word(k)[:-1] in w["weekdays"]):
        if not text(k)[0].isupper():
            return None
        return "weekday", k + 1 if word(k + 1) in w["day_parts"] else k
    if word(k) in ("weekend", "weekends"):
        return "weekend", k
    if _GLUED_CLOCK.match(text(k)):
        return "clock", k
    if (_DAY.match(text(k)) or _CLOCK.match(text(k))) and word(k + 1) in _CLOCK_MARK:
        return "clock", k + 1
    return None


def _until_length(text: str, toks, w: dict):
    """"until 2 weeks": "until" or "till" before a length of time that ends its phrase (a
    number and a unit, followed by punctuation, "and", "or", "then" or the end). A length with
    a point after it passes: "until 4 weeks after surgery", "until six weeks have passed",
    "until 6 months of age", "until two days postoperatively"."""
    for i, nxt in _lengths_after(toks, ("until", "till"), w):
        if nxt is not None and not (nxt.tag in (".", ",", ":") or nxt.text.lower() in
                                    ("and", "or", "then")):
            continue
        word = toks[i].text.lower()
        yield _for_length(text, toks, i, f'"{word}" needs a point in time ("{word} the end of '
                                         f'the second week", "{word} 4 weeks after surgery"); a '
                                         f'length of time takes "for" or "up to". Persian "ta" '
                                         f'means both.')


# after "since" + a length, these make the length a point in time ("since 2 years ago")
_POINT_AFTER = frozenset(("ago", "before", "after", "earlier", "later", "back", "old", "of"))


def _since_length(text: str, toks, w: dict):
    """"since 3 days", "since two years": "since" before a length of time (a number and a unit)
    that no "ago", "before" or "after" turns into a point in time."""
    for i, nxt in _lengths_after(toks, ("since",), w):
        if nxt is not None and nxt.text.lower() in _POINT_AFTER:
            continue
        length = text[toks[i + 1].start:toks[i + 2].end]
        yield _for_length(text, toks, i, f'"since" needs a point in time ("since Monday", "since '
                                         f'2019"); a length of time takes "for" ("for {length}"). '
                                         f'Persian "az" means both.')


def _lengths_after(toks, words: tuple[str, ...], w: dict):
    """(index of the word, the token after the length or None) for each of `words` (a
    preposition) followed by a length of time: a number and a unit ("2 weeks", "two days")."""
    for i in range(len(toks) - 2):
        if toks[i].text.lower() not in words or toks[i].tag != "IN":
            continue
        number, unit = toks[i + 1], toks[i + 2]
        if number.tag == "CD" and (number.text.isdigit() or number.text.lower() in
                                   w["number_words"]) and unit.text.lower() in w["duration_units"]:
            yield i, toks[i + 3] if i + 3 < len(toks) else None


def _for_length(text: str, toks, i: int, why: str) -> Match:
    """The finding on the preposition at i and the length after it, suggesting "for"."""
    word, end = toks[i].text, toks[i + 2].end
    length = text[toks[i + 1].start:end]
    return Match(toks[i].start, end, f'"{text[toks[i].start:end]}": {why}',
                 suggestion=f"for {length}" if word.islower() else f"For {length}",
                 evidence={"preposition": word.lower(), "time": "length", "expected": "for"},
                 confidence=0.75)
