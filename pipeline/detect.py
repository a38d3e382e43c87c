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
           resources: Resources | None = None, *, score: bool = True, jobs: int = 1,
           cache=None, cluster=None) -> tuple[list[Finding], list[dict], dict[str, str]]:
    """Findings (sorted), errors (rules that raised; articles that failed, with `step`), and
    run notes that rules left for the report; with `score`, each segment's quality too
    (training the quality model audits without it).

    Each article is audited on its own first (`audit_article`: its rules, the index entries of
    the corpus rules that have `index`, its quality scores and the scored rules), by `jobs`
    worker processes when `jobs` > 1 (pipeline/parallel.py) or by the workers of a Dask `cluster`
    (pipeline/cluster.py); the corpus rules then run here over
    the results, and an article that a corpus rule gave findings is scored again with them.
    The result is the same for any `jobs`. With `cache` (pipeline/cache.py), an unchanged
    article's `audit_article` result is read from it; the corpus rules still run over all.
    The same three steps, one batch of articles at a time: `Audit` (the detect stage)."""
    articles = list(articles)
    run = Audit(settings, resources, score=score, jobs=jobs, cache=cache, cluster=cluster)
    with run:
        audited = run.articles(articles)
    findings = run.findings(articles, audited, run.corpus())
    return findings, run.errors, dict(run.resources.notes)


