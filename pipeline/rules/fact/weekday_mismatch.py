from __future__ import annotations

import datetime
import re

from pipeline.rules.base import Match, Rule

# English names, not the locale's (calendar.day_name follows the locale)
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]
_DAYS = {name.lower(): n for n, name in enumerate(_DAY_NAMES)}
_DAYS.update({name[:3].lower(): n for n, name in enumerate(_DAY_NAMES)})
_MONTHS = {name.lower(): n for n, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3].lower(): n for n, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_DAY = "|".join(sorted(_DAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
# "Monday, September 12, 2006", "Monday 12 September 2006", "Monday, the 12th of September, 2006"
_CALENDAR = {"title": "Python standard library, datetime.date (the proleptic Gregorian calendar)",
             "url": "https://docs.python.org/3/library/datetime.html"}
_DATE = re.compile(
    rf"\b(?P<wd>{_DAY})\.?,?\s+(?:the\s+)?"
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORD}|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_MONTH})\.?)"
    rf",?\s+(?P<y>(?:1[89]|20)\d\d)\b", re.I)


class WeekdayMismatch(Rule):
    """A date whose weekday is not the weekday of that date: "Monday, September 12, 2006" (a Tuesday).

    What it does
    Reads dates written with a weekday, a day, an English month name and a four-digit year
    ("Monday, September 12, 2006", "Monday 12 September 2006", "Monday, the 12th of September
    2006") and reports those whose weekday differs from the Gregorian calendar's, naming the right
    weekday. A date that does not exist ("February 30") is reported too. Dates without a weekday,
    or with a two-digit year, are not judged.

    Why is this bad?
    Dates on translated pages are converted from the Persian (Solar Hijri) calendar, and a
    conversion off by a day or a year shows as a weekday that does not fit. The reader cannot
    tell which of the two is right: the day of an opening, a deadline or an appointment.

    Example
    The hospital was opened on Monday, September 12, 2006.

    Use instead
    The hospital was opened on Tuesday, September 12, 2006 (or check the converted date).

    Severity
    Minor: a wrong date, rarely a clinical one.

    References
    Python standard library, datetime.date (proleptic Gregorian calendar): https://docs.python.org/3/library/datetime.html
    """

    code = "FA018"
    name = "weekday-mismatch"
    category = "fact"
    severity = "minor"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        for m in _DATE.finditer(ctx.text):
            month = _MONTHS[(m.group("m1") or m.group("m2")).lower()]
            day, year = int(m.group("d1") or m.group("d2")), int(m.group("y"))
            said = _DAYS[m.group("wd").lower()]
            try:
                real = datetime.date(year, month, day).weekday()
            except ValueError:
                yield Match(m.start(), m.end(), f"\"{m.group()}\" is not a date: {_MONTH_NAMES[month - 1]} "
                            f"{year} has no day {day}.", confidence=0.9,
                            evidence={"cue": m.group(), "kb_entry": None, "references": [_CALENDAR]})
                continue
            if real != said:
                right = _DAY_NAMES[real]
                yield Match(m.start(), m.end(),
                            f"\"{m.group()}\": that date was a {right}, not a {_DAY_NAMES[said]}. "
                            f"Check the date's conversion.",
                            suggestion=right + m.group()[m.end("wd") - m.start():], confidence=0.9,
                            evidence={"cue": m.group(), "kb_entry": None, "references": [_CALENDAR]})
