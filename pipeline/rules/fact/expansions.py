"""Abbreviations the knowledge base knows, glossed with a wrong expansion in words: "ACL (anterior
collateral ligament)", "benign paroxysmal positional vomiting (BPPV)" (read by FA001,
pipeline/rules/fact/abbreviation_mismatch.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


def could_abbreviate(short: str, long: str) -> bool:
    """Whether `short` can be an abbreviation of `long`: its letters and digits occur in `long`
    in order, the first at the start of a word (Schwartz and Hearst, "A simple algorithm for
    identifying abbreviation definitions in biomedical text", PSB 2003)."""
    s, ln = short.lower(), long.lower()
    li = len(ln) - 1
    for si in range(len(s) - 1, -1, -1):
        ch = s[si]
        if not ch.isalnum():
            continue
        while li >= 0 and (ln[li] != ch or (si == 0 and li > 0 and ln[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


@dataclass(frozen=True)
class WrongExpansion:
    start: int
    end: int
    abbr: str
    gloss: str
    expansion: str
    concept: str
    abbr_first: bool
    pattern: str


_ABBR_THEN_GLOSS = re.compile(r"(?<![(\w-])(?P<abbr>[A-Za-z][A-Za-z0-9-]{1,11})\s*\(\s*(?P<gloss>[^()]{4,100}?)\s*\)")
_GLOSS_THEN_ABBR = re.compile(r"\(\s*(?P<abbr>[A-Za-z][A-Za-z0-9-]{1,11})(?:\s+for\s+short)?\s*\)")
# words a description has and an expansion does not: "ACL (a knee ligament)", "NSAIDs (such as ibuprofen)"
_NOT_EXPANSION = frozenset({"a", "an", "such", "like", "e", "g", "i", "eg", "ie", "which", "that", "is", "are",
                            "was", "were", "see", "called", "known", "or", "for", "also", "its", "their", "this",
                            "these", "used", "type", "kind", "form", "not", "no", "short"})
_FUNCTION_WORDS = frozenset({"of", "and", "the", "in", "with", "to", "on", "by", "at", "for", "from"})
_CLAUSE_START = re.compile(r"[.;:!?,()\[\]]")
# word endings that name the same thing ("ovarian"/"ovary", "electric"/"electrical",
# "therapist"/"therapy"), taken off before words are compared
_ENDINGS = ("ational", "ation", "ically", "ical", "ial", "ian", "al", "ic", "ies", "ist", "ists", "y", "ed",
            "ing", "es", "s", "e")
# one word for the same thing in expansions people write
_SAME_WORD = {"treatment": "therapy", "therapies": "therapy", "medication": "drug", "medicine": "drug",
              "agent": "drug", "electric": "electrical", "centre": "center", "fibre": "fiber", "litre": "liter"}


@lru_cache(maxsize=4)
def _abbreviation_table(kb) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each abbreviation the knowledge base knows (case as written) -> ((concept, expansion), ...)."""
    table: dict[str, list[tuple[str, str]]] = {}
    for cid, c in kb.concepts.items():
        for abbr, expansion in (c.get("abbreviations") or {}).items():
            table.setdefault(abbr, []).append((cid, expansion))
    return {k: tuple(v) for k, v in table.items()}


def _known(table, abbr: str):
    if abbr in table:
        return table[abbr]
    if abbr.endswith("s") and abbr[:-1] in table:  # "NSAIDs", "SSRIs"
        return table[abbr[:-1]]
    return None


def _stem(word: str) -> str:
    word = _SAME_WORD.get(word, word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[:-len(ending)]
    return word


def _words(phrase: str) -> list[str]:
    """The words of an expansion, compared as written in any case, spelling, hyphenation or number."""
    from pipeline.knowledge.names import us_spelling

    s = us_spelling(phrase.casefold().replace("\u2019", "'"))
    s = re.sub(r"(?<=[a-z])is(?=e|ed|es|ing|ation|ations)\b", "iz", s)
    s = re.sub(r"(?<=[a-z])isation", "ization", s)
    s = re.sub(r"(?<=[a-z])ised\b", "ized", s)
    words = re.findall(r"[a-z0-9]+", s.replace("'s", ""))
    while words and words[0] == "the":
        words = words[1:]
    return [_stem(w) for w in words]


def _joined(words: list[str]) -> str:
    return "".join(words)


_GENERIC_TAIL = ("scan", "test", "therapy", "procedure", "imaging", "drug", "method", "technique", "exam",
                 "examination")


def _same_expansion(gloss: list[str], expansion: list[str]) -> bool:
    """The same expansion, or the same with a word for its kind after it ("optical coherence
    tomography scan")."""
    g, e = _joined(gloss), _joined(expansion)
    return bool(g) and (g == e or (g.startswith(e) and _stem(g[len(e):]) in {_stem(w) for w in _GENERIC_TAIL}))


def _shares_word(gloss: list[str], expansion: list[str]) -> bool:
    """Whether the gloss has a content word of the expansion (whole, or as part of a compound:
    "papilloma" in "papillomavirus")."""
    content = [w for w in gloss if w not in _FUNCTION_WORDS and len(w) >= 4]
    ewords = [w for w in expansion if w not in _FUNCTION_WORDS and len(w) >= 4]
    return any(w == x or (len(w) >= 5 and (x.startswith(w) or x.endswith(w)))
               or (len(x) >= 5 and (w.startswith(x) or w.endswith(x))) for w in content for x in ewords)


def _names(kb, cid: str) -> list[str]:
    c = kb.concept(cid)
    return [c["name"], *c.get("synonyms", []), *(c.get("abbreviations") or {}).values()]


def _judge_gloss(kb, meanings, abbr: str, gloss: str):
    """(concept, expansion) when `gloss` spells `abbr` out wrongly, else None."""
    raw = [w for w in re.findall(r"[A-Za-z0-9]+", gloss.casefold())]
    if not raw or len(raw) > len(abbr) + 4 or any(w in _NOT_EXPANSION for w in raw) or re.search(r"\d", gloss):
        return None
    if not could_abbreviate(abbr.rstrip("s") if abbr[:-1].isupper() else abbr, gloss):
        return None  # not an attempt at spelling the letters out
    words = _words(gloss)
    for cid, _ in meanings:
        if any(_same_expansion(words, _words(n)) for n in _names(kb, cid)):
            return None
        hits = kb.find(gloss)
        if any(h.concept == cid or kb.is_a(h.concept, cid) or kb.is_a(cid, h.concept) for h in hits):
            if len(hits) == 1 and hits[0].end - hits[0].start >= len(gloss.strip()) - 2:
                return None  # the gloss names the concept itself
    for cid, expansion in meanings:
        if _shares_word(words, _words(expansion)):
            return cid, expansion
    return None


def wrong_expansions(kb, text: str, offset: int = 0) -> list[WrongExpansion]:
    """Known abbreviations glossed with a near miss of their expansion in `text` (view offset
    `offset`): "ABC (gloss)" and "gloss (ABC)"."""
    table = _abbreviation_table(kb)
    out: list[WrongExpansion] = []
    for m in _ABBR_THEN_GLOSS.finditer(text):
        abbr, gloss = m.group("abbr"), m.group("gloss").strip()
        meanings = _known(table, abbr)
        if not meanings or _known(table, gloss):
            continue
        hit = _judge_gloss(kb, meanings, abbr, gloss)
        if hit:
            out.append(WrongExpansion(offset + m.start(), offset + m.end(), abbr, gloss, hit[1], hit[0], True,
                                      "ABC (expansion)"))
    for m in _GLOSS_THEN_ABBR.finditer(text):
        abbr = m.group("abbr")
        meanings = _known(table, abbr)
        if not meanings:
            continue
        before = text[:m.start()]
        cut = max((x.end() for x in _CLAUSE_START.finditer(before)), default=0)
        words = list(re.finditer(r"\S+", before[cut:]))
        found = None
        for n in sorted({len(e.split()) + d for _, e in meanings for d in (0, -1, 1, 2)}):
            if n < 1 or n > len(words):
                continue
            first = words[-n]
            if first.group()[:1].casefold() != abbr[:1].casefold():
                continue
            gloss = before[cut + first.start():].strip()
            if _judge_gloss(kb, meanings, abbr, gloss) is None:
                if could_abbreviate(abbr.rstrip("s") if abbr[:-1].isupper() else abbr, gloss) and \
                        not any(w in _NOT_EXPANSION for w in re.findall(r"[a-z0-9]+", gloss.casefold())):
                    found = None
                    break  # a right expansion (or one not judged) ends the search
                continue
            hit = _judge_gloss(kb, meanings, abbr, gloss)
            if found is None:
                found = WrongExpansion(offset + cut + first.start(), offset + m.end(), abbr, gloss, hit[1], hit[0],
                                       False, "expansion (ABC)")
        if found:
            out.append(found)
    return out
