"""Claims about which layer of a structure something is: "the mesoderm (the middle layer of the
skin)", "the dermis, the outer layer of the skin", "the outer layer of the tooth, the enamel"
(judged by `Judge.layers` against the outer/middle/inner layer facts)."""
from __future__ import annotations

import re

from pipeline.claims.common import Relation, concept_type as _type
from pipeline.knowledge import Mention
from pipeline.rules.fact.claims import _PARENTHESIS

# --- layer: "X, the (muscular) middle layer of the Y", "X (the outer layer of the Y)", "X is the innermost
# layer of the Y", "X, a layer of the Y", "X, one of the three layers of the Y", "X, the Y's outer layer",
# "the outer layer of the Y, (called) X", "the Y's outer layer is X"; the position is read from the words
# before the noun (`_POSITIONS`; "muscular", "protective" are none), else from the noun ("lining": inner)
_POSITIONS = {**dict.fromkeys(("outer", "outermost", "top", "topmost", "upper", "uppermost", "surface", "superficial",
                               "external", "exterior"), "outer"),
              **dict.fromkeys(("middle", "intermediate", "mid"), "middle"),
              **dict.fromkeys(("inner", "innermost", "inmost", "deep", "deeper", "deepest", "bottom", "lower", "lowest",
                               "internal", "interior"), "inner")}
_NOUN_POSITION = {"lining": "inner", "covering": "outer"}
_MOD = (r"(?!(?:the|a|an|not|no|never|than|of|in|on|at|to|into|from|under|beneath|below|above|over|between|behind|"
        r"near|next|like|unlike|with|without|which|that|who|is|are|was|were|and|but|its|their|your|this)\b)[a-z][\w-]*,?\s+")
_MODS = rf"(?P<mods>(?:{_MOD}){{0,4}})"
_LAYER_NOUN = r"(?P<noun>layer|lining|coat|covering|tunic|membrane)"
_OF_Y = r"\s+of\s+(?:the\s+|your\s+|a\s+)?(?:wall\s+of\s+the\s+)?$"
_X_LEAD = (r"(?:\s*,\s*(?:(?:which|that)\s+(?:is|forms|makes\s+up)\s+|or\s+|i\.e\.,?\s+)?|\s*\(\s*(?:or\s+|i\.e\.,?\s+)?"
           r"|\s*[:\u2014\u2013]\s*|\s+-\s+|\s+(?:is|forms|makes\s+up)\s+)")
_X_LAYER = re.compile(_X_LEAD + rf"(?:(?:(?:the|a|an)\s+)?{_MODS}{_LAYER_NOUN}"
                      r"|one\s+of\s+(?:the\s+|its\s+)?(?:(?:two|three|main)\s+)*layers"
                      r"|the\s+(?P<pos>\w+)\s+of\s+(?:the\s+|its\s+)?(?:two|three)\s+(?:main\s+)?layers)" + _OF_Y, re.I)
_X_THE = re.compile(_X_LEAD + r"(?:the|your)\s+$", re.I)  # "X, the skin's outer layer"
_POSSESSIVE_LAYER = re.compile(rf"['\u2019]s\s+{_MODS}{_LAYER_NOUN}\b", re.I)
_POSSESSOR = re.compile(rf"\b(?P<y>[a-z]+)(?={_POSSESSIVE_LAYER.pattern})", re.I)  # "skin's" is no mention by itself
_OPEN = r"(?:^|[,;:(]|\b(?:and|but|while|whereas)\b)\s*"  # a layer phrase that opens its clause, not "below the ..."
_LAYER_Y = re.compile(_OPEN + rf"(?P<phrase>(?:the|its|your)\s+{_MODS}{_LAYER_NOUN}){_OF_Y}", re.I)
_THE_Y = re.compile(_OPEN + r"(?P<phrase>(?:the|your)\s+)$", re.I)
_Y_X = re.compile(r"(?:\s+wall)?(?:\s*,\s*(?:(?:also\s+)?(?:called|known\s+as|named)\s+)?|\s*\(\s*|\s*[:\u2014\u2013]\s*|\s+-\s+"
                  r"|\s+(?:is|are)\s+(?:(?:also\s+)?(?:called|known\s+as|named)\s+)?|\s+(?:called|known\s+as|named)\s+)"
                  r"(?:the\s+)?", re.I)
_LIST_AFTER = re.compile(r"\s*(?:,\s*)?(?:and|or|as\s+well\s+as)\b|\s*,\s*(?:the|a|an)\b", re.I)


def _position(m) -> tuple[bool, str | None]:
    """(whether the phrase names one position, and which) for a `_X_LAYER`/`_LAYER_Y` match:
    "the lower or inner layer" is inner; "the outer and inner layers" names none."""
    words = (m.groupdict().get("pos") or "") + " " + (m.groupdict().get("mods") or "")
    found = {_POSITIONS[w] for w in re.findall(r"[a-z]+", words.lower()) if w in _POSITIONS}
    if len(found) > 1:
        return False, None
    return True, next(iter(found), _NOUN_POSITION.get((m.groupdict().get("noun") or "").lower()))


def layers(kb, text, offset, ms):
    """`layer` claims (name: the position, or None) between two anatomy mentions."""
    owners = [Mention(offset + w.start("y"), offset + w.end("y"), f[0].concept, w.group("y"), "possessive")
              for w in _POSSESSOR.finditer(text) for f in [kb.find(w.group("y"))] if f and f[0].surface == w.group("y")]
    body = sorted((m for m in list(ms) + owners if _type(kb, m.concept) == "anatomy"), key=lambda m: m.start)
    for a, b in zip(body, body[1:]):
        if a.concept == b.concept:
            continue
        gap = _PARENTHESIS.sub("", text[a.end - offset:b.start - offset])  # "the dermis (corium), the ..."
        # X first: "X, the middle layer of the Y", "X, the Y's outer layer"
        m = _X_LAYER.fullmatch(gap) or (_X_THE.fullmatch(gap) and _POSSESSIVE_LAYER.match(text, b.end - offset))
        one, position = _position(m) if m else (False, None)
        if one:
            end = b.end if m.re is _X_LAYER else m.end() + offset
            yield Relation("layer", a.concept, b.concept, a.start, end, True, position, "X, the <position> layer of the Y")
            continue
        # Y first: "the middle layer of the Y, the X", "the Y's outer layer is the X"
        before = text[:a.start - offset]
        m = _LAYER_Y.search(before)
        opened = None if m else _THE_Y.search(before)
        p = _POSSESSIVE_LAYER.match(text, a.end - offset) if opened else None
        link = _Y_X.fullmatch(text, p.end() if p else a.end - offset, b.start - offset) if (m or p) else None
        if link and not (link.group().lstrip().startswith(",") and _LIST_AFTER.match(text, b.end - offset)):
            one, position = _position(m or p)
            if one:
                yield Relation("layer", b.concept, a.concept, (m or opened).start("phrase") + offset, b.end, True,
                               position, "the <position> layer of the Y, X")