class Audit:
    """`detect` in three steps, so that a caller can hold one batch of articles at a time:
    `articles(batch)` audits each article of a batch on its own (and keeps, of each, only the
    corpus rules' index entries); `corpus()`, once every batch is audited, runs the corpus rules;
    `findings(batch, audited, corpus)` gives a batch's findings (each article scored again with
    its corpus findings, if any), sorted and merged. `errors` collects every step's errors in the
    order of `detect`. The worker processes (`jobs` > 1, a cluster) start at the first batch
    that needs them and serve every batch; `close` (or the end of a `with`) ends them."""

    def __init__(self, settings: dict[str, Any], resources: Resources | None = None, *,
                 score: bool = True, jobs: int = 1, cache=None, cluster=None):
        self.settings, self.score, self.jobs, self.cache, self.cluster = \
            settings, score, jobs, cache, cluster
        self.resources = resources or Resources(settings)
        self.limits = Limits.from_settings(settings)
        self.rules = selected_rules(settings)
        self.errors: list[dict] = []
        self.indexed: dict[str, dict] = {}  # article id -> its index entries, healthy articles
        # a corpus rule without `index` reads the articles themselves: they are all kept
        self.kept: list[Article] | None = [] if any(
            cls.scope == "corpus" and not hasattr(rule, "index")
            for cls, rule, _, _ in self.rules) else None
        self.workers = None

    @property
    def parallel(self) -> bool:
        """Whether articles are audited by worker processes (or a cluster's workers)."""
        return bool(self.cluster) or self.jobs > 1

    def __enter__(self) -> Audit:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self.workers is not None:
            self.workers.close()
            self.workers = None

    def articles(self, articles: list[Article]) -> list[dict]:
        """Each article's `audit_article` result (from the cache when it has it)."""
        cache = self.cache
        cached = [cache.get(a) if cache else None for a in articles]
        todo = [a for a, c in zip(articles, cached) if c is None]
        if todo and (self.cluster or (self.jobs > 1 and len(todo) > 1)):
            if self.workers is None:
                from pipeline import parallel

                # a Dask worker may not share this machine's disk: the cluster's results are
                # kept here
                self.workers = parallel.Workers(
                    _audit_batch, self.jobs, initializer=_start_worker,
                    initargs=(self.settings, self.score, None if self.cluster else cache),
                    died=_died, cluster=self.cluster)
            fresh = self.workers.map(todo)
            if self.cluster and cache:
                for a, r in zip(todo, fresh):
                    _keep(cache, a, r)
        else:
            fresh = [audit_article(a, self.rules, self.resources, self.limits, self.score, cache)
                     for a in console.track(todo, "detect")]
        computed = iter(fresh)
        audited = [c if c is not None else next(computed) for c in cached]
        self.adopt([a.article_id for a in articles], audited)
        if self.kept is not None:
            self.kept += [a for a, r in zip(articles, audited) if not r["failed"]]
        return audited

    def adopt(self, ids: list[str], audited: list[dict]) -> None:
        """Take the articles `ids`' audits (`articles`' results, or a batch's, cached): their
        run notes, grammar engines and errors, in article order, and their index entries."""
        for aid, r in zip(ids, audited):
            for key, message in r["notes"].items():
                self.resources.note(key, message)
            for engine in r["engines"]:
                self.resources.engine_ran(engine)
            self.errors += r["errors"]
            if r["failed"]:
                self.errors.append(r["failed"])
                continue
            self.indexed[aid] = r["index"]

    def corpus(self) -> dict[str, list]:
        """The corpus rules over every audited article: {article id: [(rule class, severity,
        Match)]}, in the order of the rules. A rule that fails is an error."""
        extra: dict[str, list] = {}
        for cls, rule, opts, sev in self.rules:
            if cls.scope != "corpus":
                continue
            ctx = CorpusContext(self.kept or [], opts, self.resources)
            try:
                with time_budget(self.limits.article_seconds * max(len(self.indexed), 1),
                                 f"rule {cls.code}"):
                    if hasattr(rule, "index"):
                        found = rule.combine([(aid, entries[cls.code]) for aid, entries in
                                              self.indexed.items() if cls.code in entries], ctx)
                    else:
                        found = rule.check(ctx)
                    results = [(aid, m) for aid, m in found]
                    unknown = [aid for aid, _ in results if aid not in self.indexed]
                    if unknown:
                        raise KeyError(unknown[0])
            except (Exception, OverBudget, StepFailed) as exc:
                self.errors.append(_error(None, cls, exc))
                continue
            for aid, m in results:
                extra.setdefault(aid, []).append((cls, sev, m))
        return extra

    def findings(self, articles: list[Article], audited: list[dict],
                 corpus: dict[str, list]) -> list[Finding]:
        """The findings of a batch (`articles` as given to `articles`, `audited` its result),
        sorted, each article's keyed; with `score`, each segment's quality set and one defect
        one finding (pipeline/dedupe.py). An article that a corpus rule gave findings is
        scored again with them (from the cache's `rescore` entries when it has it)."""
        cache = self.cache.sibling("rescore") if self.cache else None
        resources, rules, limits = self.resources, self.rules, self.limits
        findings: list[Finding] = []
        for a, r in zip(articles, audited):
            if r["failed"]:
                continue
            extra = [x for cls, sev, m in corpus.get(a.article_id, [])
                     for x in _matches(a, cls, sev, [m])]
            found = r["found"] + extra
            if self.score:
                if r["quality_failed"]:
                    self.errors.append(r["quality_failed"])
                    continue
                salt = repr(extra) if extra and cache else ""
                again = cache.get(a, salt) if salt else None
                if again:  # scored again before, with the same corpus findings
                    for seg, q in zip(a.segments, again["quality"]):
                        seg.quality = q
                    scored, late = again["scored"], []
                elif extra:  # scored again, with the corpus rules' findings
                    try:
                        with time_budget(limits.article_seconds, f"scoring {a.source}"), \
                                step("quality"):
                            score_segments(a, found, resources)
                    except (OverBudget, StepFailed) as exc:
                        self.errors.append(_failure(a, exc, "quality"))
                        continue
                    scored, late = _scored(a, rules, resources)
                    if salt and not late:
                        cache.put(a, {"quality": [s.quality for s in a.segments],
                                      "scored": scored}, salt)
                else:
                    for seg, q in zip(a.segments, r["quality"]):
                        seg.quality = q
                    scored, late = r["scored"], r["late"]
                self.errors += late
                found = found + scored
            findings.extend(_keyed(a, found))
        findings.sort(key=lambda f: f.sort_key)
        # One defect, one finding (pipeline/dedupe.py), after the quality score, which reads
        # every rule's findings; without `score` (the quality model's training) the findings
        # stay as the score sees them.
        return dedupe.merge(findings) if self.score else findings


def _matches(article: Article, cls, sev, matches: Iterable[Match]) -> list[tuple[Finding, int, int]]:
    seen, out = set(), []
    for m in matches:
        if (m.start, m.end) in seen or m.end < m.start:
            continue
        seen.add((m.start, m.end))
        out.append((to_finding(article, cls, sev, m), m.start, m.end))
    return out


def _failure(article: Article, exc: BaseException, default_step: str) -> dict:
    return {"source": article.source, "article_id": article.article_id,
            "step": getattr(exc, "step", default_step),
            "problem": getattr(exc, "problem", str(exc))}


def _scored(article: Article, rules, resources) -> tuple[list, list[dict]]:
    found, errors = [], []
    for cls, rule, opts, sev in rules:
        if cls.scope != "scored":
            continue
        try:
            found += _matches(article, cls, sev, rule.check(ArticleContext(article, opts, resources)))
        except Exception as exc:
            errors.append(_error(article, cls, exc))
    return found, errors


