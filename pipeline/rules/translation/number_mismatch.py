from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import quantities as q
from pipeline.rules.translation.units import units, untranslated


def _fmt(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:g}"


def compare(source: str, target: str):
    """(missing source numbers, extra target numbers, source numbers, target numbers) of a unit;
    a number is matched by any reading of a number on the other side, in digits or words, or by
    an equivalent quantity (500 mg = 0.5 g)."""
    src, tgt = q.extract(source, "fa"), q.extract(target, "en")
    has_date = any(n.unit == ("date", "date") for n in src)
    missing = [s for s in src if not s.word and s.unit != ("date", "date")
               and not any(q.equivalent(s, t) for t in tgt)]
    extra = [t for t in tgt if not t.word and t.unit != ("date", "date")
             and not any(q.equivalent(s, t) for s in src)
             and not (has_date and any(v <= 31 or 1900 <= v <= 2100 for v in t.values))]
    return missing, extra, src, tgt


class NumberMismatch(Rule):
    """A number of the Persian source is missing or changed in the English target.

    What it does
    In bilingual files, reads the numbers of each unit's source and target: digits in any system
    (Persian ۰-۹, Arabic-Indic ٠-٩, ASCII), the Persian decimal separator (٫, or "/" as Persians
    write it), thousands separators (٬ ,), and number words on either side ("سه", "three",
    "twice", "half"). Every number written in digits in the source must be in the target (in
    digits or words, or as an equivalent quantity: 500 mg = 0.5 g; a Persian year may become its
    Gregorian year), and every number in digits in the target must come from the source. A
    changed number is one finding at the target's number; a number missing from the target is one
    finding on the unit.

    Why is this bad?
    In a medical article a number is a dose, a frequency, a duration or an age limit. "۵۰۰
    میلی‌گرم" become "50 mg" is a tenfold underdose; a dropped "۲" from "۲ هفته" leaves the reader
    without the treatment's length.

    Example
    source: روزی سه بار قرص ۵۰۰ میلی‌گرمی مصرف کنید.
    target: Take a 50 mg tablet three times a day.

    Use instead
    target: Take a 500 mg tablet three times a day.

    Severity
    Critical when a unit (mg, ml, %, times a day, days...) goes with the number: a changed dose or
    schedule. Major otherwise (MQM Accuracy/Mistranslation, number).

    References
    MQM core typology, Accuracy/Mistranslation: https://themqm.org/error-types-2/typology/
    Unicode Standard, Arabic block: digits U+0660-0669, U+06F0-06F9, separators U+066B/U+066C.
    ISMP, error-prone abbreviations and dose designations:
    https://www.ismp.org/recommendations/error-prone-abbreviations-list
    """

    code = "TR051"
    name = "number-mismatch"
    category = "translation"
    severity = "critical"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        for u in units(ctx):
            if u.empty or untranslated(u.source, u.target):
                continue  # TR054 / TR050 report the whole unit
            missing, extra, _, _ = compare(u.source, u.target)
            for k, t in enumerate(extra):
                was = missing[k] if k < len(missing) else None
                sev = "critical" if t.unit or (was and was.unit) else "major"
                if was is not None:
                    msg = (f"Number changed in translation: the source has {was.text} "
                           f"({_fmt(was.value)}), the target {t.text}.")
                    suggestion = _fmt(was.value)
                else:
                    msg = f"The target has {t.text}, which is not in the source."
                    suggestion = None
                yield Match(u.start + t.start, u.start + t.end, msg, suggestion=suggestion,
                            severity=sev, confidence=0.9,
                            evidence={"unit": u.unit_id, "target_number": t.text,
                                      "source_number": was.text if was else None})
            rest = missing[len(extra):]
            if rest:
                sev = "critical" if any(m.unit for m in rest) else "major"
                listed = ", ".join(f"{m.text} ({_fmt(m.value)})" for m in rest)
                yield Match(u.start, u.end, f"The source's number(s) {listed} are missing in the "
                            f"target.", severity=sev, confidence=0.85,
                            evidence={"unit": u.unit_id, "missing": [m.text for m in rest]})
