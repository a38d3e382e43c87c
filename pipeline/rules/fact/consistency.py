"""Statements that can contradict each other, keyed by what they are about (shared by FA014 within
an article and FA007 across articles): class (is / is not a Y), identity (same as / different
from), a property's value, what a test uses, and whom a condition affects."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.rules.fact.common import article_claims
from pipeline.rules.fact.relation_common import article_relations

MAX_OTHERS = 3  # a finding names at most this many other passages, and counts them all
_AGE_ORDER = {"infants": 0, "children": 0, "adolescents": 1, "young-people": 1, "young-adults": 2,
              "middle-aged-adults": 3, "older-adults": 4}


@dataclass(frozen=True)
class Statement:
    key: tuple  # what it is about
    value: object  # what it says
    start: int
    end: int
    concepts: tuple[str, ...]
    claim: object  # the Claim or Relation it came from


def statements(kb, facts, article) -> list[Statement]:
    out: list[Statement] = []
    for c in article_claims(kb, article):
        if c.x.concept == c.y.concept:
            continue
        if c.kind in ("is_a", "not_is_a"):
            out.append(Statement(("is_a", c.x.concept, c.y.concept), c.kind == "is_a", c.start, c.end,
                                 (c.x.concept, c.y.concept), c))
        elif c.kind in ("same", "different"):
            out.append(Statement(("identity", *sorted((c.x.concept, c.y.concept))), c.kind == "same",
                                 c.start, c.end, (c.x.concept, c.y.concept), c))
    for _, r in article_relations(kb, facts, article):
        if r.kind == "property":
            out.append(Statement(("property", r.x, r.name), r.value, r.start, r.end, (r.x,), r))
        elif r.kind == "uses" and r.y and facts is not None:
            out.append(Statement(("uses", r.x), (r.y, r.value), r.start, r.end, (r.x, r.y), r))
        elif r.kind == "age":
            out.append(Statement(("age", r.x), (r.y, r.value), r.start, r.end, (r.x, r.y), r))
        elif r.kind == "sex":
            out.append(Statement(("sex", r.x), r.y, r.start, r.end, (r.x, r.y), r))
    return sorted(out, key=lambda s: s.start)


def conflict(judge, a: Statement, b: Statement) -> bool:
    """Whether two statements about the same thing cannot both be true."""
    if a.key != b.key:
        return False
    kind = a.key[0]
    if kind in ("is_a", "identity", "property"):
        return a.value != b.value
    if kind == "sex":
        return a.value != b.value
    if kind == "uses":
        (ya, pa), (yb, pb) = a.value, b.value
        return pa != pb and (ya == yb or judge.is_a(ya, yb) or judge.is_a(yb, ya))
    if kind == "age":
        (ga, pa), (gb, pb) = a.value, b.value
        if pa != pb:
            return ga == gb
        if pa and ga in _AGE_ORDER and gb in _AGE_ORDER:
            return abs(_AGE_ORDER[ga] - _AGE_ORDER[gb]) >= 2
    return False


def knowledge_decides(judge, s: Statement) -> bool:
    """Whether the knowledge already judges this statement (then a fact rule reports the wrong side)."""
    k = s.key[0]
    r = s.claim
    if k in ("is_a", "identity"):
        return judge.disjoint(s.concepts[0], s.concepts[1]) is not None
    if k == "property":
        return judge.facts.prop(r.x, r.name)[0] is not None or judge.prop(r.x, r.name, r.value) is not None
    if k == "uses":
        return bool(judge.facts.get(r.x, "uses")) or judge.uses(r.x, r.y, r.value) is not None
    if k == "age":
        return bool(judge.facts.get(r.x, "age_group"))
    if k == "sex":
        return bool(judge.facts.get(r.x, "more_common_in"))
    return False


def passage(article, s: Statement) -> dict:
    start, end = article.file_span(s.start, s.end)
    line, column = article.line_col(start)
    return {"source": article.source, "article_id": article.article_id, "start": start, "end": end,
            "line": line, "column": column, "text": article.file_text[start:end]}
