from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.units import plain, units, untranslated


def length(text: str) -> int:
    """Characters other than white space, inline codes and invisible marks."""
    return len(plain(text).replace(" ", ""))


class TargetLengthOff(Rule):
    """A target far shorter or far longer than its Persian source: likely a passage dropped or added.

    What it does
    In bilingual files, compares each unit's length in characters (white space, inline codes
    and invisible marks not counted) with its source's, for sources of at least
    `min_source_chars` characters, and flags a target shorter than `min_ratio` or longer than
    `max_ratio` times the source. The bounds were calibrated on correct Persian-to-English
    medical translations (`tests/data/bilingual/eval/pairs_dev.tsv`, 60 pairs): ratios ran from
    0.73 to 1.66 (median 1.08); the bounds leave a margin of about 1.4 on each side (0.5, 2.3).
    The 30 held-out pairs (0.84-1.55) all pass.

    Why is this bad?
    A target half as long as its source has usually lost a clause: a condition ("if you are
    pregnant"), a dose, a warning. A target twice as long has usually gained text that the
    source does not say. Neither shows on the English page alone.

    Example
    source: اگر باردار هستید یا شیر می‌دهید، پیش از مصرف این دارو با پزشک مشورت کنید.
    target: Consult a doctor.

    Use instead
    target: If you are pregnant or breastfeeding, consult a doctor before taking this medicine.

    Severity
    Major when the target is too short (a likely omission, MQM Accuracy/Omission); minor when it
    is too long (a likely addition). Empty targets are TR054's.

    References
    MQM core typology, Accuracy/Omission and Accuracy/Addition:
    https://themqm.org/error-types-2/typology/
    Okapi CheckMate, target length checks: https://okapiframework.org/wiki/index.php/CheckMate
    """

    code = "TR055"
    name = "target-length-off"
    category = "translation"
    severity = "major"
    mqm_type = "Accuracy/Omission"
    options = {"min_ratio": 0.5, "max_ratio": 2.3, "min_source_chars": 20}

    def check(self, ctx):
        lo, hi = float(ctx.options["min_ratio"]), float(ctx.options["max_ratio"])
        floor = int(ctx.options["min_source_chars"])
        for u in units(ctx):
            n_src = length(u.source)
            if n_src < floor or u.empty or untranslated(u.source, u.target):
                continue
            ratio = length(u.target) / n_src
            if ratio < lo:
                yield Match(u.start, u.end, f"The target of unit {u.unit_id} is {ratio:.2f} times "
                            f"as long as its source (below {lo:g}): part of the source may be "
                            f"missing.", evidence={"unit": u.unit_id, "ratio": round(ratio, 3),
                                                   "source_chars": n_src}, confidence=0.7)
            elif ratio > hi:
                yield Match(u.start, u.end, f"The target of unit {u.unit_id} is {ratio:.2f} times "
                            f"as long as its source (above {hi:g}): it may say more than the "
                            f"source.", severity="minor", confidence=0.6,
                            evidence={"unit": u.unit_id, "ratio": round(ratio, 3),
                                      "source_chars": n_src})
