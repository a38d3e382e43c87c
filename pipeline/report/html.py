"""The HTML review report: reports/index.html, one page per article (reports/articles/ID.html) and
one per rule that found something (reports/rules/CODE.html, every occurrence in the release).

Self-contained and usable from file://: the CSS and the script are inlined, and a
Content-Security-Policy allows exactly those two (by their sha256 hashes) and nothing else: no
remote or local loads, no other inline script, no inline event handlers. Every string that comes
from an article is escaped by Jinja2's autoescaping; nothing from an article is marked safe.
The script only toggles classes, `hidden` and ARIA attributes, moves table rows and wraps table
headers in buttons; it never builds markup from strings. Without the script every page still
reads in full: the index in its default order (worst first), both views of an article one after
the other."""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from pipeline import io
from pipeline.model import CATEGORIES, SEVERITIES, SEVERITY_PENALTY, Finding
from pipeline.report import highlight
from pipeline.report import summary as summary_mod
from pipeline.report.context import Sentences
from pipeline.policy import Policy, Verdict
from pipeline.review.db import LABELS as REVIEW_LABELS
from pipeline.rules.base import registry

_env = Environment(loader=PackageLoader("pipeline.report", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   trim_blocks=True, lstrip_blocks=True)
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
# Severity is told apart by colour (Okabe-Ito palette, report.css), by line (double, solid,
# dotted) and by this glyph, so that it survives greyscale printing and colour blindness.
GLYPHS = {"critical": "\u25b2", "major": "\u25a0", "minor": "\u25cf"}
# the built-in rules' code prefixes, for the legend (a plugin's rules may use others)
CODE_PREFIX = {"translation": "TR", "fact": "FA", "safety": "SA", "content": "CO"}
TOP_RULES = 10  # rules shown in the index's summary table; the others are listed after it


def _asset(name: str) -> tuple[Markup, str]:
    """A static asset to inline (ours, not article content) and its CSP hash source."""
    text = package_files("pipeline.report").joinpath("templates", name).read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    return Markup(text), f"'sha256-{digest}'"


def _csp(css_hash: str, js_hash: str) -> str:
    return (f"default-src 'none'; style-src {css_hash}; script-src {js_hash}; "
            f"img-src 'none'; base-uri 'none'; form-action 'none'")


def linkify(text: str) -> list[tuple[str, str | None]]:
    """(text, url) pieces: http(s) URLs become links, nothing else (no javascript:, no data:)."""
    out, pos = [], 0
    for m in _URL.finditer(text):
        out += [(text[pos:m.start()], None), (m.group(), m.group())]
        pos = m.end()
    return out + [(text[pos:], None)]


_env.filters["linkify"] = linkify


MANIFEST = "MANIFEST"  # in articles/: the pages the last run wrote
DIGESTS = "DIGESTS"  # in articles/: each page of the last run and the digest of its inputs


def page_name(article_id: str) -> str:
    """The file name of an article's (or a rule's) page. Ids are already safe file names
    (pipeline/ingest/ids.py); any other character is escaped all the same, so no id can leave
    the folder."""
    return f"{quote(article_id, safe='')}.html"


def page_href(article_id: str) -> str:
    """A link to the page: the file name, percent-encoded once more as a URL path."""
    return quote(page_name(article_id), safe="")


@dataclass
class Passage:
    """Where a finding's evidence points into another (or the same) article."""

    article_id: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"p{self.start}-{self.end}"


def other_passages(evidence: dict, ids: dict[str, str]) -> list[Passage]:
    """The article passages a cross-article finding's evidence names (e.g. a contradiction's
    `contradicts` list): each mapping (the evidence itself, one of its values, or an item of a
    list value) with `source` or `article_id` naming a known article and `start`/`end` offsets
    into that article's file. `ids`: source -> id."""
    candidates = [evidence]
    for v in evidence.values():
        if isinstance(v, dict):
            candidates.append(v)
        elif isinstance(v, list):
            candidates += [x for x in v if isinstance(x, dict)]
    out = []
    for c in candidates:
        aid = c.get("article_id") if c.get("article_id") in ids.values() else ids.get(c.get("source"))
        if aid and isinstance(c.get("start"), int) and isinstance(c.get("end"), int):
            out.append(Passage(aid, c["start"], c["end"]))
    return out


def rule_docs() -> dict[str, dict]:
    return {code: {"summary": cls.summary(), "doc": cls.documentation(), "name": cls.name}
            for code, cls in registry().items()}


@dataclass
class RuleStat:
    """One rule's findings in the release: counts by severity, and the occurrences by article,
    each as (the finding's number on that article's page, the finding)."""

    code: str
    name: str
    category: str
    by_severity: dict[str, int]
    articles: dict[str, list[tuple[int, Finding]]]

    @property
    def count(self) -> int:
        return sum(self.by_severity.values())


def rule_stats(numbered: dict[str, list[tuple[int, Finding]]]) -> list[RuleStat]:
    """Every rule with findings, most findings first (ties by code). `numbered`: each article's
    findings with their numbers on its page."""
    stats: dict[str, RuleStat] = {}
    for aid, fs in numbered.items():
        for n, f in fs:
            st = stats.get(f.rule_id)
            if st is None:
                st = stats[f.rule_id] = RuleStat(f.rule_id, f.rule_name, f.category,
                                                 dict.fromkeys(SEVERITIES, 0), {})
            st.by_severity[f.severity] = st.by_severity.get(f.severity, 0) + 1
            st.articles.setdefault(aid, []).append((n, f))
    return sorted(stats.values(), key=lambda s: (-s.count, s.code))


def common_context(policy: Policy) -> dict:
    """What every page's template gets: the inlined assets, the CSP, the policy, the legend."""
    css, css_hash = _asset("report.css")
    js, js_hash = _asset("report.js")
    return {"css": css, "js": js, "csp": _csp(css_hash, js_hash), "policy": policy,
            "categories": CATEGORIES, "severities": SEVERITIES, "page_name": page_name,
            "glyphs": GLYPHS, "penalty": SEVERITY_PENALTY, "code_prefix": CODE_PREFIX,
            "page_href": page_href, "review_labels": {**REVIEW_LABELS, "waived": "waived"}}


class CrossLinks:
    """The passages that findings' evidence points to in other articles (`other_passages`):
    anchors to highlight by article, and the passages of each finding by fingerprint."""

    def __init__(self, ids: dict[str, str], known):
        self.ids, self.known = ids, known  # source -> article id; ids of articles with a text
        self.passages: dict[str, dict[str, Passage]] = {}
        self.links: dict[str, list[Passage]] = {}

    def add(self, fingerprint: str, evidence: dict) -> None:
        for p in other_passages(evidence, self.ids):
            if p.article_id in self.known:
                self.links.setdefault(fingerprint, []).append(p)
                self.passages.setdefault(p.article_id, {})[p.anchor] = p


def write(out: Path, *, summary: dict, findings: list[Finding], texts: dict[str, str],
          segments: list[dict], verdicts: dict[str, Verdict], policy: Policy) -> list[dict]:
    """articles/*.html, then index.html, then rules/*.html under `out`. `texts`: file text by article id;
    `segments`: rows of segments_scored (article_id, index, file_start, file_end, text, quality).

    Each page is written on its own: a page that fails is recorded (source, article_id, step
    `report`, problem) in the summary, which is marked incomplete, and the index, written last,
    lists it and links only to pages that exist. Returns those failures. Only pages this tool
    wrote (listed in articles/MANIFEST) are ever removed from articles/.
    (The report stage writes the same pages article by article: pipeline/report/stream.py.)"""
    common = common_context(policy)
    by_article: dict[str, list[Finding]] = {aid: [] for aid in summary["articles"]}
    for f in findings:
        by_article.setdefault(f.article_id, []).append(f)
    numbered = {aid: list(enumerate(fs, 1)) for aid, fs in by_article.items()}
    cross = CrossLinks({a["source"]: aid for aid, a in summary["articles"].items()}, texts)
    for f in findings:
        cross.add(f.fingerprint, f.evidence)
    segs: dict[str, list[dict]] = {}
    for s in segments:
        segs.setdefault(s["article_id"], []).append(s)
    docs = rule_docs()
    stats = rule_stats(numbered)
    written, failures = set(), []
    for aid, a in summary["articles"].items():
        failure = write_article(out, aid, a, verdicts.get(aid), by_article.get(aid, []),
                                texts.get(aid, ""), segs.get(aid, []), cross, docs, common)
        if failure:
            failures.append(failure)
        else:
            written.add(page_name(aid))
    summary_mod.add_failures(summary, failures)
    write_index(out, summary, verdicts, written, stats, docs, common)
    titles = {aid: a.get("title") or a["source"] for aid, a in summary["articles"].items()}
    sentences = Sentences(segments)
    keep = set()
    for st in stats:
        contexts = {(aid, n): context(texts.get(aid, ""), sentences, f)
                    for aid, occ in st.articles.items() for n, f in occ}
        write_rule_page(out / "rules", st, contexts, titles, docs, common)
        keep.add(page_name(st.code))
    remove_stale_rule_pages(out / "rules", keep)
    write_digests(out / "rules", {})
    return failures


def write_article(out: Path, aid: str, a: dict, verdict: Verdict | None, fs: list[Finding],
                  text: str, segments: list[dict], cross: CrossLinks, docs: dict,
                  common: dict) -> dict | None:
    """articles/ID.html; None, or the failure (see `write`) when the page cannot be written."""
    try:
        spans = [highlight.Span(f"f{n}", f.start, f.end) for n, f in enumerate(fs, 1)]
        spans += [highlight.Span(p.anchor, p.start, p.end)
                  for p in cross.passages.get(aid, {}).values()
                  if 0 <= p.start <= p.end <= len(text)]
        html = _env.get_template("article.html").render(
            aid=aid, article=a, verdict=verdict, findings=list(enumerate(fs, 1)),
            tokens=highlight.tokens(text, spans), docs=docs, links=cross.links,
            segments=_flagged_segments(text, segments, fs),
            rules=sorted({f.rule_id for f in fs}), **common)
        io.write_text(out / "articles" / page_name(aid), html)
        return None
    except Exception as exc:  # one page must not cost the others, nor the index
        return {"source": a["source"], "article_id": aid, "step": "report",
                "problem": f"its report page could not be written: {type(exc).__name__}: {exc}"}


def write_index(out: Path, summary: dict, verdicts: dict, written: set[str],
                stats: list[RuleStat], docs: dict, common: dict,
                digests: dict[str, str] | None = None) -> None:
    """index.html (after the article pages: it links only to those `written`), then the
    articles/MANIFEST, removing the pages of an earlier run that this one did not write, and
    articles/DIGESTS (`digests`: page name -> the digest of what it was made from), which the
    next run reads to keep the pages whose inputs did not change (pipeline/report/pages.py)."""
    rank = sorted(summary["articles"].items(), key=lambda kv: (kv[1]["score"], kv[0]))
    io.write_text(out / "index.html", _env.get_template("index.html").render(
        summary=summary, ranked=rank, verdicts=verdicts, pages=written, top_rules=stats[:TOP_RULES],
        more_rules=stats[TOP_RULES:], docs=docs, **common))
    _remove_stale_pages(out / "articles", written)
    write_digests(out / "articles", {n: digests[n] for n in written if n in (digests or {})})


def write_digests(pages: Path, digests: dict[str, str]) -> None:
    """DIGESTS in the folder `pages` (articles/ or rules/): each page and the digest of what
    it was made from; none when `digests` is empty (pages made without digests: none of an
    earlier run may vouch for them)."""
    if digests:
        io.write_text(pages / DIGESTS, "".join(f"{digests[n]}  {n}\n" for n in sorted(digests)))
    else:
        (pages / DIGESTS).unlink(missing_ok=True)


def read_digests(pages: Path) -> dict[str, str]:
    """DIGESTS of the last run in `pages`: page name -> digest (empty when missing or
    unreadable: every page is then made again)."""
    try:
        lines = (pages / DIGESTS).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    pairs = (line.split("  ", 1) for line in lines if "  " in line)
    return {name: digest for digest, name in pairs}


def write_rule_page(folder: Path, st: RuleStat, contexts: dict, titles: dict[str, str],
                    docs: dict[str, dict], common: dict) -> None:
    """rules/CODE.html: every finding of the rule, article by article, in its sentence
    (`contexts`: tokens by (article id, the finding's number on the article's page)). The
    report stage keeps a page whose inputs did not change (pipeline/report/pages.py)."""
    with io.atomic_writer(folder / page_name(st.code)) as f:
        for chunk in _env.get_template("rule.html").generate(
                rule=st, doc=docs.get(st.code), contexts=contexts, titles=titles, **common):
            f.write(chunk)


def remove_stale_rule_pages(folder: Path, keep: set[str]) -> None:
    """Rule pages of an earlier run whose rule has no finding now (only *.html)."""
    if folder.is_dir():
        for old in folder.glob("*.html"):
            if old.name not in keep:
                old.unlink()


def context(text: str, sentences: Sentences, f: Finding) -> list[highlight.Token]:
    """The sentence(s) around a finding, as in the file, split for highlighting the finding;
    just the flagged text when it lies outside every sentence."""
    span = sentences.span(f)
    lo, hi = span if span else (f.start, f.end)
    lo, hi = min(lo, f.start), max(hi, f.end)
    return highlight.tokens(text[lo:hi], [highlight.Span("hit", f.start - lo, f.end - lo)])


def _remove_stale_pages(pages: Path, written: set[str]) -> None:
    """Delete the pages an earlier run wrote (per its MANIFEST) that this run did not; record
    this run's pages. Files the tool did not write are never touched."""
    manifest = pages / MANIFEST
    try:
        before = set(manifest.read_text(encoding="utf-8").split("\n")) if manifest.exists() \
            else set()
    except (OSError, UnicodeDecodeError):
        before = set()
    for name in before - written:
        if name and "/" not in name and name not in (MANIFEST, "..", "."):
            (pages / name).unlink(missing_ok=True)
    io.write_text(manifest, "".join(f"{n}\n" for n in sorted(written)))


def _flagged_segments(text: str, segments: list[dict], findings: list[Finding]) -> list[dict]:
    """The sentences that findings touch, each with its findings (numbered as on the page) and
    the sentence (as in the file) split for highlighting; findings outside every sentence come
    last."""
    rows, placed = [], set()
    for s in sorted(segments, key=lambda s: s["file_start"]):
        lo, hi = int(s["file_start"]), int(s["file_end"])
        hits = [(n, f) for n, f in enumerate(findings, 1)
                if f.start < hi and f.end > lo or (f.start == f.end and lo <= f.start < hi)]
        if not hits:
            continue
        placed.update(n for n, _ in hits)
        spans = [highlight.Span(f"f{n}", max(f.start, lo) - lo, max(min(f.end, hi), f.start) - lo)
                 for n, f in hits]
        quality = s.get("quality")
        rows.append({"index": int(s["index"]), "hits": hits,
                     "quality": None if quality is None or quality != quality else quality,
                     "tokens": highlight.tokens(text[lo:hi], spans)})
    rest = [(n, f) for n, f in enumerate(findings, 1) if n not in placed]
    if rest:
        rows.append({"index": None, "quality": None, "hits": rest, "tokens": []})
    return rows
