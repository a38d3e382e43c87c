"""Run the selected rules over articles and turn their matches into findings.

Article-scope rules run per article (independent of the others, so this can be split across
processes or machines); corpus-scope rules run once over the whole release. An exception in a rule
is recorded with the article and rule named and never stops the other rules or articles; the
caller decides the exit status from the returned errors. Each article's rules, and then its
quality scoring, run under the per-article time budget (`limits.article_seconds`): an article that
runs out of time, or whose grammar engine (Harper), claims parser or quality scoring fails, loses
its findings and is reported as failed (a record with `step`: detect, grammar (Harper), claims
parser, quality), and the others go on."""
from __future__ import annotations

import bisect
import traceback
from collections import Counter
from typing import Any, Iterable

from pipeline import console, dedupe
from pipeline.limits import Limits, OverBudget, StepFailed, step, time_budget
from pipeline.model import Article, Finding, fingerprint, fingerprint_key
from pipeline.quality.score import score_segments
from pipeline.resources import Resources
from pipeline.rules.base import (ArticleContext, CorpusContext, Match, Rule, check_selectors,
                                 instantiate, registry, select)


def selected_rules(settings: dict[str, Any]) -> list[tuple[type[Rule], Rule, dict, str]]:
    """(class, instance, options, severity) for each selected rule, from the `rules` settings."""
    reg = registry()
    cfg = settings["rules"]
    check_selectors(cfg.get("select", []), reg, "rules.select")
    check_selectors(cfg.get("ignore", []), reg, "rules.ignore")
    overrides = cfg.get("severity", {}) or {}
    check_selectors(overrides, reg, "rules.severity")
    out = []
    for code in select(reg, cfg.get("select", ["ALL"]), cfg.get("ignore", [])):
        cls = reg[code]
        rule, opts = instantiate(cls, (cfg.get("options") or {}).get(code))
        sev = next((overrides[s] for s in sorted(overrides, key=len, reverse=True)
                    if code.startswith(s) or s == "ALL"), cls.severity)
        out.append((cls, rule, opts, sev))
    return out


def unit_at(article: Article, view_offset: int) -> str | None:
    """The unit id (`align_id`) of the block holding a view offset, for bilingual articles."""
    if not article.blocks or article.blocks[0].align_id is None:
        return None
    k = bisect.bisect_right([b.start for b in article.blocks], view_offset) - 1
    return article.blocks[max(k, 0)].align_id


def to_finding(article: Article, cls: type[Rule], severity: str, m: Match) -> Finding:
    start, end = article.file_span(m.start, m.end)
    line, col = article.line_col(start)
    return Finding(
        source=article.source, article_id=article.article_id, start=start, end=end, line=line,
        column=col, text=article.file_text[start:end], rule_id=cls.code, rule_name=cls.name,
        category=cls.category, mqm_type=cls.mqm_type, severity=m.severity or severity,
        message=m.message, suggestion=m.suggestion, evidence=m.evidence,
        confidence=round(float(m.confidence), 3), unit_id=unit_at(article, m.start),
    )


def describe(error: dict) -> str:
    """One error record of `detect` or `nlp.segment` as text: a rule's failure, or an article
    that failed a step."""
    if error.get("rule_id"):
        return f"rule {error['rule_id']} failed on {error['source'] or 'the corpus'}: " \
               f"{error['error']}"
    return f"{error['source']} failed at {error.get('step', 'detect')}: {error['problem']}"


def _error(article: Article | None, cls: type[Rule], exc: BaseException) -> dict:
    return {"source": article.source if article else None,
            "article_id": article.article_id if article else None,
            "rule_id": cls.code, "error": f"{type(exc).__name__}: {exc}",
            "traceback": traceback.format_exc(limit=6)}


def _keyed(article: Article, findings: list[tuple[Finding, int, int]]) -> list[Finding]:
    """Give each finding its fingerprint; identical keys are numbered in text order."""
    seen: Counter = Counter()
    out = []
    for f, vs, ve in sorted(findings, key=lambda x: (x[1], x[2], x[0].rule_id)):
        key = fingerprint_key(f.rule_id, article.article_id, article.text, vs, ve)
        f.fingerprint = fingerprint(key, seen[key])
        seen[key] += 1
        out.append(f)
    return out


def detect(articles: Iterable[Article], settings: dict[str, Any],
           resources: Resources | None = None, *, score: bool = True,
           ) -> tuple[list[Finding], list[dict], dict[str, str]]:
    """Findings (sorted), errors (rules that raised; articles that failed, with `step`), and
    run notes that rules left for the report; with `score`, each segment's quality too
    (training the quality model audits without it)."""
    articles = list(articles)
    resources = resources or Resources(settings)
    limits = Limits.from_settings(settings)
    rules = selected_rules(settings)
    by_article: dict[str, list[tuple[Finding, int, int]]] = {a.article_id: [] for a in articles}
    errors: list[dict] = []

    def add(article: Article, cls, sev, matches: Iterable[Match]) -> None:
        seen = set()
        for m in matches:
            if (m.start, m.end) in seen or m.end < m.start:
                continue
            seen.add((m.start, m.end))
            by_article[article.article_id].append((to_finding(article, cls, sev, m), m.start, m.end))

    def failed(article: Article, exc: BaseException, default_step: str) -> None:
        by_article[article.article_id] = []
        errors.append({"source": article.source, "article_id": article.article_id,
                       "step": getattr(exc, "step", default_step),
                       "problem": getattr(exc, "problem", str(exc))})

    healthy: list[Article] = []
    for article in console.track(articles, "detect"):
        try:
            with time_budget(limits.article_seconds, f"checking {article.source}"):
                for cls, rule, opts, sev in rules:
                    if cls.scope != "article":
                        continue
                    try:
                        add(article, cls, sev, list(rule.check(ArticleContext(article, opts,
                                                                              resources))))
                    except Exception as exc:  # one rule's failure must not lose the others'
                        errors.append(_error(article, cls, exc))
            healthy.append(article)
        except (OverBudget, StepFailed) as exc:
            failed(article, exc, "detect")
    index = {a.article_id: a for a in healthy}
    for cls, rule, opts, sev in rules:
        if cls.scope != "corpus":
            continue
        try:
            with time_budget(limits.article_seconds * max(len(healthy), 1), f"rule {cls.code}"):
                results = [(index[aid], m) for aid, m in
                           rule.check(CorpusContext(healthy, opts, resources))]
        except (Exception, OverBudget, StepFailed) as exc:
            errors.append(_error(None, cls, exc))
            continue
        for article, m in results:
            add(article, cls, sev, [m])
    findings: list[Finding] = []
    for a in healthy:
        if score:
            try:
                with time_budget(limits.article_seconds, f"scoring {a.source}"), step("quality"):
                    score_segments(a, by_article[a.article_id], resources)
            except (OverBudget, StepFailed) as exc:
                failed(a, exc, "quality")
                continue
            for cls, rule, opts, sev in rules:
                if cls.scope != "scored":
                    continue
                try:
                    add(a, cls, sev, list(rule.check(ArticleContext(a, opts, resources))))
                except Exception as exc:
                    errors.append(_error(a, cls, exc))
        findings.extend(_keyed(a, by_article[a.article_id]))
    findings.sort(key=lambda f: f.sort_key)
    # One defect, one finding (pipeline/dedupe.py), after the quality score, which reads every
    # rule's findings; without `score` (the quality model's training) the findings stay as the
    # score sees them.
    return (dedupe.merge(findings) if score else findings), errors, dict(resources.notes)
