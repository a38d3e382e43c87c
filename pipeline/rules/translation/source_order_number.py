from __future__ import annotations

import datetime
import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.word_lists import word_lists

# "in the year 2019", "in the year of 2019": Persian "dar sal-e 2019"
_IN_THE_YEAR = re.compile(r"\b(?P<prep>in)\s+the\s+year\s+(?:of\s+)?(?P<year>1[5-9]\d\d|20\d\d)\b"
                          r"(?!\s*(?:[-\u2013/]|B\.?S\.?\b|S\.?H\.?\b|solar|AH\b))", re.IGNORECASE)
# Another calendar in the sentence: then "AD" tells the two apart ("1398 SH (2019 AD)").
_OTHER_CALENDAR = re.compile(r"\b\d{4}\s*(?:B\.?S\.?|S\.?H\.?|A\.?H\.?|solar|Hijri|Shamsi)\b"
                             r"|\(\s*\d{4}\s+A\.?D\.?\s*\)")
# "2016 AD", "1398 solar": the calendar named after a modern year, Persian "miladi" / "shamsi"
_YEAR_ERA = re.compile(r"\b(?P<year>19\d\d|20\d\d)\s+(?P<era>A\.D\.|AD|solar)(?![\w.])")


# "in 1398 year": the noun "year" after the number, Persian "sal-e 1398" read backwards
_YEAR_AFTER = re.compile(r"\b(?P<prep>in|of|since|until|from)\s+(?:the\s+)?(?P<year>1[3-9]\d\d|20\d\d)"
                         r"\s+year\b(?!\s*-?old)", re.IGNORECASE)
# A year of the Persian (Solar Hijri) calendar, 1300-1419 SH (1921-2041), left unconverted in a
# text about a modern institution: "founded in 1352" (1973). Years that old in a history of
# medieval medicine, or already converted ("1398 (2019)"), pass.
_SOLAR_YEAR = re.compile(r"\b(?P<prep>in|since|from|until|till|year)\s+(?P<year>13\d\d|14[01]\d)"
                         r"(?!\d|[.,]\d|\s*(?:SH\b|S\.H\.|AP\b|solar|Hijri|Shamsi|\(\s*(?:19|20)\d\d)"
                         r"|\s+[a-z]+s\b)", re.IGNORECASE)
_MODERN = re.compile(r"\b(?:hospitals?|clinics?|wards?|patients?|university|universities|faculty|"
                     r"surgery|surgeries|physicians?|doctors?|nurses?|beds|departments?|centers?|"
                     r"centres?|inaugurated|founded|established|opened|ministry|insurance)\b", re.IGNORECASE)
_OLD_TIMES = re.compile(r"\b(?:century|centuries|medieval|ancient|dynasty|empire|caliph\w*|"
                        r"[Kk]ings?|[Qq]ueens?|[Ee]mperors?|[Pp]opes?|[Ss]ultans?|kingdoms?|reign|"
                        r"rulers?|voivodes?|[Kk]hans?|crusades?|"
                        r"Middle\s+Ages|Timur\w*|Avicenna|Ibn\s+Sina|Razi|Rhazes|A\.?D\.?|C\.?E\.?|"
                        r"B\.?C\.?E?)\b")


# The months of the Persian (Solar Hijri) calendar and the Gregorian day each begins on in a
# common year (Wikipedia, "Solar Hijri calendar"; spelling variants of the same month map to
# it). Names that are also names of people or hospitals ("Mehr Hospital", "Dr. Azar") count only
# with a day or a year beside them; the others after a preposition too ("in Farvardin").
_SOLAR_MONTHS = {"Farvardin": (3, 21), "Ordibehesht": (4, 21), "Khordad": (5, 22), "Tir": (6, 22),
                 "Mordad": (7, 23), "Amordad": (7, 23), "Shahrivar": (8, 23), "Shahriver": (8, 23),
                 "Mehr": (9, 23), "Aban": (10, 23), "Azar": (11, 22), "Dey": (12, 22),
                 "Dei": (12, 22), "Bahman": (1, 21), "Esfand": (2, 20), "Espand": (2, 20),
                 "Isfand": (2, 20)}
_UNAMBIGUOUS = "|".join(("Farvardin", "Ordibehesht", "Khordad", "Mordad", "Amordad", "Shahrivar",
                          "Shahriver", "Esfand", "Espand", "Isfand"))