def audit_article(article: Article, rules, resources: Resources, limits: Limits,
                  score: bool, cache=None) -> dict:
    """Everything about one article that does not need the others: its findings (with view
    offsets), rule errors, a failure (the article is lost), the corpus rules' index entries,
    and with `score` its segments' quality, the scored rules' findings and their errors (`late`).
    Picklable, so that a worker process can return it and `cache` can keep it. `notes`/
    `engines`: the run notes and grammar engines of this article alone (all of them, whatever
    earlier articles noted), for the caller to add to its resources."""
    kept = resources.notes, resources.grammar_engines
    resources.notes, resources.grammar_engines = {}, []
    try:
        out = _audit(article, rules, resources, limits, score)
    finally:
        notes, engines = resources.notes, resources.grammar_engines
        resources.notes, resources.grammar_engines = kept
    out["notes"], out["engines"] = notes, engines
    if cache is not None:
        _keep(cache, article, out)
    return out


def _keep(cache, article: Article, out: dict) -> None:
    """Cache an article's audit, unless something failed."""
    if cacheable(out):
        cache.put(article, out)


def cacheable(out: dict) -> bool:
    """Whether an article's audit (`audit_article`) met no error, so that it may be cached: a
    time-out or a failure may pass next time."""
    return not (out["errors"] or out["failed"] or out["quality_failed"] or out["late"])


def _audit(article: Article, rules, resources: Resources, limits: Limits, score: bool) -> dict:
    out = {"found": [], "errors": [], "failed": None, "index": {}, "quality": None,
           "quality_failed": None, "scored": [], "late": []}
    try:
        with time_budget(limits.article_seconds, f"checking {article.source}"):
            for cls, rule, opts, sev in rules:
                if cls.scope == "corpus" and not hasattr(rule, "index"):
                    continue
                if cls.scope not in ("article", "corpus"):
                    continue
                try:  # one rule's failure must not lose the others'
                    ctx = ArticleContext(article, opts, resources)
                    if cls.scope == "article":
                        out["found"] += _matches(article, cls, sev, list(rule.check(ctx)))
                    else:
                        out["index"][cls.code] = rule.index(ctx)
                except Exception as exc:
                    out["errors"].append(_error(article, cls, exc))
    except (OverBudget, StepFailed) as exc:
        out["found"], out["index"], out["failed"] = [], {}, _failure(article, exc, "detect")
    if score and not out["failed"]:
        try:
            with time_budget(limits.article_seconds, f"scoring {article.source}"), step("quality"):
                score_segments(article, out["found"], resources)
            out["quality"] = [s.quality for s in article.segments]
            out["scored"], out["late"] = _scored(article, rules, resources)
        except (OverBudget, StepFailed) as exc:
            out["quality_failed"] = _failure(article, exc, "quality")
    return out


_worker: dict = {}


WARM_UP = ("Knee pain\n\nThe patient should rest the knee for two days and take 500 mg of "
           "paracetamol. Dry needling is not acupuncture.\n")


def _start_worker(settings: dict, score: bool, cache=None) -> None:
    """A detect worker process: its own resources, loaded once for all its articles. The
    selected rules audit a small article here first, so that the knowledge base, vocabulary,
    Harper, the models and every rule's own tables are loaded before the first real article
    (whose time budget they would otherwise eat). Whatever that audit finds or notes is
    dropped; a resource that fails to load fails the articles that need it, as in one process."""
    from pathlib import Path

    from pipeline import nlp
    from pipeline.ingest import read_article

    resources = Resources(settings)
    rules = selected_rules(settings)
    limits = Limits.from_settings(settings)
    _worker.update(settings=settings, resources=resources, rules=rules, limits=limits,
                   score=score, cache=cache)
    try:
        article = read_article(Path("warm-up.txt"), data=WARM_UP.encode())
        nlp.segment([article], model=settings["nlp"]["model"])
        audit_article(article, rules, resources, Limits(article_seconds=0), score)
    except BaseException:  # noqa: BLE001 - see above
        pass
    resources.notes.clear()
    resources.grammar_engines.clear()


def _audit_batch(articles: list[Article]) -> list[dict]:
    w = _worker
    return [audit_article(a, w["rules"], w["resources"], w["limits"], w["score"], w["cache"])
            for a in articles]


def _died(article: Article, problem: str) -> dict:
    return {"found": [], "errors": [], "index": {}, "quality": None, "quality_failed": None,
            "scored": [], "late": [], "notes": {}, "engines": [],
            "failed": {"source": article.source, "article_id": article.article_id,
                       "step": "detect", "problem": problem}}
