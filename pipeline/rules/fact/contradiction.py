from __future__ import annotations

from collections import Counter, defaultdict
from itertools import islice

from pipeline.rules.base import ArticleContext, Match, Rule
from pipeline.rules.fact.common import article_claims
from pipeline.rules.fact.consistency import (MAX_OTHERS, Statement, conflict, passage,
                                             statements)

# claim kind -> (relation family, polarity)
_FAMILY = {"same": ("identity", True), "different": ("identity", False),
           "is_a": ("is_a", True), "not_is_a": ("is_a", False)}


def _key(family: str, x: str, y: str) -> tuple:
    return (family, *sorted((x, y))) if family == "identity" else (family, x, y)


class ContradictionAcrossArticles(Rule):
    """Two articles of the release say opposite things about the same concepts.

    What it does
    Extracts the claims the fact rules understand from every article (same as / different from /
    is a / is not a; a test's or condition's properties, what a test uses, whom a condition
    affects), indexes them by the concepts they relate, and reports every claim whose
    concept pair carries the opposite claim in another article: "dry needling or acupuncture is
    ..." in one article and "acupuncture is different from dry needling" in another. Each side gets
    a finding whose evidence names the other article's `source` and span (start, end, line,
    column) and quotes it, and says which side the knowledge base supports. The evidence names at
    most three other passages and counts them all (`contradicts_count`).

    Why is this bad?
    Readers of one site meet both statements; at least one is wrong, and the inconsistency
    undermines trust in the whole release.

    Example
    Article 1: Dry needling, also called acupuncture, ... / Article 2: Acupuncture differs from dry needling.

    Use instead
    Make the articles agree with the knowledge base (here: dry needling is not acupuncture).

    Severity
    Major: a contradiction in the release; the side that also contradicts the knowledge base
    usually gets its own critical or major finding from FA001-FA003.

    References
    Knowledge base (pipeline/data/knowledge/*.yaml) for which side is right; MQM Accuracy/Inconsistency.
    """

    code = "FA007"
    name = "contradiction-across-articles"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Inconsistency"
    scope = "corpus"

    def check(self, ctx):
        return self.combine([(a.article_id, self.index(ArticleContext(a, ctx.options, ctx.resources)))
                             for a in ctx.articles], ctx)

    def index(self, ctx):
        """What `combine` needs of one article, compact and picklable (so a worker process can
        build it): its claims (identity, class) and statements (property, uses, age, sex), each
        with its key, polarity or value, span, quote and passage."""
        kb, facts, article = ctx.resources.knowledge, ctx.resources.facts, ctx.article
        out = []
        for c in article_claims(kb, article):
            if c.kind in _FAMILY and c.x.concept != c.y.concept:
                family, polarity = _FAMILY[c.kind]
                out.append(("claim", _key(family, c.x.concept, c.y.concept), polarity, c.start,
                            c.end, (c.x.concept, c.y.concept), c.kind, _quote(article, c),
                            _span(article, c)))
        for st in statements(kb, facts, article):
            if st.key[0] in ("property", "uses", "age", "sex"):
                out.append(("statement", st.key, st.value, st.start, st.end, st.concepts,
                            st.key[0], article.text[st.start:st.end], passage(article, st)))
        return out

    def combine(self, indexed, ctx):
        """(article_id, Match) for every entry contradicted by an entry of another article.
        `indexed`: (article_id, index entries) in article order. Linear in the number of
        entries: each entry's contradicting entries are looked up by key and value, and only the
        first MAX_OTHERS of them are gathered (the rest are counted)."""
        res = ctx.resources  # the knowledge base is loaded only when there is something to judge
        claims: dict[tuple, list] = defaultdict(list)
        relations: dict[tuple, list] = defaultdict(list)
        for aid, entries in indexed:
            for e in entries:
                (claims if e[0] == "claim" else relations)[e[1]].append((aid, e))
        for key, group in claims.items():
            sides = {p: _Side([x for x in group if x[1][2] == p]) for p in (True, False)}
            for aid, e in group:
                others, count = sides[not e[2]].others(aid)
                if not count:
                    continue
                (cx, cy), kind, kb = e[5], e[6], res.knowledge
                supported = e[2] == (kb.disjoint(cx, cy) is None)
                yield aid, Match(
                    e[3], e[4],
                    f'This contradicts {others[0][1][8]["source"]}: "{others[0][1][7]}". '
                    + ("The knowledge base agrees with this article." if supported
                       else "The knowledge base agrees with the other article."),
                    confidence=0.8,
                    evidence=kb.evidence(cx, cy, claim=kind,
                                         contradicts=[o[8] for _, o in others],
                                         contradicts_count=count))
        for key, group in relations.items():
            values: list = []  # the distinct values said about `key`, in order of appearance
            for _, e in group:
                if e[2] not in values:
                    values.append(e[2])
            if len(values) < 2:
                continue
            st = [Statement(key, v, 0, 0, (), None) for v in values]  # conflict reads key, value
            against = [[conflict(res.judge, st[j], st[i]) for j in range(len(values))]
                       for i in range(len(values))]
            where = [values.index(e[2]) for _, e in group]
            sides = [_Side([x for x, w in zip(group, where) if against[i][w]])
                     for i in range(len(values))]
            for (aid, e), w in zip(group, where):
                others, count = sides[w].others(aid)
                if not count:
                    continue
                yield aid, Match(
                    e[3], e[4],
                    f'This contradicts {others[0][1][8]["source"]}: "{others[0][1][7]}".',
                    confidence=0.8,
                    evidence=res.knowledge.evidence(*e[5], claim=e[6], contradicts=[o[8] for _, o in others],
                                         contradicts_count=count))


class _Side:
    """The entries that contradict one side of a key, in article order: the first MAX_OTHERS
    from other articles than a given one, and how many there are, without a scan of them all."""

    def __init__(self, entries: list):
        self.entries = entries
        self.per_article = Counter(aid for aid, _ in entries)

    def others(self, aid: str) -> tuple[list, int]:
        count = len(self.entries) - self.per_article[aid]
        if not count:
            return [], 0
        return list(islice((x for x in self.entries if x[0] != aid), MAX_OTHERS)), count


def _quote(article, claim) -> str:
    return article.text[claim.start:claim.end]


def _span(article, claim) -> dict:
    start, end = article.file_span(claim.start, claim.end)
    line, column = article.line_col(start)
    return {"source": article.source, "article_id": article.article_id, "start": start, "end": end,
            "line": line, "column": column, "text": article.file_text[start:end]}
