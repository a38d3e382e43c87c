"""Claims about the body part an operation is on: "rhinoplasty, the surgery of the ear",
"tonsillectomy is the removal of the appendix", "a hysterectomy (removal of the ovaries)", "LASIK is
a surgery of the knee", "appendectomy is done on the stomach", "LASIK, an ear surgery" (`site`
relations from the operation to the first body part named, with the parts listed after it as
alternatives: "removal of the uterus and the ovaries" names the uterus; judged by `Judge.site`
against the `operates_on` facts, FA020)."""
from __future__ import annotations

import re

from pipeline.claims.common import EXCLUDED_BEFORE, Relation, concept_type as _type

_NOUN = r"(?:surgery|surgeries|surgical\s+procedure|operation|procedure|removal|excision|resection|reshaping|repair|" \
        r"reconstruction|correction|plastic\s+surgery)"
_LINK = (r"(?:\s*,\s*(?:that\s+is,?\s+|i\.\s?e\.,?\s+|which\s+(?:is|means)\s+|meaning\s+|or\s+|namely\s+)?|\s*\(\s*|\s*[:\u2014\u2013]\s*"
         r"|\s+-\s+|\s+(?:is|are|means?|refers\s+to|involves?)\s+)")
_MODS = r"(?:(?!(?:of|on|to|for|the|a|an|not|no)\b)[\w-]+\s+){0,3}?"
# "X, the surgery of the Y", "X is an operation on the Y", "X means removal of the Y", "X (surgery of the Y)"
_OF_Y = re.compile(r"^" + _LINK + r"(?:(?:a|an|the)\s+)?(?:type\s+of\s+|kind\s+of\s+|form\s+of\s+)?" + _MODS + _NOUN +
                   r"\s+(?:of|on|in|to\s+(?:remove|reshape|repair|correct|change)|for)\s+"
                   r"(?:the\s+|a\s+|an\s+|one\s+|both\s+|your\s+|(?:part|all)\s+(?:or\s+all\s+)?of\s+the\s+)?$", re.I)
# "X is done on the Y", "X removes the Y", "X reshapes the Y"
_ON_Y = re.compile(r"^(?:\s+(?:is|are)\s+(?:usually\s+|always\s+|mainly\s+)?(?:done|performed|carried\s+out)\s+on"
                   r"|\s+(?:removes?|reshapes?|takes?\s+out))\s+(?:the\s+|a\s+|an\s+|one\s+|both\s+|your\s+)?$", re.I)
# "X, an ear surgery", "X (ear surgery)", "X is a cosmetic nose surgery": the body part before the noun
_Y_NOUN = re.compile(r"^" + _LINK + r"(?:(?:a|an|the)\s+)?" + _MODS + r"$", re.I)
_NOUN_AFTER = re.compile(r"^\s+" + _NOUN + r"\b", re.I)
_LIST = re.compile(r"^\s*(?:,\s*)?(?:and|or|as\s+well\s+as|,)\s+(?:(?:sometimes|also|often|usually|even)\s+)*(?:the\s+|a\s+|an\s+|one\s+|both\s+)?$", re.I)
_LEAD = re.compile(r"(?:^|[.;:(\u2022]\s*|,\s*|\b(?:and|but|so|because|while|whereas|although)\s+)(?:(?:in|during|after\s+all,)\s+)?"
                   r"(?:(?:the|a|an|your|this)\s+)?$", re.I)
_REPORTED = re.compile(r"\b(?:myths?|misconceptions?|mistaken(?:ly)?|wrongly|not\s+true|false|unlike|rather\s+than|whether)\b",
                       re.I)
_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)


def sites(kb, facts, text, offset, ms):
    """`site` claims from an operation with `operates_on` facts to the body part(s) it is said to be on."""
    for i, x in enumerate(ms):
        if not facts.get(x.concept, "operates_on"):
            continue
        before = text[:x.start - offset]
        if not _LEAD.search(before) or EXCLUDED_BEFORE.search(before) or _REPORTED.search(before):
            continue
        body = [m for m in ms[i + 1:] if _type(kb, m.concept) == "anatomy"]
        if not body:
            continue
        y = body[0]
        gap = text[x.end - offset:y.start - offset]
        if "." in gap or _NEGATION.search(gap) or len(gap) > 70:
            continue
        named_after = _Y_NOUN.match(gap) and _NOUN_AFTER.match(text[y.end - offset:])
        if not (_OF_Y.match(gap) or _ON_Y.match(gap) or named_after):
            continue
        ys, end = [y], y.end
        for nxt in body[1:]:
            if not _LIST.match(text[end - offset:nxt.start - offset]):
                break
            ys.append(nxt)
            end = nxt.end
        # the first part named, with those listed after it as alternatives (`name`, "|"-joined ids)
        yield Relation("site", x.concept, y.concept, x.start, end, True, "|".join(m.concept for m in ys),
                       "X, the surgery of the Y")
