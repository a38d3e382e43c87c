"""Numbers and quantities in a Persian source and its English translation, for the number and unit
checks (TR051, TR052).

Digits: ASCII, Persian (U+06F0-06F9) and Arabic-Indic (U+0660-0669), with the Arabic decimal and
thousands separators (U+066B, U+066C) and the slash that Persian writing uses as a decimal point
("۲/۵" = 2.5; read also as the fraction and as two numbers, whichever matches). Number words:
English ("two", "twenty-five", "twice", "half") and Persian ("دو", "بیست و پنج", "نیم"); a word
can justify a number on the other side, but only numbers written in digits are required, since
Persian "نه" (nine, and "no") and English "one" (a pronoun) are ambiguous. Units (mass, volume,
length, time, percent, temperature, energy, frequency) are read after the number in both languages
and compared by kind, with conversions (500 mg = 0.5 g). Unit data: `pipeline/rules/data/
translation_units.yaml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import yaml

from pipeline.ingest.bilingual import is_code_char

_DIGIT_MAP = {**{0x06F0 + i: str(i) for i in range(10)}, **{0x0660 + i: str(i) for i in range(10)},
              0x066B: ".", 0x066C: ",", 0x200C: " ", 0x200F: " ", 0x200E: " ", 0x00A0: " "}
_ARABIC_LETTERS = {0x064A: "ی", 0x0649: "ی", 0x0643: "ک"}  # Arabic yeh / kaf -> Persian
_DATE = re.compile(r"(?<![\d.])\d{1,4}([/.-])\d{1,2}\1\d{1,4}(?![\d])")
# thousands grouped by commas or by (no-break, thin) spaces, "3 000"; then a decimal part after a
# point, a slash (Persian) or a comma followed by one or two digits (a decimal comma)
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u202f]\d{3})+(?![\d,.])|\d+)"
                     r"(?:([./])(\d+)|(,)(\d{1,2})(?![\d]))?(?![\d])")
_CLOCK = re.compile(r"(?<![\d.])(\d{1,2})\s?:\s?(\d{2})(?![\d])")
_SCALE = {"en": r"\s*(?P<scale>thousand|million|billion)\b",
          "fa": r"\s*(?P<scale>هزار|میلیون|میلیارد)(?![\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC])"}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "هزار": 1e3, "میلیون": 1e6,
           "میلیارد": 1e9}


@dataclass
class Num:
    start: int  # offsets in the text given (before normalisation: same length)
    end: int
    values: set[float]  # every reading of the number
    word: bool = False
    unit: tuple[str, str] | None = None  # (kind, unit name)
    unit_end: int | None = None
    text: str = ""

    @property
    def value(self) -> float:
        return min(self.values, key=lambda v: (v != int(v), v))


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(files("pipeline.rules.data").joinpath("translation_units.yaml")
                          .read_text(encoding="utf-8"))


def normalise(text: str) -> str:
    """Same length as `text`: digits to ASCII, separators to '.'/',', ZWNJ and marks to spaces,
    Arabic letter variants to the Persian ones, inline codes to spaces."""
    out = text.translate(_DIGIT_MAP).translate(_ARABIC_LETTERS)
    if any(is_code_char(c) for c in out):
        out = "".join(" " if is_code_char(c) else c for c in out)
    return out


def _word_pattern(words: dict) -> re.Pattern:
    alts = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in alts) + r")(?!\w)",
                      re.IGNORECASE)


@lru_cache(maxsize=2)
def _units(lang: str) -> tuple[re.Pattern, dict]:
    table = {}
    for kind, units in _data()["units"].items():
        for name, spec in units.items():
            for form in spec[lang]:
                table[form.lower()] = (kind, name)
    alts = sorted(table, key=len, reverse=True)
    sep = r"[\s\u200c\-]?" if lang == "fa" else r"\s?-?\s?"
    suffix = r"(?:\s?ای|ی)?" if lang == "fa" else ""  # Persian adjectival "-ی": "۵۰۰ میلی‌گرمی"
    pat = re.compile(sep + r"(" + "|".join(re.escape(a) for a in alts) + r")" + suffix +
                     r"(?![^\W\d_])", re.IGNORECASE)
    return pat, table


def factor(unit: tuple[str, str]) -> float | None:
    return _data()["units"][unit[0]][unit[1]].get("factor")


def _attach_unit(nums: list[Num], text: str, lang: str) -> None:
    pat, table = _units(lang)
    for n in nums:
        m = pat.match(text, n.end)
        if m:
            n.unit = table[m.group(1).lower()]
            n.unit_end = m.end()


def _frequency(nums: list[Num], text: str, lang: str) -> None:
    """'3 times a day' / '۳ بار در روز' / 'روزی ۳ بار': the unit becomes the frequency."""
    after, before, times, periods = _frequency_patterns(lang)
    for n in nums:
        b = before.search(text, max(0, n.start - 12), n.start) if before else None
        t = times.match(text, n.end) if b else None
        if b and t:
            n.unit = ("frequency", periods.get(b.group("period").lower(), "times"))
            n.unit_end = t.end()
            continue
        m = after.match(text, n.end)
        if m:
            g = m.groupdict()
            per = next((periods.get(v.lower()) for k, v in g.items() if v), None)
            n.unit = ("frequency", per or "times")
            n.unit_end = m.end()



_ROMAN = re.compile(r"(?<![\w])(?=[MDCLXVI]{2,}\b)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})"
                    r"(?![\w])")
_ROMAN_VALUE = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}


def _roman(text: str) -> list[Num]:
    """Roman numerals of two letters or more ("XIX"), as words: they justify, never required."""
    out = []
    for m in _ROMAN.finditer(text):
        vals = [_ROMAN_VALUE[c] for c in m.group(0)]
        total = sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))
        out.append(Num(m.start(), m.end(), {float(total)}, word=True, text=m.group(0)))
    return out


def _ordinals_fa(singles: dict[str, float]) -> dict[str, float]:
    """Persian ordinals made with -م / -مین from the cardinals ("بیستم", "نوزدهمین")."""
    out = {}
    for w, v in singles.items():
        if v >= 1 and v == int(v) and w not in ("یک", "سه", "سی"):
            out[w + "م"] = out[w + "مین"] = v
    out.update({"سوم": 3.0, "سومین": 3.0, "سی‌ام": 30.0, "سی ام": 30.0})
    return out


@lru_cache(maxsize=2)
def _word_table(lang: str) -> tuple[dict[str, float], re.Pattern, re.Pattern]:
    d = _data()["words"][lang]
    singles = {k.lower(): float(v) for k, v in d["numbers"].items()}
    if lang == "fa":
        singles = {**_ordinals_fa(singles), **singles}
    return singles, _word_pattern(singles), re.compile(d["joiner"], re.IGNORECASE)


@lru_cache(maxsize=2)
def _frequency_patterns(lang: str):
    d = _data()["frequency"][lang]
    return (re.compile(d["after"], re.IGNORECASE),
            re.compile(d["before"] + r"\s*$", re.IGNORECASE) if d["before"] else None,
            re.compile(d["times"], re.IGNORECASE) if d["times"] else None,
            {k.lower(): v for k, v in d["periods"].items()})


def _words(text: str, lang: str) -> list[Num]:
    singles, pat, joiner = _word_table(lang)
    out: list[Num] = []
    pos = 0
    for m in pat.finditer(text):
        if m.start() < pos:
            continue
        total, current, end = 0.0, singles[m.group(1).lower()], m.end()
        while True:  # compounds: "twenty-five", "two hundred", "بیست و پنج", "دو هزار"
            j = joiner.match(text, end)
            nxt = pat.match(text, j.end()) if j else None
            if not nxt:
                break
            v = singles[nxt.group(1).lower()]
            if v in (100, 1000, 1_000_000) and current < v:
                current = current * v
                if v >= 1000:
                    total, current = total + current, 0.0
            elif v < 100 and (current % 100 == 0 or current >= 20 and current % 10 == 0) \
                    and v < (current if current < 100 else 100):
                current += v
            else:
                break
            end = nxt.end()
        out.append(Num(m.start(), end, {total + current}, word=True, text=text[m.start():end]))
        pos = end
    return out


def extract(text: str, lang: str) -> tuple[Num, ...]:
    """Numbers of `text` (in `lang`, 'fa' or 'en') with their units (cached: TR051 and TR052
    read the same units; the records are not to be changed)."""
    return _extract(text, lang)


@lru_cache(maxsize=4096)
def _extract(text: str, lang: str) -> tuple[Num, ...]:
    norm = normalise(text)
    if lang == "fa":
        norm = re.sub(r"(\d)\s*٪", r"\1%", norm)
    nums: list[Num] = []
    dates = [(m.start(), m.end()) for m in _DATE.finditer(norm)]
    taken = list(dates)
    for m in _CLOCK.finditer(norm):  # 17:00, 8:30: one number, the hour (and the half hour)
        if not any(a <= m.start() < b for a, b in dates):
            h, mi = int(m.group(1)), int(m.group(2))
            nums.append(Num(m.start(), m.end(), {h, h + mi / 60, (h % 12) or 12},
                            text=text[m.start():m.end()]))
            taken.append((m.start(), m.end()))
    scale = re.compile(_SCALE[lang], re.IGNORECASE)
    for m in _NUMBER.finditer(norm):
        if any(a <= m.start() < b for a, b in taken):
            continue
        digits = re.sub(r"[, \u202f]", "", m.group(1))
        whole = float(digits)
        values = {whole}
        if m.group(2) == ".":
            values = {float(f"{digits}.{m.group(3)}")}
            if lang == "fa" and len(m.group(3)) == 3:  # "7.000": a European thousands point
                values.add(whole * 1000 + float(m.group(3)))
        elif m.group(2) == "/":  # a fraction, a Persian decimal point, or "x or y"
            frac = float(m.group(3))
            values = {whole, frac} | ({whole / frac} if frac else set())
            if lang == "fa":
                values.add(float(f"{digits}.{m.group(3)}"))
        elif m.group(4):  # "2,5": a decimal comma, or two numbers
            values = {float(f"{digits}.{m.group(5)}"), whole, float(m.group(5))}
        if "," in m.group(1) and lang == "fa":  # "1,500" may be a European decimal comma
            values.add(float(m.group(1).replace(",", ".", 1).replace(",", "")))
        end = m.end()
        sc = scale.match(norm, end)
        if sc:  # "2.2 million", "۱۰ هزار": the number as written and as scaled
            values |= {v * _SCALES[sc.group("scale").lower()] for v in values}
        nums.append(Num(m.start(), end, values, text=text[m.start():end]))
    for a, b in dates:
        nums.append(Num(a, b, set(), text=text[a:b], unit=("date", "date")))
    nums += _words(norm, lang) + _roman(norm)
    nums.sort(key=lambda n: n.start)
    _attach_unit(nums, norm, lang)
    _frequency(nums, norm, lang)
    return tuple(nums)


def same_value(a: Num, b: Num) -> bool:
    if a.unit == ("date", "date") or b.unit == ("date", "date"):
        return a.unit == b.unit
    return any(abs(x - y) < 1e-9 for x in a.values for y in b.values)


def equivalent(a: Num, b: Num) -> bool:
    """The same quantity: same value, or values that convert (500 mg = 0.5 g, 30 min = 0.5 h),
    or a Persian (solar hijri) year and its Gregorian year."""
    if same_value(a, b):
        return True
    if a.unit and b.unit and a.unit[0] == b.unit[0] and a.unit != b.unit:
        fa, fb = factor(a.unit), factor(b.unit)
        if fa and fb:
            return any(abs(x * fa - y * fb) < 1e-9 * max(1.0, abs(x * fa)) for x in a.values
                       for y in b.values)
    return any(1300 <= x <= 1499 and y - x in (621, 622) for x in a.values for y in b.values)
