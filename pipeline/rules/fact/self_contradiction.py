from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.consistency import MAX_OTHERS, conflict, knowledge_decides, passage, statements


class SelfContradiction(Rule):
    """One article says opposite things about the same concept: "not contagious" ... "contagious".

    What it does
    Collects the article's statements about concepts (is / is not a Y; same as / different from
    Y; invasive, contagious or chronic or not; uses radiation or not; mainly affects the young or
    the old; more common in women or men), following "it" and "this condition" back to the
    subject of the sentence before, and reports a statement that contradicts an earlier one about
    the same thing. When the knowledge base can judge the statements, the fact rules (FA002,
    FA003, FA009-FA013) report the wrong one instead, so one defect gets one finding. The evidence
    names up to three earlier passages and counts them all.

    Why is this bad?
    At least one of the two statements is wrong, and the reader cannot tell which.

    Example
    Fibromyalgia is not an autoimmune disease. It causes widespread pain. Fibromyalgia is an
    autoimmune disease in which the body attacks its muscles.

    Use instead
    Keep the statement that the references support and remove the other.

    Severity
    Major: a contradiction inside one article misleads and undermines trust.

    References
    MQM typology, Accuracy/Inconsistency: https://themqm.org/error-types-2/typology/
    """

    code = "FA014"
    name = "self-contradiction"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Inconsistency"

    def check(self, ctx):
        kb, judge, facts = ctx.resources.knowledge, ctx.resources.judge, ctx.resources.facts
        seen = statements(kb, facts, ctx.article)
        for i, s in enumerate(seen):
            earlier = [e for e in seen[:i] if e.end <= s.start and conflict(judge, e, s)]
            if not earlier or knowledge_decides(judge, s) or any(knowledge_decides(judge, e) for e in earlier):
                continue
            first = ctx.text[earlier[0].start:earlier[0].end]
            yield Match(s.start, s.end,
                        f'This contradicts an earlier statement in the same article: "{first}".',
                        confidence=0.8,
                        evidence=kb.evidence(*s.concepts, statement=s.key[0],
                                             contradicts=[passage(ctx.article, e) for e in earlier[:MAX_OTHERS]],
                                             contradicts_count=len(earlier)))
