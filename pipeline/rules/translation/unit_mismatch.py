from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import quantities as q
from pipeline.rules.translation.units import units, untranslated


class UnitMismatch(Rule):
    """The same number with a different unit in the source and the target (mg/g, days/weeks).

    What it does
    In bilingual files, finds a number of the target that matches a number of the source but
    carries another unit of the same kind: mass (mcg, mg, g, kg), volume (ml, l), length,
    duration (minutes, hours, days, weeks, months, years), frequency ("three times a day" /
    "three times a week", "روزی ۳ بار"), percent, temperature, energy, international units. A
    conversion that keeps the quantity (500 mg = 0.5 g) is not flagged, nor a number whose unit
    the target leaves out. Units: `pipeline/rules/data/translation_units.yaml`.

    Why is this bad?
    "۵۰۰ میلی‌گرم" written "500 g" is a thousandfold overdose; "۳ بار در روز" written "3 times a
    week" cuts a treatment to a seventh. The number looks right, so a reviewer's eye skips it.

    Example
    source: این دارو را ۲ هفته مصرف کنید.
    target: Take this medicine for 2 months.

    Use instead
    target: Take this medicine for 2 weeks.

    Severity
    Critical: a dose, a schedule or a duration changed (MQM Accuracy/Mistranslation, unit
    conversion).

    References
    MQM core typology, Accuracy/Mistranslation: https://themqm.org/error-types-2/typology/
    BIPM, The International System of Units (SI brochure, 9th ed., 2019):
    https://www.bipm.org/en/publications/si-brochure
    """

    code = "TR052"
    name = "unit-mismatch"
    category = "translation"
    severity = "critical"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        for u in units(ctx):
            if u.empty or untranslated(u.source, u.target):
                continue
            src, tgt = q.extract(u.source, "fa"), q.extract(u.target, "en")
            for t in tgt:
                if t.unit is None or t.unit[0] == "date" or _vague(t.unit):
                    continue
                same = [s for s in src if s.unit and s.unit[0] == t.unit[0]
                        and q.same_value(s, t)]
                if not same or any(s.unit == t.unit or _vague(s.unit) for s in same):
                    continue
                if any(s.unit and q.equivalent(s, t) and not q.same_value(s, t) for s in src):
                    continue  # another source quantity converts to it
                s = same[0]
                end = t.unit_end or t.end
                yield Match(u.start + t.start, u.start + end,
                            f"Unit changed in translation: the source has {s.text} "
                            f"{_name(s.unit)}, the target {u.target[t.start:end]}.",
                            suggestion=f"{u.target[t.start:t.end]} {_name(s.unit)}",
                            confidence=0.9, evidence={"unit": u.unit_id,
                                                      "source_unit": s.unit[1],
                                                      "target_unit": t.unit[1]})


def _vague(unit: tuple[str, str]) -> bool:
    """ "3 times" with no period fits any frequency."""
    return unit == ("frequency", "times")


def _name(unit: tuple[str, str]) -> str:
    kind, name = unit
    if kind == "frequency":
        return "times" if name == "times" else f"times a {name}"
    if kind == "time":
        return f"{name}(s)"
    return {"percent": "%", "celsius": "°C", "iu": "IU"}.get(name, name)
