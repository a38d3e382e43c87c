from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.common import article_claims, is_gloss, kind_word

CRITICAL_TYPES = {"modality", "therapy", "drug", "drug-class"}
# "X or Y is used / given / prescribed ...": a choice between two treatments, not two names for one
_CHOICE = re.compile(r"\s+(?:is|was)\s+(?:usually\s+|often\s+|commonly\s+|then\s+|also\s+|generally\s+)?"
                     r"(?:used|given|prescribed|needed|recommended|taken|injected|started|chosen|added|applied|"
                     r"offered|required|advised|suggested)\b", re.I)


class DistinctConceptsConflated(Rule):
    """Two distinct concepts presented as one: "X or Y is ...", "X, also called Y", "X (Y)", "X, i.e. Y".

    What it does
    Finds naming constructions that make two terms the same thing ("X, also called Y", "X, also
    known as Y", "X (Y)", "X, i.e. Y", "X or Y is ..." with a singular verb, "X and Y are the same", and a bare
    "X is (the) Y" for concepts the knowledge base lists as distinct: "dry needling is acupuncture")
    and reports them when the knowledge base says the two concepts are distinct, or when ICD-10
    (WHO 2019) files the two conditions under different three-character categories of its disease
    chapters and neither is a kind of the other ("kidney stones, also called gallstones": N20 and
    K80; "angina, also known as a heart attack": I20 and I21). True synonyms
    ("water therapy, or hydrotherapy") map to one concept and pass; "X or Y are ..." (alternatives)
    is not a naming construction, nor is "X or Y is used / given / prescribed ..." (a choice between
    two treatments). Glosses with an abbreviation are FA001's.

    Why is this bad?
    Machine translation often joins a term and a near neighbour with "or"; the reader then takes
    dry needling for acupuncture, or a physiotherapist for a physician.

    Example
    Dry needling or acupuncture is a method that uses thin needles.

    Use instead
    Dry needling is a method that uses thin needles (it is not acupuncture).

    Severity
    Critical when the concepts are treatments or drugs (the reader is sent to the wrong modality);
    major for other concepts (conditions, anatomy, professions).

    References
    Knowledge base (pipeline/data/knowledge/*.yaml): `distinct_from`, with each entry's references.
    WHO ICD-10 2019 browser: https://icd.who.int/browse10/2019/en
    """

    code = "FA002"
    name = "distinct-concepts-conflated"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for c in article_claims(kb, ctx.article):
            if c.kind != "same" or is_gloss(kb, ctx.text, c):
                continue
            if c.pattern == "X or Y" and _CHOICE.match(ctx.text, c.y.end):
                continue
            judge = ctx.resources.judge
            pair = judge.disjoint(c.x.concept, c.y.concept)
            icd = None if pair or c.bare else judge.different_diseases(c.x.concept, c.y.concept)
            if not pair and not icd:
                continue
            x, y = kb.concept(c.x.concept), kb.concept(c.y.concept)
            sev = "critical" if {x["type"], y["type"]} & CRITICAL_TYPES else None
            why = (f"but they are distinct {kind_word(x['type'], plural=True)}." if pair else
                   f"but ICD-10 files them as different diseases ({', '.join(icd[0])} and {', '.join(icd[1])}).")
            extra = ({"distinct": list(pair[:2]), "facts": [pair[2].cite()] if pair[2] else []} if pair
                     else {"icd10": {c.x.concept: list(icd[0]), c.y.concept: list(icd[1])}})
            yield Match(c.start, c.end,
                        f'"{c.x.surface}" ({x["name"]}) and "{c.y.surface}" ({y["name"]}) are presented '
                        f"as the same thing, {why}",
                        suggestion=c.x.surface, severity=sev, confidence=0.85,
                        evidence=kb.evidence(c.x.concept, c.y.concept, pattern=c.pattern, **extra))
