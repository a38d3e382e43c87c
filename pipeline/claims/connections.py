"""Claims about what a tendon or ligament joins: "the Achilles tendon connects the calf muscles to
the knee", "ligaments connect muscles to bones", "the ACL joins the femur and the fibula", "tendons
connect the bones to each other" (`connects` relations from the tendon or ligament to its claimed
ends, `name` the "|"-joined end ids; judged by `Judge.connects` against the `connects` facts, FA009)."""
from __future__ import annotations

import re

from pipeline.claims.common import EXCLUDED_BEFORE, Relation, concept_type as _type

_VERB = r"(?:connect|connects|connecting|attach|attaches|attaching|join|joins|joining|link|links|linking|anchor|anchors|" \
        r"anchoring|tie|ties|tying|bind|binds|binding)"
_ART = r"(?:(?:the|a|an|your|each|other|another|two)\s+)*"
_CLAUSE = r"(?:(?!\b(?:not|never|no|if|when|unless)\b)[^,.;()])"
# how the verb hangs on X: "X connects", "X (connecting", "X, which connects", "X, the tendon that
# connects", "X are (the) bands that attach", "X that join"
_HANG = re.compile(r"^(?:\s*\(\s*|\s*,\s*(?:(?:the|a|an)\s+" + _CLAUSE + r"{0,40}?\s+)?(?:(?:that|which)\s+)?"
                   r"|\s+(?:is|are)\s+(?:(?:a|an|the)\s+)?" + _CLAUSE + r"{0,40}?\s+(?:that|which)\s+|\s+(?:that|which)\s+|\s+)"
                   r"(?:also\s+|usually\s+|normally\s+|firmly\s+|mainly\s+)?" + _VERB + r"\s+" + _ART + r"$", re.I)
# "X is attached to the B", "X, attached to the B", "X inserts into the B": one end
_ATTACHED = re.compile(r"^(?:\s*,\s*|\s+(?:is\s+|are\s+)?)(?:firmly\s+|also\s+)?(?:attached|attaches|attach|connected|joined|anchored|"
                       r"inserts?|inserted)\s+(?:to|into|onto)\s+" + _ART + r"$", re.I)
_TO = re.compile(r"^(?:\s*\([^()]*\))?\s+(?:to|with|and)\s+" + _ART + r"$", re.I)
_AND = re.compile(r"^\s+and\s+", re.I)
_ON_TO = re.compile(r"^(?:\s+(?:muscles?|bones?))?\s+(?:to|with)\s+" + _ART + r"$", re.I)
_EACH_OTHER = re.compile(r"^(?:\s*\([^()]*\))?\s+(?:together|to\s+(?:each\s+other|one\s+another))\b", re.I)
_LEAD = re.compile(r"(?:^|[.;:(\u2022]\s*|,\s*|\b(?:and|but|so|because|while|whereas)\s+)(?:(?:in|during)\s+[^,.;]{1,30},\s*)?"
                   r"(?:(?:the|a|an|your|all|most|some|many|these|those)\s+)?$", re.I)
_REPORTED = re.compile(r"\b(?:myths?|misconceptions?|mistaken(?:ly)?|wrongly|not\s+true|false|unlike|rather\s+than|whether|"
                       r"think|thinks|believe|believes)\b", re.I)


def connections(kb, facts, text, offset, ms):
    """`connects` claims from a tendon or ligament (one with `connects` facts, or a kind of one) to
    the one or two ends the sentence names."""
    for i, x in enumerate(ms):
        if _type(kb, x.concept) != "anatomy" \
                or not any(facts.get(c, "connects") for c in {x.concept, *kb.ancestors(x.concept)}):
            continue
        before = text[:x.start - offset]
        if not _LEAD.search(before) or EXCLUDED_BEFORE.search(before) or _REPORTED.search(before):
            continue
        later = [m for m in ms[i + 1:] if m.start - x.end < 90]
        j = next((k for k, m in enumerate(later) if _HANG.match(text[x.end - offset:m.start - offset])), None)
        if j is None:
            one = next((m for m in later if _ATTACHED.match(text[x.end - offset:m.start - offset])), None)
            if one is not None and _type(kb, one.concept) == "anatomy" and one.concept != x.concept:
                yield Relation("connects", x.concept, None, x.start, one.end, True, one.concept, "X is attached to B")
            continue
        if _type(kb, later[j].concept) != "anatomy" or later[j].concept == x.concept:
            continue
        a = later[j]
        b = next((m for m in later[j + 1:] if text.count("(", a.end - offset, m.start - offset)
                  <= text.count(")", a.end - offset, m.start - offset)), None)  # not "(thigh bone)"
        ends, end = [a.concept], a.end
        if b is not None and _type(kb, b.concept) == "anatomy" and _TO.match(text[a.end - offset:b.start - offset]):
            ends, end = [a.concept, b.concept], b.end
            c = next((m for m in later if m.start > b.end), None)
            if c is not None and _type(kb, c.concept) == "anatomy" and _AND.match(text[a.end - offset:b.start - offset]) \
                    and _ON_TO.match(text[b.end - offset:c.start - offset]):
                ends, end = [a.concept, c.concept], c.end  # "joins the gastrocnemius and soleus (muscles) to the calcaneus"
        elif _EACH_OTHER.match(text[a.end - offset:]) or re.search(r"\btwo\s+$", before + text[x.start - offset:a.start - offset], re.I):
            ends = [a.concept, a.concept]  # "connect the bones to each other", "join two bones"
        yield Relation("connects", x.concept, None, x.start, end, True, "|".join(ends), "X connects A to B")
