"""Claims that fact rules understand, read from sentence patterns around knowledge-base mentions.

A claim relates two concept mentions in one sentence: `same` ("X, also called Y", "X (Y)", "X or Y
is ...", "X, i.e. Y", "X and Y are the same", "X is the Y of ..."), `different` ("X is different from Y", "X and Y are
different"), `is_a` ("X is a Y", "X is one of the best Y", "X or other Y", "Y such as X", "X is a
problem related to <anatomy>") and `not_is_a` ("X is not a Y"). Offsets are view offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.knowledge import KnowledgeBase, Mention

ADJ = r"(?:(?:best|most|common|commonest|important|effective|main|major|serious|rare|new|newest|" \
      r"well-known|popular|useful|known|typical|frequent|dangerous|modern|other|chronic|acute|progressive|" \
      r"inflammatory|inherited|hereditary|genetic|long-term|lifelong|severe|mild|painful|harmless|" \
      r"degenerative|infectious|contagious|treatable|curable|preventable|possible|potential)\s+)*"
_IS = r"\s+(?:is|are|was|were)\s+(?:also\s+|actually\s+|considered\s+|usually\s+)*"
_GAPS = [
    ("same", re.compile(r"\s*,?\s*(?:(?:which|that)\s+(?:is|are)\s+)?(?:also\s+|commonly\s+|often\s+|sometimes\s+)?"
                        r"(?:called|known\s+as|referred\s+to\s+as|named|the\s+same\s+(?:thing\s+)?as|identical\s+to|"
                        r"another\s+name\s+for)\s+(?:an?\s+|the\s+)?", re.I), None),
    ("same", re.compile(r"\s*,\s*(?:i\.\s?e\.|ie|that\s+is|namely|(?:or\s+)?in\s+other\s+words)\s*,?\s*(?:an?\s+|the\s+)?",
                        re.I), None),
    ("same", re.compile(r"\s+or\s+", re.I), re.compile(r"\s*,\s*which\s+are\s+(?:the\s+same|identical|one\s+and)", re.I)),
    ("same", re.compile(r"\s*,\s+or\s+", re.I), re.compile(r"\s*,")),
    ("same", re.compile(r"\s+or\s+", re.I), re.compile(r"\s+(?:is|was|has|refers)\b", re.I)),
    ("same", re.compile(r"\s+and\s+", re.I), re.compile(r"\s+are\s+(?:the\s+same|identical|one\s+and)", re.I)),
    ("same", re.compile(_IS + r"(?:the\s+same\s+as|identical\s+to|another\s+name\s+for|"
                        r"(?:also\s+)?(?:called|known\s+as))\s+", re.I), None),
    # "IUI is in vitro fertilisation", "X is the Y of ...": a bare copula between two terms;
    # FA002 reports it only for concepts the knowledge base keeps apart (`distinct_from`)
    ("same_copula", re.compile(r"\s+(?:is|are|was|were)\s+(?:actually\s+|simply\s+)?(?:the\s+)?", re.I),
     re.compile(r"\s*(?:[.;!?]|$|\s+of\b|\s+(?:that|which)\s+(?:is|are)\b|"
                r"\s+(?:done|performed|used|given|made|practi[sc]ed|carried\s+out)\b)", re.I)),
    ("different", re.compile(r"\s+(?:is|are)\s+(?:completely\s+|quite\s+|very\s+|totally\s+)?"
                             r"(?:different|distinct)\s+from\s+|\s+differs?\s+from\s+|"
                             r"\s+(?:is|are)\s+not\s+the\s+same\s+as\s+", re.I), None),
    ("different", re.compile(r"\s+and\s+", re.I), re.compile(r"\s+are\s+(?:completely\s+|quite\s+|very\s+|"
                                                             r"totally\s+)?(?:different|distinct)", re.I)),
    ("not_is_a", re.compile(r"\s+(?:is|are)\s+not\s+(?:a|an)\s+(?:(?:type|kind|form)\s+of\s+)?" + ADJ, re.I), None),
    ("is_a", re.compile(_IS + r"(?:(?:a|an)\s+(?:(?:type|kind|form|sort)\s+of\s+)?|one\s+of\s+the\s+(?:\w+\s+)?"
                        r"(?:types|kinds|forms|sorts)\s+of\s+|one\s+of\s+the\s+|among\s+the\s+)" + ADJ, re.I), None),
    ("is_a", re.compile(r"\s*,?\s*(?:which|that)\s+(?:is|are)\s+(?:also\s+|actually\s+)?(?:a|an)\s+"
                        r"(?:(?:type|kind|form|sort)\s+of\s+)?" + ADJ, re.I), None),
    ("is_a", re.compile(r"\s*,?\s+(?:or|and)\s+other\s+", re.I), None),
    ("is_a", re.compile(r"\s*[,:]\s*(?:a|an|one)\s+(?:type|kind|form|sort)\s+of\s+" + ADJ, re.I), None),
    ("is_a_class", re.compile(r"\s*,\s*(?:a|an)\s+" + ADJ, re.I), None),
    ("is_a", re.compile(_IS + r"the\s+(?:most\s+common\s+|commonest\s+|main\s+)?(?:type|kind|form)\s+of\s+" + ADJ, re.I), None),
    ("is_a_site", re.compile(_IS + r"(?:a|an)\s+" + ADJ + r"(?:problem|disease|disorder|condition)s?\s+"
                             r"(?:related\s+to|of|affecting|in)\s+(?:the\s+)?", re.I), None),
]
# X opens its clause: the start of the sentence or a clause, perhaps after an article
_CLAUSE_SUBJECT = re.compile(r"(?:^|[.;:!?]\s*|,\s*|\b(?:and|but|so|because|while|whereas)\s+)(?:the\s+|a\s+|an\s+)?$", re.I)
_PREDICATE = re.compile(r"\b(?:is|are|was|were)\s+(?:a|an|the)\s+(?:[\w'-]+\s+){0,2}$", re.I)
_SUCH_AS = re.compile(r"\s*,?\s+(?:such\s+as|like|including)\s+", re.I)
# between the items of a list: "A, B and C", "A, B, or C"
_LIST_SEP = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", re.I)
_OTHER = re.compile(r"\s*,?\s+(?:or|and)\s+other\s+", re.I)
_PAREN = re.compile(r"\s*\(\s*")
_OF_SITE = re.compile(r"s?\s+(?:related\s+to|of|affecting|in)\s+(?:the\s+)?", re.I)


@dataclass(frozen=True)
class Claim:
    kind: str  # same, different, is_a, not_is_a
    x: Mention
    y: Mention
    start: int
    end: int
    pattern: str
    in_parentheses: bool = False
    bare: bool = False  # "X is (the) Y" with nothing naming: judged only on explicit distinctions


@lru_cache(maxsize=1 << 12)  # one article's sentences, read by every fact rule
def mentions(kb: KnowledgeBase, text: str, offset: int = 0) -> tuple[Mention, ...]:
    """Mentions in `text` (shifted by `offset`), with "X supplement(s)" read as X. Cached: every
    fact rule reads the same sentences."""
    out: list[Mention] = []
    for m in kb.find(text):
        m = Mention(m.start + offset, m.end + offset, m.concept, m.surface, m.via)
        if (out and m.concept == "dietary-supplement" and m.start - out[-1].end <= 1
                and kb.concept(out[-1].concept)["type"] == "nutrient"):
            out[-1] = Mention(out[-1].start, m.end, out[-1].concept,
                              text[out[-1].start - offset:m.end - offset], out[-1].via)
            continue
        out.append(m)
    return tuple(out)


def _resolve_site(kb: KnowledgeBase, cid: str) -> str | None:
    return kb.concept(cid).get("disorders") if kb.concept(cid)["type"] == "anatomy" else None


_PARENTHESIS = re.compile(r"\s*\([^()]*\)")
# a parenthesis that lists examples rather than another name: "(diabetes, etc.)", "(e.g. ...)"
_EXAMPLES = re.compile(r"\b(?:etc|e\.\s?g|for\s+example|for\s+instance|such\s+as|including)\b", re.I)
# a parenthesis that lists (examples, or items joined by "and"), where commas separate items
_PAREN_LIST = re.compile(r"\b(?:etc|e\.\s?g|for\s+example|for\s+instance|such\s+as|including|and)\b", re.I)
_SUBTYPE_BEFORE = re.compile(r"\b(?:type|types|kind|kinds|form|forms|sort|variety|subtype)\s+of\s+(?:the\s+)?$", re.I)


def _in_parentheses(text: str, at: int) -> bool:
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


@lru_cache(maxsize=1)
def _adjectives() -> frozenset[str]:
    """Base forms the English model's lexicon (WordNet's index, in en_core_web_sm) knows as
    adjectives."""
    from pipeline import nlp

    return frozenset(nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")["adj"])


_LAST_WORD = re.compile(r"([A-Za-z][\w-]*)\s+$")


def _without_adjectives(gap: str) -> str:
    """`gap` with the adjectives right before the second mention taken off (at most three):
    "is a form of traditional Chinese " -> "is a form of "."""
    for _ in range(3):
        m = _LAST_WORD.search(gap)
        if not m or m.group(1).lower() not in _adjectives():
            break
        gap = gap[:m.start(1)]
    return gap


def _gap_claim(kb, text, offset, x, y, gap, after, raw=None) -> Claim | None:
    """The claim that the words `gap` between mentions x and y make, if any (`raw`: the text
    between them as written, when a parenthesis was taken out of `gap`). Adjectives before y
    ("a form of traditional Chinese acupuncture") qualify y and leave the claim as it is."""
    bare = _without_adjectives(gap)
    for kind, gap_re, after_re in _GAPS:
        if not (gap_re.fullmatch(gap) or bare != gap and gap_re.fullmatch(bare)) or \
                (after_re and not after_re.match(after)):
            continue
        if kind in ("is_a", "is_a_class") and gap.lstrip().startswith((",", ":")) and _PREDICATE.search(text[:x.start - offset]):
            return None  # "X is a Y, a Z is ...": a list of statements, not an apposition
        if kind == "is_a_class":
            if kb.concept(y.concept)["type"] != "category":
                return None  # "an X-ray, an MRI scan or ...": a list, not an apposition naming a class
            kind = "is_a"
        if kind == "is_a_site":
            site = _resolve_site(kb, y.concept)
            if site is None:
                return None
            y = Mention(y.start, y.end, site, y.surface, y.via)
            kind = "is_a"
        bare = kind == "same_copula"
        if bare:
            if kb.concept(y.concept)["type"] == "category" or not _CLAUSE_SUBJECT.search(text[:x.start - offset]):
                return None  # "X is the disease ..." names a class; "helps absorb calcium is vitamin D":
            kind = "same"    # X is not the subject

        if kind == "same" and _SUBTYPE_BEFORE.search(text[max(0, x.start - offset - 30):x.start - offset]):
            return None  # "this type of spasm, also called myoclonus": Y names the subtype, not X
        return Claim(kind, x, y, x.start, y.end, "X" + re.sub(r"\s+", " ", raw if raw is not None else gap) + "Y",
                     bare=bare)
    return None


@lru_cache(maxsize=1 << 12)  # one article's sentences, read by every fact rule
def sentence_claims(kb: KnowledgeBase, text: str, offset: int = 0) -> tuple[Claim, ...]:
    """Claims in one sentence `text` whose view offset is `offset` (cached, like `mentions`)."""
    ms = mentions(kb, text, offset)
    # "a disorder of the <anatomy>": the generic class word belongs to the pattern, not a claim
    ms = [m for i, m in enumerate(ms) if not (
        m.concept == "disease" and i + 1 < len(ms)
        and _OF_SITE.fullmatch(text[m.end - offset:ms[i + 1].start - offset]))]
    out: list[Claim] = []
    such: Mention | None = None  # the class of a "Y such as X1, X2 and X3" list being read
    for i, (x, y) in enumerate(zip(ms, ms[1:])):
        gap = text[x.end - offset:y.start - offset]
        after = text[y.end - offset:]
        if such is not None and _LIST_SEP.fullmatch(gap) and not _SUCH_AS.match(after) \
                and kb.concept(y.concept)["type"] != "category":
            out.append(Claim("is_a", y, such, such.start, y.end, "Y such as X, X"))
            if re.search(r"\b(?:and|or)\b", gap, re.I):
                such = None  # "and" or "or" joins the last item: the list ends there
            continue
        such = None
        if _PAREN.fullmatch(gap) and after.lstrip().startswith((")", "or ", ",")):
            close = text.find(")", y.end - offset)
            end = offset + close + 1 if close >= 0 else y.end
            if not _EXAMPLES.search(text[y.start - offset:end - offset]):
                out.append(Claim("same", x, y, x.start, end, "X (Y)", True))
            continue  # "metabolic diseases (diabetes, etc.)": examples of X, not its other name
        if _SUCH_AS.fullmatch(gap):
            out.append(Claim("is_a", y, x, x.start, y.end, "Y such as X"))
            such = x
            continue
        if _OTHER.fullmatch(gap):  # "X1, X2 and other Y": every item of the list is a Y
            k = i
            while k > 0 and _LIST_SEP.fullmatch(text[ms[k - 1].end - offset:ms[k].start - offset]):
                k -= 1
                out.append(Claim("is_a", ms[k], y, ms[k].start, y.end, "X, X and other Y"))
        claim = _gap_claim(kb, text, offset, x, y, gap, after)
        if claim:
            out.append(claim)
    # "X (Y) is a Z", "X (Y), also called Z": the claim is about X; the parenthesis glosses it
    outer = [m for m in ms if not _in_parentheses(text, m.start - offset)]
    for x, y in zip(outer, outer[1:]):
        raw = text[x.end - offset:y.start - offset]
        if "(" not in raw:
            continue
        gap = _PARENTHESIS.sub("", raw)
        if "(" in gap or ")" in gap:
            continue
        claim = _gap_claim(kb, text, offset, x, y, gap, text[y.end - offset:], raw)
        if claim:
            out.append(claim)
    # inside a parenthesis, "Y or ABC for short" names the same thing twice; a list is not a
    # gloss: "(X-ray, CT, MRI)", "(CT, MRI, etc.)", two abbreviations "(CT, MRI)"
    for m in re.finditer(r"\(([^()]{1,120})\)", text):
        inner = [i for i in ms if m.start(1) + offset <= i.start and i.end <= m.end(1) + offset]
        listed = m.group(1).count(",") > 1 or _PAREN_LIST.search(m.group(1))
        for a, b in zip(inner, inner[1:]):
            sep = text[a.end - offset:b.start - offset]
            if "," in sep and (listed or a.via == b.via == "abbreviation"):
                continue
            if re.fullmatch(r"\s*(?:or|,)\s*", sep):
                out.append(Claim("same", a, b, a.start, b.end, "(Y or ABC)", True))
    return tuple(out)
