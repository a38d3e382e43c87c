from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.common import article_claims


class CategoryError(Rule):
    """A concept placed in a class it does not belong to: "magnesium is one of the best vitamins".

    What it does
    Reads class statements ("X is a Y", "X is one of the best Y", "X or other Y", "Y such as X",
    "X is a problem related to <body part>") and reports them when the knowledge base puts X (or a
    parent of X) in a class that it keeps apart from Y: magnesium is a mineral, not a vitamin; a
    stroke is a brain injury, not a spinal cord injury; hypothyroidism is an endocrine disorder, not
    a vascular one.

    Why is this bad?
    A wrong class misleads the reader about what the thing is and what to do about it (which
    specialist, which supplement, which test).

    Example
    Magnesium is one of the best vitamins for cramps.

    Use instead
    Magnesium is one of the most useful minerals for cramps.

    Severity
    Major: a factual error about what something is, which can misdirect care.

    References
    Knowledge base (sources/knowledge/*.yaml): `is_a` and `distinct_from`, with references.
    """

    code = "FA003"
    name = "category-error"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for c in article_claims(kb, ctx.article):
            if c.kind != "is_a":
                continue
            pair = ctx.resources.judge.disjoint(c.x.concept, c.y.concept)
            if not pair:
                continue
            x, y = kb.concept(c.x.concept), kb.concept(c.y.concept)
            actual = kb.concept(pair[0])["name"]
            yield Match(c.start, c.end,
                        f'"{c.x.surface}" is presented as a kind of {y["name"]}, but {x["name"]} is '
                        f'a {actual}, which is distinct from {kb.concept(pair[1])["name"]}.',
                        confidence=0.85,
                        evidence=kb.evidence(c.x.concept, c.y.concept, *pair[:2], pattern=c.pattern,
                                             distinct=list(pair[:2]),
                                             facts=[pair[2].cite()] if pair[2] else []))
