from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.claims import mentions, sentence_claims

_NEGATION = re.compile(r"\b(?:not|no|unlike|rather\s+than|instead\s+of|differs?|different|whereas|while)\b", re.I)


class MisattributedCharacteristic(Rule):
    """A passage about X gives X a characteristic of a concept X is distinct from.

    What it does
    Works out what each sentence is about: the first concept it mentions, or else the concept named
    by the heading of its section. It then looks for characteristic phrases the knowledge base lists
    for other concepts (`attributes`: acupuncture's traditional Chinese medicine, meridians and flow
    of energy; dry needling's myofascial trigger points) and reports one that belongs to a concept
    the knowledge base keeps apart from the sentence's subject. Sentences that contrast the two
    ("unlike acupuncture, ...", "is not") or that name the owner themselves are left alone.

    Why is this bad?
    Calling dry needling a traditional Chinese method, or saying it balances the flow of energy,
    tells the reader something false about the treatment they are offered.

    Example
    Dry needling: These needles relieve tension and balance the flow of energy in the body.

    Use instead
    Dry needling: These needles release myofascial trigger points and relieve tension.

    Severity
    Major: a false statement about what a treatment is or does, short of naming the wrong one.

    References
    Knowledge base (pipeline/data/knowledge/*.yaml): `attributes` and `distinct_from`, with references.
    """

    code = "FA004"
    name = "misattributed-characteristic"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        topic: list[str] = []
        for seg in ctx.segments:
            ms = mentions(kb, seg.text, seg.start)
            if seg.block_kind in ("heading", "title"):
                topic = [m.concept for m in ms]
                continue
            if _NEGATION.search(seg.text):
                continue
            about = [ms[0].concept] if ms and ms[0].start - seg.start < 40 else topic
            named = {m.concept for m in ms}
            same = {(c.x.concept, c.y.concept) for c in sentence_claims(kb, seg.text, seg.start) if c.kind == "same"}
            for start, end, owners in kb.find_attributes(seg.text):
                for owner in sorted(owners):
                    subject = next((t for t in about if t != owner and kb.disjoint(t, owner)
                                    and not any(kb.is_a(t, o) or kb.is_a(o, t) for o in owners)), None)
                    if subject is None:
                        continue
                    if owner in named and (subject, owner) not in same and (owner, subject) not in same:
                        continue
                    s, e = seg.start + start, seg.start + end
                    yield Match(s, e,
                                f'"{ctx.text[s:e]}" is a characteristic of {kb.concept(owner)["name"]}, '
                                f'but this passage is about {kb.concept(subject)["name"]}, which is distinct from it.',
                                confidence=0.75,
                                evidence=kb.evidence(subject, owner, attribute=ctx.text[s:e],
                                                     subject=subject, owner=owner))
                    break
