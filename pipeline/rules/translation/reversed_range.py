from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_NUMBER = r"\d+(?:[.,]\d+)?"
_UNIT = (r"(?:hours?|hrs?|days?|nights?|weeks?|months?|years?|minutes?|mins?|seconds?|sessions?|"
         r"times|doses?|mg|milligrams?|mcg|micrograms?|g|grams?|ml|millilit(?:er|re)s?|cc|kg|"
         r"kilograms?|cm|centimet(?:er|re)s?|mm|millimet(?:er|re)s?|tablets?|capsules?|drops?|"
         r"units?|grafts?|percent|%)")
_RANGE = re.compile(
    rf"(?<![\w.,-])(?:(?P<between>between)\s+(?P<a1>{_NUMBER})\s+and\s+(?P<b1>{_NUMBER})|"
    rf"(?P<a2>{_NUMBER})\s*(?:to|-|–|until|till)\s*(?P<b2>{_NUMBER}))"
    rf"\s*(?P<unit>{_UNIT})(?![\w-])(?!\s+(?:ago|BC|B\.C\.|earlier)\b)", re.IGNORECASE)
# a change from one value to another, not a range: "reduced from 100 to 50 mg", "lower the dose
# 40 to 20 mg", "falls from 10 to 5 days"
_CHANGE = re.compile(r"\b(?:from|reduc\w*|decreas\w*|lower\w*|drop\w*|fall\w*|fell|taper\w*|"
                     r"cut\w*|down|increas\w*|rais\w*|ris\w*|chang\w*|improv\w*)\b",
                     re.IGNORECASE)


def _value(text: str) -> float:
    """"1,500" is fifteen hundred; "2,5" is two and a half."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


class ReversedRange(Rule):
    """A range whose first number is larger than its second: "fast 12 to 1 hours", "lasts 10-3
    days", "between 6 and 2 weeks".

    What it does
    Finds a range of two numbers with a unit of time, dose, length, weight or count after it ("X
    to Y hours", "X-Y mg", "between X and Y weeks") in which the first number is larger than the
    second. A sentence that describes a change ("reduced from 100 to 50 mg", "lower the dose 40
    to 20 mg") and clock times with no unit ("open from 12 to 1") pass.

    Why is this bad?
    English gives a range from the smaller number to the larger. A reversed range is usually a
    number lost or misplaced in translation (Persian writes numbers left to right inside
    right-to-left text, and "10-12" can come out as "12 to 1"); the reader cannot know which
    fasting time, dose or recovery time is meant.

    Example
    Patients must fast 12 to 1 hours before the test.

    Use instead
    Patients must fast 10 to 12 hours before the test (check the number in the source).

    Severity
    Major: a number the reader acts on is wrong (MQM Accuracy/Mistranslation).

    References
    Chicago Manual of Style, 17th ed., 9.58-9.66 (inclusive numbers: from the lower to the higher)
    MQM core typology, Accuracy/Mistranslation (numbers): https://themqm.org/error-types-2/typology/
    """

    code = "TR094"
    name = "reversed-range"
    category = "translation"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        for seg in ctx.segments:
            text = seg.text
            for m in _RANGE.finditer(text):
                a, b = (m.group("a1"), m.group("b1")) if m.group("between") else \
                    (m.group("a2"), m.group("b2"))
                if _value(a) <= _value(b) or _CHANGE.search(text[:m.start()][-40:]):
                    continue
                unit = m.group("unit")
                yield Match(seg.start + m.start(), seg.start + m.end(),
                            f'The range "{m.group(0)}" runs from the larger number to the smaller: '
                            f'a number was probably lost or moved in translation. Check the '
                            f'source; English writes "{b} to {a} {unit}".',
                            evidence={"first": a, "second": b, "unit": unit}, confidence=0.7)
