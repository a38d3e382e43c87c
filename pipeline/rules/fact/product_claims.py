"""Claims about a named product, shared by FA021 (what a vaccine protects against) and FA022
(what a product is made of): a product mention, a verb phrase, and the first wanted concept
mention after it (and a list after that); the cues that take such a claim back; and the verdict
with the facts' references."""
from __future__ import annotations

import re

from pipeline.rules.base import Match
from pipeline.rules.fact.claims import mentions

_W = r"[\w'’-]+"
_LIST_SEP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?(?:the\s+)?|\s+(?:and|or)\s+(?:the\s+)?", re.I)
# what takes the claim back, reports it as a belief, or asks it
_NEG = re.compile(r"\b(?:not|no|never|cannot|neither|nor|without|unlike|instead|rather|except|only\s+if)\b|"
                  r"n['’]t\b", re.I)
_BELIEF = re.compile(r"\b(?:believes?|believed|think|thinks|thought|assumes?|assumed|myths?|misconceptions?|"
                     r"mistaken(?:ly)?|wrongly|falsely|erroneously|rumou?rs?|claims?|claimed|heard|whether|"
                     r"wonder|if|contrary|untrue|false)\b", re.I)
_NEXT_DISOWNS = re.compile(r"\s*(?:(?:this|that|it)\s+is\s+(?:a\s+myth|not\s+true|untrue|false|wrong|incorrect)|"
                           r"(?:myth|false|wrong|not\s+true)\s*[.!])", re.I)
# the product named as the object of a preposition ("the crown on top of a dental implant is ..."):
# the claim is about something else
_OBJECT_OF = re.compile(r"\b(?:of|on|in|for|to|with|from|than|into|onto|over|under|like|unlike|by|about|"
                        r"after|before|around|inside)\s+(?:(?:the|a|an|your|each|every|this|that|its|their)\s+)?"
                        r"(?:" + _W + r"\s+)?$", re.I)


def product_claims(kb, text, offset, ms, k, gap_re, wanted):
    """(start, end, indices of the claimed mentions) when mention k is followed by a phrase of
    `gap_re` and then by a mention that `wanted(mention)` accepts (and a list of them)."""
    d = ms[k]
    before = text[:d.start - offset]
    if _OBJECT_OF.search(before[-60:]):
        return []
    nxt = next((j for j in range(k + 1, len(ms)) if ms[j].start >= d.end and wanted(ms[j])), None)
    if nxt is None:
        return []
    gap = text[d.end - offset:ms[nxt].start - offset]
    if not gap_re.fullmatch(gap) or any(kb.concept(ms[j].concept)["type"] in ("condition", "organism", "therapy",
                                                                             "substance", "drug")
                                        for j in range(k + 1, nxt) if ms[j].start >= d.end):
        return []
    items = [nxt]
    while True:
        j = next((i for i in range(items[-1] + 1, len(ms)) if ms[i].start >= ms[items[-1]].end), None)
        if j is None or not wanted(ms[j]) or not _LIST_SEP.fullmatch(
                text[ms[items[-1]].end - offset:ms[j].start - offset]):
            break
        items.append(j)
    return [(d.start, ms[items[-1]].end, items)]


def disowned(text, s, e, nxt) -> bool:
    """The claim denied, asked, reported as a belief, or called wrong around it."""
    if text.rstrip().endswith("?"):
        return True
    before = text[:s]
    cut = max(before.rfind(";"), before.lower().rfind(" but "))
    clause = before[cut + 1:] if cut >= 0 else before
    return bool(_NEG.search(text[s:e]) or _NEG.search(clause) or _BELIEF.search(before)
                or _NEXT_DISOWNS.match(nxt))


def plain_name(judge, cid: str) -> str:
    """The concept's name as running text: "Rubella [German measles]" -> "rubella"."""
    n = re.sub(r"\s*\[[^\]]*\]", "", judge.name(cid))
    return n[0].lower() + n[1:] if len(n) > 1 and n[1].islower() else n


def agrees(judge, claimed: str, objects: set[str]) -> bool:
    """`claimed` is one of the objects, a kind of one, or a class over one."""
    anc = judge.ancestors(claimed)
    return any(o == claimed or o in anc or claimed in judge.ancestors(o) for o in objects)


def report(ctx, claims_of, verdict, what):
    """Run `claims_of(kb, text, offset, ms)` -> (start, end, subject index, item indices) over the
    sentences and yield a Match for each item `verdict` finds wrong."""
    kb = ctx.resources.knowledge
    segs = list(ctx.segments)
    for i, seg in enumerate(segs):
        text = seg.text
        nxt = segs[i + 1].text if i + 1 < len(segs) else ""
        ms = mentions(kb, text, seg.start)
        seen = set()
        for start, end, k, items in claims_of(kb, text, seg.start, ms):
            if disowned(text, start - seg.start, end - seg.start, nxt):
                continue
            first = True
            for y in items:
                found = verdict(ms[k].concept, ms[y].concept)
                if found is None:
                    continue
                s, e = (start, end) if first else (ms[y].start, ms[y].end)
                first = False
                if (s, e) in seen:
                    continue
                seen.add((s, e))
                message, evidence = found
                yield Match(s, e, f'Wrong {what}: "{ctx.text[s:e]}" — {message}.', suggestion=None,
                            confidence=0.85, evidence=evidence)


def cited(judge, kb, fs, subject: str, claimed: str, relation: str, objects, says: str):
    """(message, evidence) for a claim the facts `fs` contradict: "<says>, not <claimed> (refs)",
    with the facts' references first in the evidence."""
    refs = [r for f in fs for r in f.references]
    message = (f"{says}, not {plain_name(judge, claimed)} "
               f"({'; '.join(dict.fromkeys(r['title'].split(' (')[0] for r in refs))})")
    ev = kb.evidence(subject, claimed, claim=relation, expected=sorted(objects),
                     facts=[f.cite() for f in fs])
    ev["references"] = refs + [r for r in ev["references"] if r not in refs]
    return message, ev
