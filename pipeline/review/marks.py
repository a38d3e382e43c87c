"""Decisions as the rest of the pipeline uses them: a `review` mark on each finding, waivers for
the gate, and each rule's precision (confirmed / (confirmed + false alarm)).

Two sources, merged by fingerprint, the database winning: the waivers file (hand-written waivers
are marked "waived"; exported ones keep their decision) and the review database, when there is
one. Neither is required: without them nothing is marked."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.model import Finding
from pipeline.review.db import DECISIONS, LABELS, WAIVING, ReviewDB, local_date


@dataclass(frozen=True)
class Review:
    decision: str  # one of db.DECISIONS, or "waived" for a hand-written waiver
    by: str
    at: str  # a UTC timestamp (database) or a date (waivers file)
    comment: str
    origin: str  # "database" or "waivers"
    rule: str | None = None
    article: str | None = None

    def mark(self) -> dict:
        """The `review` field of a finding in every output."""
        return {"decision": self.decision, "by": self.by, "at": self.at,
                "comment": self.comment, "origin": self.origin}


def from_waivers(waivers) -> dict[str, Review]:
    return {w.fingerprint: Review(w.decision or "waived", w.by, w.date, w.reason, "waivers",
                                  w.rule, w.article) for w in waivers}


def from_db(db: ReviewDB) -> dict[str, Review]:
    return {d["fingerprint"]: Review(d["decision"], d["reviewer"], d["decided_at"], d["comment"],
                                     "database", d["rule_id"], d["article_id"])
            for d in db.decisions()}


def collect(waivers, db_path: Path | None) -> dict[str, Review]:
    """Reviews by fingerprint from the waivers and, if `db_path` exists, the database."""
    reviews = from_waivers(waivers)
    if db_path is not None and Path(db_path).exists():
        reviews.update(from_db(ReviewDB(db_path, create=False)))
    return reviews


def mark(findings: list[Finding], reviews: dict[str, Review]) -> list[Finding]:
    """The findings, each with its `review` (None when nobody reviewed it)."""
    out = []
    for f in findings:
        r = reviews.get(f.fingerprint)
        ok = r is not None and r.article in (None, f.article_id) and r.rule in (None, f.rule_id)
        out.append(replace(f, review=r.mark() if ok else None))
    return out


def waived(reviews: dict[str, Review]) -> set[str]:
    return {fp for fp, r in reviews.items() if r.decision in WAIVING or r.decision == "waived"}


def db_waivers(db: ReviewDB, present: dict[str, Finding]):
    """The database's false alarms and won't-fixes as gate waivers, for findings in `present`
    (by fingerprint) only: a decision whose finding is gone is resolved, not a stale waiver."""
    from pipeline.gate import Waiver

    out = []
    for d in db.decisions():
        f = present.get(d["fingerprint"])
        if d["decision"] in WAIVING and f is not None and f.article_id == d["article_id"]:
            out.append(Waiver(fingerprint=d["fingerprint"], by=d["reviewer"],
                              date=local_date(d["decided_at"]), reason=reason(d),
                              rule=d["rule_id"], article=d["article_id"], decision=d["decision"]))
    return out


def reason(decision: dict) -> str:
    """A waiver's reason (at least 10 characters, as the waivers schema requires)."""
    head = f"{LABELS[decision['decision']].capitalize()} in review"
    return f"{head}: {decision['comment']}" if decision["comment"] else f"{head}."


def rule_stats(reviews: dict[str, Review], findings: list[Finding] = ()) -> dict[str, dict]:
    """Per rule: how many findings were decided each way, and precision = confirmed /
    (confirmed + false alarm) (None before any such decision). A review without a rule takes
    the rule of its finding in `findings`; one with neither is not counted."""
    rule_of = {f.fingerprint: f.rule_id for f in findings}
    stats: dict[str, dict] = {}
    for fp, r in reviews.items():
        rule = r.rule or rule_of.get(fp)
        if rule is None or r.decision not in DECISIONS:
            continue
        s = stats.setdefault(rule, {d: 0 for d in DECISIONS})
        s[r.decision] += 1
    for s in stats.values():
        judged = s["confirmed"] + s["false_alarm"]
        s["precision"] = round(s["confirmed"] / judged, 4) if judged else None
    return dict(sorted(stats.items()))


def summary(findings: list[Finding], reviews: dict[str, Review]) -> dict:
    """summary.json's `review` section: what was reviewed in this run, and rule precision."""
    tally = ReviewTally(reviews)
    tally.add(findings)
    return tally.summary()


class ReviewTally:
    """`summary` over findings added a few at a time: it keeps the decision counts and, of the
    findings, only those that a review names (for `resolved` and the rules of reviews without
    one), never all of them."""

    def __init__(self, reviews: dict[str, Review]):
        self.reviews = reviews
        self.counts = {d: 0 for d in (*DECISIONS, "waived")}
        self.total = 0
        self.present: dict[str, Finding] = {}  # reviewed fingerprints found in this run

    def add(self, findings) -> None:
        for f in findings:
            self.total += 1
            if f.review:
                self.counts[f.review["decision"]] += 1
            if f.fingerprint in self.reviews:
                self.present[f.fingerprint] = f

    def summary(self) -> dict:
        reviewed = sum(self.counts.values())
        return {"reviewed": reviewed, "unreviewed": self.total - reviewed,
                "decisions": self.counts,
                "resolved": sum(1 for fp in self.reviews if fp not in self.present),
                "rules": rule_stats(self.reviews, list(self.present.values()))}