_MONTH = "|".join(sorted(_SOLAR_MONTHS, key=len, reverse=True))
# a telephone number laid out right to left: the local number first, the area code (0 + 2-3
# digits) after it ("32122356-025" for 025-32122356)
_REVERSED_PHONE = re.compile(r"(?<![\d\-+/.])(?P<local>\d{7,8})-(?P<area>0\d{2,3})(?![\d\-/]|\.\d)")
# a range of a count laid out right to left, its larger end first, before a unit: "after 7-3 days"
# for 3-7 days. Only with a unit after it (a score "3-1" or a label "7-3" has none); a range across
# zero or of equal ends is no range
_REVERSED_RANGE = re.compile(
    r"(?<![\d\-+/.:,])(?P<high>\d{1,3})\s?[-\u2013]\s?(?P<low>\d{1,3})(?![\d\-/.:,]\d?)\s?"
    r"(?P<unit>(?:minutes?|hours?|days?|weeks?|months?|years?|sessions?|times|tablets?|mg|ml|cm|mm|kg|"
    r"percent|%)(?![\w%]))", re.IGNORECASE)
_SOLAR_DATE = re.compile(
    rf"\b(?:(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>[12]?\d|3[01])(?:st|nd|rd|th)?(?![\d,.]\d)"
    rf"|(?P<month3>{_MONTH})\s+(?P<year>1[34]\d\d)"
    rf"|\b(?:[Ii]n|[Oo]n|of|since|until|from|[Dd]uring)\s+(?P<month4>{_UNAMBIGUOUS})(?!\s+\d))\b"
    rf"(?!\s*\((?:about\s+|c\.\s*)?\d)(?!\s+(?:Hospital|Clinic|Street|Square|Avenue)\b)")
_GREGORIAN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _gregorian(month: str, day: int) -> str:
    """The Gregorian day that day `day` of the Solar Hijri `month` falls on in a common year
    (give or take a day)."""
    m, d = _SOLAR_MONTHS[month]
    when = datetime.date(2001, m, d) + datetime.timedelta(days=day - 1)
    return f"{when.day} {_GREGORIAN[when.month - 1]}"


@lru_cache(maxsize=1)
def _count_after_noun() -> re.Pattern:
    lists = word_lists()
    nouns = "|".join(sorted(lists["counted_nouns"], key=len, reverse=True))
    numbers = "|".join(sorted(lists["number_words"], key=len, reverse=True))
    # "after weeks two", "need sessions ten": a counted noun, then its number, not a range or label
    return re.compile(
        rf"\b(?P<before>[A-Za-z]+)\s+(?P<noun>{nouns})\s+(?P<num>{numbers}|\d{{1,3}})\b"
        rf"(?!\s*(?:(?:to|and|or|through)\s+(?:\d|{numbers})\b|[-\u2013/,:.]\s*\d|%|\.\d))",
        re.IGNORECASE)


_LABEL_BEFORE = {"the", "these", "those", "and", "or"}  # "the weeks 2 ...": a label, not a count


