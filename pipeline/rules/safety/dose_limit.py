from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.safety.common import clinician_directed
from pipeline.rules.safety.dose import negated, read_dosing


class DoseAboveMaximum(Rule):
    """Dosing advice above the adult maximum: "1000 mg of paracetamol every 3 hours".

    What it does
    In a sentence that names a drug or supplement of the dose table, reads the dose (amount and
    unit, tablet counts such as "2 tablets of 500 mg"), how often ("every 4 hours", "four times a
    day", "daily", "once a week") and any stated limit ("up to 4 g a day", "no more than 660 mg in
    24 hours"), and reports the advice when a single dose or the daily total is above the table's
    maximum. Without a clinician in charge in the sentence ("without seeing a doctor" does not
    count) the self-care maximum applies (the
    over-the-counter label; for vitamins and minerals the tolerable upper intake level); when a
    doctor prescribes it, the prescribing maximum (nutrients are then not judged). Correct,
    limited advice ("up to 4 g a day") and advice against a dose ("never take ...") pass.

    Why is this bad?
    Paracetamol above 4 g a day damages the liver; NSAIDs above the label dose bleed the stomach;
    vitamin D above the upper limit raises blood calcium. Readers follow the numbers they read.

    Example
    For back pain, adults can take 1000 mg of paracetamol every 3 hours.

    Use instead
    Adults can take 500 mg to 1 g of paracetamol every 4 to 6 hours, up to 4 g in 24 hours.

    Severity
    Critical: an overdose can cause lasting harm.

    References
    Dose table pipeline/data/knowledge/facts/medication-safety.yaml (`doses`), citing the NHS, MedlinePlus
    drug pages, DailyMed labels and the NIH Office of Dietary Supplements; the evidence names the
    entry and the limits applied.
    """

    code = "SA004"
    name = "dose-above-maximum"
    category = "safety"
    severity = "critical"
    mqm_type = "Audience appropriateness/Unsafe advice"

    def check(self, ctx):
        kb, facts = ctx.resources.knowledge, ctx.resources.facts
        for seg in ctx.segments:
            drugs = [m for m in kb.find(seg.text) if m.concept in facts.doses]
            if not drugs or negated(seg.text):
                continue
            entry = facts.doses[drugs[0].concept]
            prescribed = clinician_directed(seg.text)
            limits = entry.get("prescribed") if prescribed else entry["self_care"]
            if not limits:
                continue
            d = read_dosing(seg.text, entry["unit"], entry.get("iu_per_mcg"))
            if d is None:
                continue
            unit = entry["unit"]
            problems = []
            single = d.single if d.single is not None else d.single_cap
            if single is not None and limits.get("single") and single > limits["single"]:
                problems.append(f"a single dose of {single:g} {unit} is above the {limits['single']:g} {unit} maximum")
            if d.daily is not None and limits.get("daily") and d.daily > limits["daily"]:
                problems.append(f"{d.daily:g} {unit} a day is above the {limits['daily']:g} {unit} daily maximum")
            if not problems:
                continue
            name = kb.concept(drugs[0].concept)["name"]
            start = min(seg.start + d.start, seg.start + drugs[0].start)
            end = max(seg.start + d.end, seg.start + drugs[0].end)
            yield Match(start, end,
                        f"Dose above the adult maximum for {name}: {'; '.join(problems)}.",
                        suggestion=f"Give the dose within the limit ({_limit_text(limits, unit)}) "
                                   "or refer the reader to the label and their pharmacist.",
                        confidence=0.85,
                        evidence={"kb_entry": drugs[0].concept, "drug": name, "unit": unit,
                                  "limits": dict(limits), "applied": "prescribed" if prescribed else "self_care",
                                  "read": {"single": d.single, "per_day": d.per_day, "daily": d.daily},
                                  "file": entry["file"].rsplit("/", 1)[-1], "references": list(entry["references"])})


def _limit_text(limits: dict, unit: str) -> str:
    parts = []
    if limits.get("single"):
        parts.append(f"at most {limits['single']:g} {unit} at a time")
    if limits.get("daily"):
        parts.append(f"{limits['daily']:g} {unit} a day")
    return ", ".join(parts)
