"""TR055 calibrated on the file itself: a file of enough units judges each unit's length ratio
against the file's own median and spread, whatever the language pair; a small file keeps the
fixed bounds."""
from __future__ import annotations

import math

import pytest

from pipeline import mlqe
from pipeline.rules.translation.length_ratio import calibration

PAIRS = [  # (Persian source, correct English translation), written for this test
    ("ورزش منظم خطر فشار خون بالا را کاهش می‌دهد.",
     "Regular exercise lowers the risk of high blood pressure."),
    ("این دارو را بعد از غذا با یک لیوان آب بخورید.",
     "Take this medicine after a meal with a glass of water."),
    ("اگر درد زانو بیش از دو هفته ادامه یافت به پزشک مراجعه کنید.",
     "If the knee pain lasts more than two weeks, see a doctor."),
    ("کمبود ویتامین دی در زنان باردار شایع است.",
     "Vitamin D deficiency is common in pregnant women."),
    ("فیزیوتراپی پس از جراحی به بازگشت حرکت مفصل کمک می‌کند.",
     "Physiotherapy after surgery helps the joint move again."),
    ("کودکان زیر شش سال نباید این شربت را مصرف کنند.",
     "Children under six should not take this syrup."),
    ("نشستن طولانی پشت میز می‌تواند باعث کمردرد شود.",
     "Sitting at a desk for a long time can cause low back pain."),
    ("سرماخوردگی معمولاً در یک هفته خودبه‌خود بهبود می‌یابد.",
     "A common cold usually gets better on its own within a week."),
]
# an omission (the condition "if you are pregnant or breastfeeding" is lost): 0.53 times the
# source's length, inside the fixed bounds (0.5-2.3), far below this file's other units
SHORT = ("اگر باردار هستید یا شیر می‌دهید، پیش از مصرف این دارو با پزشک مشورت کنید.",
         "Ask a doctor before taking this drug.")


def _settings():
    s = mlqe.audit_settings()
    s["rules"]["select"] = ["TR055"]
    return s


def test_calibration_is_robust_and_needs_enough_units():
    logs = [math.log(1.1)] * 20 + [math.log(1.2)] * 19 + [math.log(9.0)]
    med, spread = calibration(logs, min_units=30, min_spread=0.1)
    assert med == pytest.approx(math.log(1.15), abs=0.05)  # one outlier moves nothing
    assert spread == pytest.approx(0.1)  # the floor: the ratios hardly vary
    assert calibration(logs[:29], min_units=30, min_spread=0.1) is None


def test_a_unit_far_from_the_files_own_ratios_is_flagged():
    units = PAIRS * 5 + [SHORT]  # 41 units
    found = mlqe.audit_units(units, _settings(), per_file=100)
    flagged = [k for k, fs in enumerate(found) if fs]
    assert flagged == [40]
    (f,) = found[40]
    assert f.rule_id == "TR055" and f.severity == "major" and "below" in f.message


def test_a_small_file_keeps_the_fixed_bounds():
    # the short unit's ratio is above the fixed 0.5, so alone in a small file it passes
    assert mlqe.audit_units(PAIRS + [SHORT], _settings()) == [[]] * 9


def test_a_pair_whose_targets_are_all_short_is_not_flagged_wholesale():
    # a language pair whose targets run at 0.4 of the source's length: fixed bounds (0.5) would
    # flag every unit; the file's own calibration flags none
    units = [(s + " " + s + " " + s, t) for s, t in PAIRS] * 4
    assert mlqe.audit_units(units[:8], _settings()) != [[]] * 8
    assert mlqe.audit_units(units, _settings()) == [[]] * 32
