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
    a vascular one. Diseases are placed by ICD-10 (WHO 2019): a disease that ICD-10 classifies outside
    every entry of a closed class (cancer, muscle disease, heart disease, mental disorder, an ICD-10
    chapter or block) is not one ("psoriasis is a form of cancer": psoriasis is in chapter XII,
    cancers in block C00-C97), unless a curated link says it also is (melanoma is a cancer and a
    skin disease). What the knowledge base cannot place is never reported.

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
    Knowledge base (pipeline/data/knowledge/*.yaml): `is_a` and `distinct_from`, with references.
    WHO ICD-10 2019 browser: https://icd.who.int/browse10/2019/en
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
            yield Match(c.start, c.end, _message(kb, c, pair),
                        confidence=0.85,
                        evidence=kb.evidence(c.x.concept, c.y.concept, *pair[:2], pattern=c.pattern,
                                             distinct=list(pair[:2]),
                                             facts=[pair[2].cite()] if pair[2] else []))


def _message(kb, c, pair) -> str:
    pair = pair[:2]
    x, y = kb.concept(c.x.concept), kb.concept(c.y.concept)
    place, other = kb.concept(pair[0]), kb.concept(pair[1])
    lead = f'"{c.x.surface}" is presented as a kind of {y["name"]}, but '
    if kb.distinct_by_icd(*pair):
        if pair[0] == c.x.concept:
            return lead + f'ICD-10 classifies {x["name"]} ({place["icd"]}) outside {other["name"]}.'
        return lead + (f'ICD-10 classifies {x["name"]} under "{place["name"]}" ({place["icd"]}), '
                       f'outside {other["name"]}.')
    if pair[0] == c.x.concept:
        return lead + f'{x["name"]} is distinct from {other["name"]}.'
    return lead + f'{x["name"]} is a {place["name"]}, which is distinct from {other["name"]}.'
