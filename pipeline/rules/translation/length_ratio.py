from __future__ import annotations

import math
import statistics

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.units import plain, units, untranslated


def length(text: str) -> int:
    """Characters other than white space, inline codes and invisible marks."""
    return len(plain(text).replace(" ", ""))


def calibration(log_ratios: list[float], min_units: int, min_spread: float):
    """(median, spread) of a file's log length ratios, the spread being 1.4826 x the median
    absolute deviation (a robust standard deviation) and at least `min_spread`; None for a file
    of fewer than `min_units` units, whose fixed bounds are used instead."""
    if len(log_ratios) < min_units:
        return None
    med = statistics.median(log_ratios)
    mad = statistics.median(abs(v - med) for v in log_ratios)
    return med, max(1.4826 * mad, min_spread)


class TargetLengthOff(Rule):
    """A target far shorter or far longer than its Persian source: likely a passage dropped or added.

    What it does
    In bilingual files, compares each unit's length in characters (white space, inline codes
    and invisible marks not counted) with its source's, for sources of at least
    `min_source_chars` characters. A file of at least `calibrate_units` such units is its own
    calibration, whatever the language pair and the script: the log length ratio of each unit
    is compared with the file's median, in units of a robust spread (1.4826 x the median
    absolute deviation, at least `min_spread`), and a unit more than `max_z` spreads below or
    above the median is flagged (the bound was tuned on MLQE-PE train, si-en and ne-en, where
    3.5 flagged 0.2% (ne-en) and 1.2% (si-en) of the human post-edits). A smaller file uses
    fixed bounds: a target shorter than `min_ratio` or longer than `max_ratio` times the
    source. They were
    calibrated on correct Persian-to-English medical translations
    (`tests/data/bilingual/eval/pairs_dev.tsv`, 60 pairs): ratios ran from 0.73 to 1.66
    (median 1.08); the bounds leave a margin of about 1.4 on each side (0.5, 2.3). The 30
    held-out pairs (0.84-1.55) all pass.

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
    options = {"min_ratio": 0.5, "max_ratio": 2.3, "min_source_chars": 20,
               "calibrate_units": 30, "max_z": 3.5, "min_spread": 0.1}

    def check(self, ctx):
        o = ctx.options
        floor = int(o["min_source_chars"])
        checked = [(u, length(u.source)) for u in units(ctx)]
        checked = [(u, n, length(u.target) / n) for u, n in checked
                   if n >= floor and not u.empty and not untranslated(u.source, u.target)]
        cal = calibration([math.log(r) for _, _, r in checked if r > 0],
                          int(o["calibrate_units"]), float(o["min_spread"]))
        if cal:  # the bounds of this file: median ratio x exp(+-max_z spreads)
            med, spread = cal
            lo = math.exp(med - float(o["max_z"]) * spread)
            hi = math.exp(med + float(o["max_z"]) * spread)
        else:
            lo, hi = float(o["min_ratio"]), float(o["max_ratio"])
        for u, n_src, ratio in checked:
            if ratio < lo:
                yield Match(u.start, u.end, f"The target of unit {u.unit_id} is {ratio:.2f} times "
                            f"as long as its source (below {lo:.2g}): part of the source may be "
                            f"missing.", evidence={"unit": u.unit_id, "ratio": round(ratio, 3),
                                                   "source_chars": n_src}, confidence=0.7)
            elif ratio > hi:
                yield Match(u.start, u.end, f"The target of unit {u.unit_id} is {ratio:.2f} times "
                            f"as long as its source (above {hi:.2g}): it may say more than the "
                            f"source.", severity="minor", confidence=0.6,
                            evidence={"unit": u.unit_id, "ratio": round(ratio, 3),
                                      "source_chars": n_src})
