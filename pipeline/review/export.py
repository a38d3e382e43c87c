"""`clinic-audit review export`: the database's false alarms and won't-fixes -> the waivers file
(sources/waivers.yaml), so that CI and a clean clone honour them without the database.

The file's hand-written waivers are kept, unless the database holds a decision on the same
finding (the database is then the newer word: a waiver later confirmed is dropped). Decisions
whose finding is not in the current report are left out (they are resolved, and would only be
reported as stale). The file is validated before it replaces the old one, atomically."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline import gate, io
from pipeline.review import marks
from pipeline.review.db import ReviewDB

HEADER = """\
# Reviewed findings that may ship: each waiver names a finding by its fingerprint (see
# findings.jsonl or the report's detail panel) and records who reviewed it, when (YYYY-MM-DD) and
# why. A waiver whose finding no longer exists is reported as stale by `clinic-audit gate`.
# `clinic-audit review export` writes the editors' false alarms and won't-fixes here (with their
# `decision`) and keeps the waivers written by hand.
"""


@dataclass
class Exported:
    from_review: int
    kept: int
    dropped: int  # hand-written waivers overruled by a later decision
    resolved: int  # waiving decisions left out: their finding is not in the report


def export(db: ReviewDB, waivers_path: Path, findings_path: Path) -> Exported:
    present = {f.fingerprint: f for f in gate.read_findings(findings_path)}
    old = gate.load_waivers(waivers_path)
    decided = {d["fingerprint"] for d in db.decisions()}
    new = marks.db_waivers(db, present)
    kept = [w for w in old if w.fingerprint not in decided]
    rows = [_row(w) for w in sorted(kept + new, key=lambda w: (w.article or "", w.fingerprint))]
    text = _header(waivers_path) + yaml.safe_dump({"waivers": rows}, sort_keys=False,
                                                  allow_unicode=True, width=100)
    with io.atomic_path(waivers_path) as tmp:  # replaced only if the gate can load it
        tmp.write_text(text, encoding="utf-8")
        gate.load_waivers(tmp, required=True)
    waiving = sum(1 for d in db.decisions() if d["decision"] in ("false_alarm", "wont_fix"))
    return Exported(from_review=len(new), kept=len(kept), dropped=len(old) - len(kept),
                    resolved=waiving - len(new))


def _row(w: gate.Waiver) -> dict:
    row = {"fingerprint": w.fingerprint}
    row.update({k: v for k, v in (("rule", w.rule), ("article", w.article)) if v})
    row.update({"by": w.by, "date": w.date, "reason": w.reason})
    if w.decision:
        row["decision"] = w.decision
    return row


def _header(path: Path) -> str:
    """The comment block at the top of the existing file (or ours), kept as it is."""
    if not path.exists():
        return HEADER
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n" if lines else HEADER
