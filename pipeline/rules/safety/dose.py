"""Read dosing advice from a sentence: amounts ("1000 mg", "500 mg to 1 g", "10,000 IU"), tablet
counts ("2 tablets of 500 mg", "three 500 mg tablets"), how often ("every 4 hours", "four times a
day", "twice daily", "every day", "once a week") and stated limits ("up to 4 g a day", "no more
than 660 mg in 24 hours"). Amounts are converted to the dose table's unit."""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {"one": 1, "a single": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10, "half": 0.5, "once": 1, "twice": 2, "thrice": 3}
NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|half|a\s+single)"
UNIT = r"(?:mg|milligrams?|g|grams?|mcg|µg|micrograms?|IU|international\s+units|units)"
AMOUNT = re.compile(rf"(?P<a>{NUM})(?:\s*(?:to|-|–|or)\s*(?P<b>{NUM}))?\s*(?P<unit>{UNIT})\b", re.I)
TABLETS = re.compile(rf"\b(?P<n>{NUM})(?:\s*(?:to|or|-)\s*(?P<m>{NUM}))?\s+(?:x\s+)?(?:(?P<per>{NUM}\s*{UNIT})\s+)?"
                     rf"(?:[a-z]+\s+){{0,2}}?(?:tablets?|caplets?|capsules?|pills?)(?:\s+of\s+(?P<per2>{NUM}\s*{UNIT}))?", re.I)
_EVERY = re.compile(rf"\bevery\s+(?P<n>{NUM})(?:\s*(?:to|-|–|or)\s*{NUM})?\s+hours?\b", re.I)
_TIMES = re.compile(rf"\b(?:(?P<n>{NUM})\s+times?|(?P<w>once|twice|thrice))\s+(?:a|per|each|every|in\s+(?:a\s+)?)\s*"
                    r"(?:day|24\s+hours|24-hour\s+period)\b|\b(?:(?P<n2>" + NUM + r")\s+times?|(?P<w2>once|twice|thrice))\s+daily\b", re.I)
_DAILY = re.compile(r"\b(?:daily|every\s+day|each\s+day|a\s+day|per\s+day|every\s+(?:morning|night|evening)|"
                    r"in\s+24\s+hours|a\s+24-hour\s+period)\b", re.I)
_WEEKLY = re.compile(r"\b(?:once\s+)?(?:a|per|every)\s+week\b|\bweekly\b", re.I)
_CAP = re.compile(r"(?:\b(?:no|not)\s+more\s+than|\bup\s+to|\ba\s+maximum\s+of|\bmaximum(?:\s+dose)?(?:\s+is)?|\bmax\.?|"
                  r"\b(?:do\s+not|don't|never|not\s+to)\s+(?:exceed|take\s+more\s+than|use\s+more\s+than)|"
                  r"\bnot\s+exceeding|\bat\s+most|\blimit(?:ed)?\s+(?:of|to))\s*$", re.I)
_NEGATION = re.compile(r"\b(?:never|not|don't|do\s+not|avoid|shouldn't|should\s+not)\b", re.I)
_CAP_PHRASE = re.compile(r"\b(?:(?:no|not)\s+more\s+than|(?:do\s+not|don't|never|not\s+to)\s+(?:exceed|take\s+more\s+than|"
                         r"use\s+more\s+than)|not\s+exceeding)\b", re.I)


def number(text: str) -> float:
    t = re.sub(r"\s+", " ", text.lower().strip())
    return float(_WORDS[t]) if t in _WORDS else float(t.replace(",", ""))


def convert(value: float, unit: str, to: str, iu_per_mcg: float | None = None) -> float | None:
    u = unit.lower()
    mg = {"mg": 1, "milligram": 1, "milligrams": 1, "g": 1000, "gram": 1000, "grams": 1000,
          "mcg": 0.001, "µg": 0.001, "microgram": 0.001, "micrograms": 0.001}
    if to == "mg":
        return value * mg[u] if u in mg else None
    if to == "IU":
        if u in ("iu", "units") or u.startswith("international"):
            return value
        if u in mg and iu_per_mcg:
            return value * mg[u] * 1000 * iu_per_mcg
    return None


@dataclass
class Dosing:
    single: float | None  # largest single dose, in the table's unit
    per_day: float | None  # doses a day (None: not said)
    daily_cap: float | None  # a stated daily total ("up to 4 g a day")
    single_cap: float | None
    start: int
    end: int

    @property
    def daily(self) -> float | None:
        if self.daily_cap is not None:
            return self.daily_cap
        if self.single is not None and self.per_day is not None:
            return self.single * self.per_day
        return None


def frequency(text: str) -> tuple[float, tuple[int, int]] | None:
    """Doses a day, and where the sentence says so."""
    every = _EVERY.search(text)
    if every:
        return 24 / max(number(every.group("n")), 1), every.span()
    times = _TIMES.search(text)
    if times:
        n = times.group("n") or times.group("w") or times.group("n2") or times.group("w2")
        return number(n), times.span()
    for pattern, value in ((_WEEKLY, 1 / 7), (_DAILY, 1.0)):
        m = pattern.search(text)
        if m:
            return value, m.span()
    return None


def read_dosing(text: str, unit: str, iu_per_mcg: float | None = None) -> Dosing | None:
    """The dosing a sentence states, or None when it gives no amount in a unit we can compare."""
    singles, caps_day, caps_single = [], [], []
    covered: list[tuple[int, int]] = []
    start = end = None
    for t in TABLETS.finditer(text):
        per = t.group("per") or t.group("per2")
        if not per:
            continue
        a = AMOUNT.search(per)
        value = convert(number(a.group("a")), a.group("unit"), unit, iu_per_mcg)
        if value is None:
            continue
        count = number(t.group("m") or t.group("n"))
        singles.append(count * value)
        covered.append(t.span())
        start, end = min(start or t.start(), t.start()), max(end or 0, t.end())
    for a in AMOUNT.finditer(text):
        if any(s <= a.start() < e for s, e in covered):
            continue
        value = convert(number(a.group("b") or a.group("a")), a.group("unit"), unit, iu_per_mcg)
        if value is None:
            continue
        after = text[a.end():a.end() + 40]
        if _CAP.search(text[max(0, a.start() - 30):a.start()]):
            (caps_day if _DAILY.search(after) else caps_single).append(value)
        else:
            singles.append(value)
        start, end = min(start if start is not None else a.start(), a.start()), max(end or 0, a.end())
    if not singles and not caps_day and not caps_single:
        return None
    freq = frequency(text)
    if freq and singles and not caps_day:
        start, end = min(start, freq[1][0]), max(end, freq[1][1])
    return Dosing(max(singles) if singles else None, freq[0] if freq else None,
                  max(caps_day) if caps_day else None, max(caps_single) if caps_single else None, start, end)


def negated(text: str) -> bool:
    """Advice against a dose ("never take 2 g at once"), not counting stated limits."""
    return bool(_NEGATION.search(_CAP_PHRASE.sub(" ", text)))
