from __future__ import annotations

from collections import defaultdict

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.common import article_claims
from pipeline.rules.fact.consistency import MAX_OTHERS, conflict, passage, statements

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
        kb = ctx.resources.knowledge
        index: dict[tuple, list] = defaultdict(list)
        for article in ctx.articles:
            for c in article_claims(kb, article):
                if c.kind in _FAMILY and c.x.concept != c.y.concept:
                    family, polarity = _FAMILY[c.kind]
                    index[_key(family, c.x.concept, c.y.concept)].append((polarity, article, c))
        for key, claims in index.items():
            for polarity, article, c in claims:
                others = [(a, o) for p, a, o in claims if p != polarity and a.article_id != article.article_id]
                if not others:
                    continue
                kb_says = kb.disjoint(c.x.concept, c.y.concept) is None
                supported = polarity == kb_says
                yield article.article_id, Match(
                    c.start, c.end,
                    f'This contradicts {others[0][0].source}: "{_quote(*others[0])}". '
                    + ("The knowledge base agrees with this article." if supported
                       else "The knowledge base agrees with the other article."),
                    confidence=0.8,
                    evidence=kb.evidence(c.x.concept, c.y.concept, claim=c.kind,
                                         contradicts=[_span(a, o) for a, o in others[:MAX_OTHERS]],
                                         contradicts_count=len(others)))
        yield from self._relations(ctx)

    def _relations(self, ctx):
        """Properties, what a test uses and whom a condition affects, compared across articles."""
        kb, judge, facts = ctx.resources.knowledge, ctx.resources.judge, ctx.resources.facts
        index: dict[tuple, list] = defaultdict(list)
        for article in ctx.articles:
            for st in statements(kb, facts, article):
                if st.key[0] in ("property", "uses", "age", "sex"):
                    index[st.key].append((article, st))
        for key, sts in index.items():
            for article, st in sts:
                others = [(a, o) for a, o in sts if a.article_id != article.article_id and conflict(judge, o, st)]
                if not others:
                    continue
                yield article.article_id, Match(
                    st.start, st.end,
                    f'This contradicts {others[0][0].source}: "{others[0][0].text[others[0][1].start:others[0][1].end]}".',
                    confidence=0.8,
                    evidence=kb.evidence(*st.concepts, claim=st.key[0],
                                         contradicts=[passage(a, o) for a, o in others[:MAX_OTHERS]],
                                         contradicts_count=len(others)))


def _quote(article, claim) -> str:
    return article.text[claim.start:claim.end]


def _span(article, claim) -> dict:
    start, end = article.file_span(claim.start, claim.end)
    line, column = article.line_col(start)
    return {"source": article.source, "article_id": article.article_id, "start": start, "end": end,
            "line": line, "column": column, "text": article.file_text[start:end]}
