"""What the relation rules (FA009-FA014) share: the article's relation claims, sentence by
sentence, with "it"/"this condition" read as the subject of the sentence before, and one rule
shape (claims of some kinds, judged by the knowledge, reported with the deciding facts)."""
from __future__ import annotations

import re

from typing import Iterator

from pipeline.claims.extract import Relation, sentence_relations
from pipeline.limits import step
from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.claims import mentions

_TOPIC_TYPES = {"condition", "test", "modality", "therapy", "drug"}  # what "it" stands for


def article_relations(kb, facts, article) -> Iterator[tuple[object, Relation]]:
    """(segment, relation) for every relation claim of the article, in text order."""
    topic = None
    for seg in article.segments:
        with step("claims parser"):  # a failure fails this article, not the run
            rels = sentence_relations(kb, facts, seg.text, seg.start, topic)
        for r in rels:
            yield seg, r
        ms = [m for m in mentions(kb, seg.text, seg.start) if kb.concept(m.concept)["type"] in _TOPIC_TYPES]
        pron = [r for r in rels if r.start == seg.start + (len(seg.text) - len(seg.text.lstrip()))]
        if ms and ms[0].start - seg.start < 40:
            topic = ms[0].concept
        elif not pron and seg.block_kind in ("heading", "title"):
            topic = None


# a location or function said of a part of X, not of X: "the roots of the sciatic nerve (are) in
# the lumbar vertebrae", "the lower part of the femur, the upper part of the tibia and the patella"
_PART_OF = re.compile(r"\b(?:roots?|origins?|branch(?:es)?|ends?|parts?|portions?|sections?|segments?|"
                      r"tips?|bases?|heads?|necks?|course)\s+of\s+(?:the\s+|a\s+|an\s+|this\s+|each\s+)?$",
                      re.I)
_PART_KINDS = {"location"}


class RelationRule(Rule):
    """Base: report the claims of `kinds` that the judge says are wrong."""

    kinds: tuple[str, ...] = ()
    what = "claim"

    def verdict(self, judge, r: Relation):  # pragma: no cover - abstract
        raise NotImplementedError

    def check(self, ctx):
        kb, judge = ctx.resources.knowledge, ctx.resources.judge
        for seg, r in article_relations(kb, ctx.resources.facts, ctx.article):
            if r.kind not in self.kinds or \
                    r.kind in _PART_KINDS and _PART_OF.search(ctx.text, max(0, r.start - 40), r.start):
                continue  # "the roots of the sciatic nerve in the lumbar spine": said of a part
            v = self.verdict(judge, r)
            if v is None:
                continue
            quote = ctx.text[r.start:r.end]
            yield Match(r.start, r.end, f'Wrong {self.what}: "{quote}" — {v.reason}.',
                        suggestion=None, confidence=0.85,
                        evidence=v.evidence(kb, claim=r.kind, pattern=r.pattern))