class SourceOrderNumber(Rule):
    """A date or a count written in Persian order or calendar: "in the year 2019", "weeks two".

    What it does
    Finds seven shapes that a literal translation of Persian numbers and dates leaves: a year
    introduced by "the year" ("in the year 2019"), a year followed by "year" ("in 1398 year"),
    a modern year followed by its calendar ("2016 AD", "2019 solar", Persian "miladi" /
    "shamsi"; only years from 1900, since "1200 AD" is common usage), a year of the Persian
    (Solar Hijri) calendar left unconverted in a text about a modern institution ("the hospital
    was founded in 1352", i.e. 1973; a text about old times, with "century", "dynasty", "AD",
    passes, and so does a year already marked "SH" or converted in brackets), a date with a month
of the Persian calendar ("on 13th of Shahrivar", "in Farvardin 1399"; the Gregorian day is
suggested; a date converted in brackets passes, and month names that are also names of people
and hospitals, "Mehr Hospital", "Dr. Azar", count only beside a day or a year), a counted noun
    followed by its number ("after weeks two", "need sessions ten"), and a telephone number laid
    out right to left, its area code after the local number ("32122356-025" for 025-32122356),
    and a range laid out right to left, its larger end first, before a unit ("after 7-3 days" for
    3-7 days; a score or a label with no unit passes). Ranges and labels that English writes noun-first
    ("days 3 to 5", "weeks 2 and 3", "on days 3-5") pass, and so does "AD" where the text gives
    the year in another calendar too ("1398 SH (2019 AD)").

    Why is this bad?
    Persian writes "sal-e 2019" (year-of 2019), names the calendar after the year, and puts some
    counts after the noun; English says "in 2019", uses "AD" only before ancient years, and puts
    the number first ("two weeks"). The literal order reads as garbled and can make a count look
    like a label ("weeks two").

    Example
    The clinic opened in the year 2019; the results are checked after weeks two.

    Use instead
    The clinic opened in 2019; the results are checked after two weeks.

    Severity
    Minor: the number is still there (MQM Fluency/Word order; Locale convention for dates).

    References
    The Chicago Manual of Style Online, Q&A on AD (AD precedes the year; see CMOS 9.34):
    https://www.chicagomanualofstyle.org/qanda/data/faq/topics/Abbreviations/faq0092.html
    MQM core typology, Fluency and Locale convention: https://themqm.org/error-types-2/typology/
    """

    code = "TR027"
    name = "source-order-number"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Word order"

    def check(self, ctx):
        text = ctx.text
        for block in ctx.blocks:
            base = block.start
            for m in _IN_THE_YEAR.finditer(block.text):
                yield Match(base + m.start(), base + m.end(),
                            f'"{m.group(0)}" keeps the Persian "the year" before the number; '
                            f'English writes "{m.group("prep").lower()} {m.group("year")}".',
                            suggestion=f"{m.group('prep')} {m.group('year')}", confidence=0.85)
            for m in _YEAR_ERA.finditer(block.text):
                if _OTHER_CALENDAR.search(block.text):
                    break
                yield Match(base + m.start(), base + m.end(),
                            f'"{m.group(0)}" names the calendar after a modern year, as Persian '
                            f'does; English writes the year alone ("{m.group("year")}") and '
                            "converts Persian-calendar years.",
                            suggestion=m.group("year"), confidence=0.8)
            taken = []
            for m in _YEAR_AFTER.finditer(block.text):
                taken.append((m.start(), m.end()))
                yield Match(base + m.start(), base + m.end(),
                            f'"{m.group(0)}" puts "year" after the number, as Persian does; '
                            f'English writes "{m.group("prep").lower()} {m.group("year")}".',
                            suggestion=f"{m.group('prep')} {m.group('year')}", confidence=0.85)
            if _MODERN.search(block.text) and not _OLD_TIMES.search(block.text):
                for m in _SOLAR_YEAR.finditer(block.text):
                    if any(a <= m.start("year") < b for a, b in taken):
                        continue  # "in 1398 year": one finding, the order's
                    year = int(m.group("year"))
                    yield Match(base + m.start("year"), base + m.end("year"),
                                f'"{year}" is a year of the Persian (Solar Hijri) calendar, left '
                                f'unconverted: an English reader takes it for the year {year} AD. '
                                f'Give the Gregorian year ({year} SH began in March {year + 621}).',
                                suggestion=f"{year + 621}", evidence={"shape": "solar-year"},
                                confidence=0.75)
            for m in _SOLAR_DATE.finditer(block.text):
                month = m.group("month") or m.group("month2") or m.group("month3") or \
                    m.group("month4")
                day = m.group("day") or m.group("day2")
                when = f" (about {_gregorian(month, int(day))})" if day else ""
                start = m.start("month4") if m.group("month4") else m.start()
                yield Match(base + start, base + m.end(),
                            f'"{block.text[start:m.end()]}" is a date of the Persian (Solar Hijri) calendar, '
                            f'which an English reader cannot place: give the Gregorian date'
                            f'{when}.', evidence={"shape": "solar-month", "month": month},
                            confidence=0.8)
            for m in _REVERSED_PHONE.finditer(block.text):
                fixed = f"{m.group('area')}-{m.group('local')}"
                yield Match(base + m.start(), base + m.end(),
                            f'"{m.group(0)}" puts the area code after the number, as a '
                            f'right-to-left page lays it out; English writes "{fixed}".',
                            suggestion=fixed, evidence={"shape": "reversed-phone"},
                            confidence=0.85)
            for m in _REVERSED_RANGE.finditer(block.text):
                high, low = int(m.group("high")), int(m.group("low"))
                if high <= low or low == 0:
                    continue
                sep = block.text[m.end("high"):m.start("low")]
                fixed = f"{low}{sep}{high}"
                yield Match(base + m.start(), base + m.end("low"),
                            f'"{m.group(0)}" gives the range with its larger end first, as a '
                            f'right-to-left page lays it out; English writes "{fixed} '
                            f'{m.group("unit")}".', suggestion=fixed,
                            evidence={"shape": "reversed-range"}, confidence=0.8)
            for m in _count_after_noun().finditer(block.text):
                if m.group("before").lower() in _LABEL_BEFORE or m.group("before")[0].isupper():
                    continue
                start, end = base + m.start("noun"), base + m.end("num")
                yield Match(start, end,
                            f'"{text[start:end]}" puts the number after the noun, as Persian '
                            f'can; English writes "{m.group("num")} {m.group("noun")}".',
                            suggestion=f"{m.group('num')} {m.group('noun')}", confidence=0.8)
