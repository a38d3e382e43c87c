"""Claims about where in a larger structure something lies, front or back, upper or lower: "the
cornea, at the back of the eye", "the retina, the clear front part of the eye", "the wisdom teeth,
the front teeth" (`position` relations whose name is the side, judged by `Judge.position` against
the front/back/upper/lower facts; FA009 reads them with the location and layer claims)."""
from __future__ import annotations

import re

from pipeline.claims.common import EXCLUDED_BEFORE, RESULT_BEFORE, Relation, concept_type as _type

SIDES = {**dict.fromkeys(("front", "anterior", "fore"), "front"),
         **dict.fromkeys(("back", "rear", "posterior", "hind"), "back"),
         **dict.fromkeys(("top", "upper", "uppermost", "topmost", "superior"), "upper"),
         **dict.fromkeys(("bottom", "lower", "lowermost", "lowest", "inferior"), "lower")}
_ADJ = r"(?:front|back|rear|anterior|posterior|hind|upper|uppermost|top|lower|lowermost|bottom)"
_PART = r"(?:part|portion|section|area|region|segment|surface|wall|end|half)"
_MOD = (r"(?!(?:the|a|an|not|no|of|in|on|at|to|into|from|under|below|above|over|behind|near|between|with|which|that|"
        r"is|are|was|were|and|or|but|its|their|your|this|teeth|tooth|" + "|".join(SIDES) + r")\b)[a-z][\w-]*,?\s+")
_MODS = rf"(?:{_MOD}){{0,4}}"
_ALIAS = r"(?:\s*\([^()]{1,40}\))?"  # "the patella (kneecap) at ..."
# how the phrase hangs on X: an apposition, a parenthesis, a relative clause or a copula
_LINK = (r"(?P<link>\s*,\s*(?:(?:which|that)\s+(?:is|are|lies|lie|sits|sit|runs|run|rests|rest)\s+|(?:located|found|situated|"
         r"lying|sitting|positioned)\s+)?|\s*\(\s*|\s*[:\u2014\u2013]\s*|\s+-\s+"
         r"|\s+(?:is|are|lies|lie|sits|sit|runs|run|rests|rest)\s+(?:(?:located|found|situated|positioned)\s+)?"
         r"|\s+(?:located|found|situated)\s+|\s+(?=(?:at|in|on)\s+the\b))")
_PREP = r"(?:at|in|on|along|across|over|down|toward|towards)\s+(?:the|your)\s+(?:very\s+|far\s+)?"
_SIDE = rf"(?:front|back|rear|top|bottom|{_ADJ}\s+{_PART})"
_OF = r"\s+of\s+(?:the\s+|your\s+|each\s+)?"
_PHRASE = re.compile(
    _ALIAS + _LINK + r"(?:(?P<at>" + _PREP + _SIDE + _OF + r")"  # "at the back of the Y"
    rf"|(?P<np>(?:the|a|an)\s+{_MODS}(?:{_PREP}{_SIDE}|{_SIDE}){_OF})"  # "the clear front part of the Y", "a gland in the front of the Y"
    rf"|(?P<teeth>(?:the|your)\s+{_MODS}{_ADJ}\s+(?:teeth|tooth|molars?|premolars?|incisors?)\b))", re.I)
_LIST_AFTER = re.compile(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)\b|\s*,\s*(?:the|a|an)\b", re.I)
_OBJECT_BEFORE = re.compile(r"\b(?:of|in|into|to|from|through|behind|under|below|above|beneath|near|with|by|on|at|toward|"
                            r"towards|past|between|around)\s+(?:the\s+|your\s+|a\s+|an\s+)?$", re.I)
_REPORTED_BEFORE = re.compile(r"\b(?:myths?|misconceptions?|mistaken(?:ly)?|wrongly|believes?|believed|think|thinks|thought|"
                              r"assumes?|assumed|claims?|claimed|not\s+true|false|whether|if|unless|rather\s+than)\b[^.;]*$", re.I)


def positions(kb, text, offset, ms):
    """`position` claims named by a side (front, back, upper, lower) from an anatomy mention X to the
    structure Y whose part it is said to be (the mouth for "the front teeth")."""
    body = sorted((m for m in ms if _type(kb, m.concept) == "anatomy"), key=lambda m: m.start)
    starts = {m.start - offset: m for m in body}
    teeth = "mouth" if "mouth" in kb.concepts else None  # the whole "the front teeth" places X in
    for a in body:
        before = text[:a.start - offset]
        if _OBJECT_BEFORE.search(before) or EXCLUDED_BEFORE.search(before) or RESULT_BEFORE.search(before) \
                or _REPORTED_BEFORE.search(before):
            continue
        m = _PHRASE.match(text, a.end - offset)
        if not m:
            continue
        words = {SIDES[w] for w in re.findall(r"[a-z]+", text[m.end("link"):m.end()].lower()) if w in SIDES}
        if len(words) != 1:
            continue
        side = words.pop()
        if m.group("teeth"):
            y, end, pattern = teeth, m.end(), "X, the <side> teeth"
        else:
            b = starts.get(m.end())
            if b is None or b.concept == a.concept:
                continue
            y, end, pattern = b.concept, b.end - offset, "X, at the <side> of the Y"
        if y is None:
            continue
        if (m.group("np") or m.group("teeth")) and m.group("link").strip() in (",", "") \
                and _LIST_AFTER.match(text, end):  # "the cornea, the front of the eye and the eyelids"
            continue
        yield Relation("position", a.concept, y, a.start, end + offset, True, side, pattern)
