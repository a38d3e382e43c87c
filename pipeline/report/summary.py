"""summary.json: counts and MQM-style scores per article and for the release, plus everything a
reader needs to know about how complete the run was."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline import __version__
from pipeline.model import CATEGORIES, SEVERITIES, SEVERITY_PENALTY, Finding
from pipeline.policy import score


def counts(findings: list[Finding]) -> dict:
    tally = Tally()
    tally.add(findings)
    return tally.counts()


class Tally:
    """Counts by category and severity, and the MQM penalty, of findings added a few at a time."""

    def __init__(self) -> None:
        self.category: Counter = Counter()
        self.severity: Counter = Counter()
        self.findings = self.penalty = 0

    def add(self, findings) -> None:
        for f in findings:
            self.category[f.category] += 1
            self.severity[f.severity] += 1
            self.penalty += SEVERITY_PENALTY[f.severity]
            self.findings += 1

    def merge(self, other: Tally) -> None:
        self.category.update(other.category)
        self.severity.update(other.severity)
        self.penalty += other.penalty
        self.findings += other.findings

    def counts(self) -> dict:
        return {"findings": self.findings,
                "by_category": {c: self.category.get(c, 0) for c in CATEGORIES},
                "by_severity": {s: self.severity.get(s, 0) for s in SEVERITIES},
                "penalty": self.penalty}


def article_entry(article: dict, findings: list[Finding]) -> dict:
    """summary.json's record of one article (`article`: article_id, source, word_count, title)."""
    tally = Tally()
    tally.add(findings)
    words = int(article["word_count"])
    return {"source": article["source"], "title": article.get("title") or "", "words": words,
            "score": score(tally.penalty, words), **tally.counts()}


def build(articles: list[dict], findings: list[Finding], *, ingest: dict, detect: dict,
          validation: dict | None, findings_sha256: str, failures: list[dict] = ()) -> dict:
    """`articles`: rows with article_id, source, word_count, title (the articles that went
    through every step); `failures`: articles that failed a step (source, article_id, step,
    problem). A run that audited no article is not complete."""
    by_article: dict[str, list[Finding]] = {}  # one pass over the findings, not one per article
    for f in findings:
        by_article.setdefault(f.article_id, []).append(f)
    per = {a["article_id"]: article_entry(a, by_article.get(a["article_id"], []))
           for a in articles}
    tally = Tally()
    tally.add(findings)
    return assemble(per, tally, ingest=ingest, detect=detect, validation=validation,
                    findings_sha256=findings_sha256, failures=failures)


def assemble(per: dict[str, dict], tally: Tally, *, ingest: dict, detect: dict,
             validation: dict | None, findings_sha256: str, failures: list[dict] = ()) -> dict:
    """The summary from each article's record (`article_entry`, by article id, in read order)
    and the tally of every finding of the run (the report stage streams them)."""
    words = sum(a["words"] for a in per.values())
    errors = {"ingest": ingest.get("errors", []),
              "articles": [{k: e[k] for k in ("source", "article_id", "step", "problem")}
                           for e in [*failures, *(e for e in detect.get("errors", [])
                                                   if e.get("step"))]],
              "rules": [{k: e[k] for k in ("source", "article_id", "rule_id", "error")}
                        for e in detect.get("errors", []) if not e.get("step")],
              "run": [] if per else [{"problem": "no article was audited: the inputs hold "
                                      "no readable article"}],
              "validation": [] if validation is None or validation.get("success") else
              [{"suite": n, **f} for n, r in validation["suites"].items() for f in r["failed"]]}
    if validation is None:
        errors["validation"] = [{"suite": "all", "expectation": "validation did not run"}]
    complete = not any(errors.values())
    return {
        "tool": {"name": "clinic-audit", "version": __version__},
        "complete": complete,
        "totals": {"articles": len(per), "words": words,
                   "score": score(tally.penalty, words), **tally.counts()},
        "articles": per,
        "errors": errors,
        "warnings": ingest.get("warnings", []),
        "notes": {**detect.get("notes", {}),
                  **({"validation": validation["skipped"]}
                     if validation and validation.get("skipped") else {})},
        # the grammar engines that checked text in this run, e.g. ["harper-py 0.2.0"]
        "grammar_engines": detect.get("grammar_engines", []),
        "findings_file": {"path": "findings.jsonl", "count": tally.findings,
                          "sha256": findings_sha256},
    }


def add_failures(summary: dict, failures: list[dict]) -> None:
    """Record articles that failed after the summary was built (a report page that could not
    be written): the run is then incomplete."""
    if failures:
        summary["errors"]["articles"].extend(failures)
        summary["complete"] = False


def add_policy(summary: dict, verdicts: dict, policy, reports: Path) -> None:
    """Record each article's pass/fail under the release policy (waivers applied), and the
    release's, so that `dvc metrics diff` shows them next to the scores."""
    for aid, v in verdicts.items():
        summary["articles"][aid]["passed"] = v.passed
    from pipeline.policy import record

    summary["policy"] = {**record(policy, reports), "rules": policy.describe(),
                         "passed": all(v.passed for v in verdicts.values()),
                         "failed_articles": sum(1 for v in verdicts.values() if not v.passed)}


def metrics(summary: dict) -> dict:
    """The numbers of a summary for `dvc metrics show`/`diff` (reports/metrics.json): totals,
    counts by severity and category, the release verdict and run completeness as 0/1; no titles,
    hashes, paths or policy text (those stay in summary.json)."""
    totals = summary["totals"]
    policy = summary.get("policy", {})
    return {"complete": int(bool(summary["complete"])),
            **{k: totals[k] for k in ("articles", "words", "findings", "penalty", "score")},
            "by_severity": dict(totals["by_severity"]), "by_category": dict(totals["by_category"]),
            "policy_passed": int(bool(policy.get("passed"))),
            "failed_articles": int(policy.get("failed_articles", 0))}
