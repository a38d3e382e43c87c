"""FA019: an "-itis" condition defined as inflammation of a body structure other than the one its
name says ("hepatitis is an inflammation of the kidneys"). The terms, the anatomy each names and
the references are data: pipeline/rules/data/inflammation_roots.yaml; where a structure lies
comes from the knowledge base (anatomy `part_of`, `is_a`, and the facts' `part_of`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule, RuleError
from pipeline.rules.fact.claims import _adjectives, mentions
from pipeline.rules.references import read_references

PATH = packaged.rule_data("inflammation_roots.yaml")

# what the site is said to suffer: "inflammation of", "an infection in", "swelling of"
_INFL = re.compile(r"\b(?:inflammations?|infections?|swelling|irritation|inflammatory\s+(?:disease|condition|"
                   r"disorder|process)s?)\b", re.I)
_PREP = re.compile(r"\s+(?:of|in|within|affecting|involving|(?:that|which)\s+(?:mainly\s+|usually\s+|primarily\s+)?"
                   r"(?:affects?|involves?|attacks?|occurs\s+in|develops\s+in))\s+", re.I)
_DET = re.compile(r"(?:\b(?:the|a|an|your|his|her|their|its|one|both|several|multiple|many|some|certain|any|all|"
                  r"either|each|one\s+or\s+(?:more|both)(?:\s+of)?|all\s+of|(?:the|your)\s+body['’]s)\s+)*", re.I)
_EXTRA_ADJ = frozenset("inner outer lower upper middle deep deeper deepest thin small large whole entire main "
                       "soft delicate protective left right surrounding underlying adjacent nearby".split())
# a head noun before "of/around the <structure>": the site is then a part of it, or what covers it
_HEAD = re.compile(r"(?P<head>lining|linings|membranes?|coverings?|sac|layers?|walls?|surfaces?|capsule|mucosa|"
                   r"mucous\s+membranes?|tissues?|cells|parts?|portions?|areas?|regions?|inside|interior)\s+"
                   r"(?P<prep>of|in|around|surrounding|covering|lining|(?:that|which)\s+(?:covers?|lines?|surrounds?))"
                   r"\s+", re.I)
_PART_HEADS = frozenset("tissue tissues cells part parts portion portions area areas region regions inside "
                        "interior".split())
# a word after the structure that keeps the site inside it ("the liver cells") or around it
_POST = re.compile(r"(?:['’]s)?\s+(?P<word>cells|tissues?|itself|lining|linings|membranes?|walls?|coverings?|"
                   r"layers?|mucosa|surface)\b", re.I)
_POST_PART = frozenset("cells tissue tissues itself".split())
# what may follow the site phrase: punctuation or a word that cannot continue its noun phrase
_BOUNDARY = re.compile(r"\s*(?:$|[,.;:!?()\[\]—–]|\s-\s|(?:and|or|but|nor|that|which|who|whose|where|when|while|as|"
                       r"caused|causing|due|because|resulting|leading|usually|often|mostly|mainly|typically|"
                       r"commonly|generally|most|especially|particularly|called|known|also|is|are|was|were|can|"
                       r"could|may|might|will|would|with|without|from|by|for|to|in|on|at|of|after|before|during|"
                       r"than|rather|such|including|like|etc|alone|only|not|has|have|had|affects?|causes?|leads?|"
                       r"results?|occurs?|happens?|makes?|gets?|becomes?|among|between|within|inside|behind|"
                       r"beneath|below|under|underneath|above|near|around|outside|along|across|into|through|"
                       r"throughout|over|up|down)\b)", re.I)
# words the knowledge base files under one structure but that name several ("swollen glands": lymph nodes)
_VAGUE = frozenset("gland glands hormones vessels vessel airways".split())
_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|and/or\s+)?|\s+(?:and|or|and/or)\s+)", re.I)
_OF_IN = re.compile(r"\s+(?:of|in|within)\s+", re.I)
_OF = re.compile(r"\s+of\s+", re.I)
# the copula or verb that defines X by the site phrase ("X is", "X means", "X refers to", "X, which is")
_ADV = r"(?:\s+(?:simply|basically|essentially|literally|actually|also|usually|generally|often|typically|commonly|" \
       r"primarily|mainly|just|medically|technically))*"
_COPULA = re.compile(
    r"(?:\s*\([^()]{1,60}\))?"
    r"(?:\s*,\s*(?:or|also\s+(?:called|known\s+as)|known\s+as|commonly\s+called|i\.?\s?e\.?)\s+[^,]{1,40},)?"
    r"(?:\s*,\s*(?:which|that))?" + _ADV +
    r"\s+(?:is|are|was|were|means|meant|refers\s+to|(?:is|are)\s+(?:defined|described|known)\s+as|"
    r"can\s+be\s+defined\s+as|describes|(?:is|are)\s+(?:a|the)\s+(?:(?:general|medical|broad|common|umbrella|"
    r"clinical|scientific|collective)\s+)?(?:term|name|word)\s+(?:for|given\s+to|used\s+(?:for|to\s+describe)|"
    r"that\s+(?:means|describes|refers\s+to)))" + _ADV + r"\s+(?P<neg>(?:not|never)\s+)?$", re.I)
# "X, an inflammation of", "X: inflammation of", "X (inflammation of", "X, or inflammation of"
_APPOSITION = re.compile(r"\s*(?P<sep>,|:|—|–|\s-|\()\s*(?:or\s+|i\.?\s?e\.?,?\s+|that\s+is,?\s+|meaning\s+|"
                         r"which\s+(?:is|means)\s+)?$", re.I)
# where an apposition ends: "X, an inflammation of the Y, is ...", "X, an inflammation of the Y."
_APPOSITION_END = re.compile(r"\s*(?:[,)—–;.]|$|\s-\s|\s+(?:is|are|was|can|may|affects?|causes?|occurs?|often|"
                             r"usually|most|mainly|typically|commonly|generally)\b)", re.I)
_FILLER = re.compile(r"(?:(?:a|an|the)\s+)?(?P<words>(?:[\w-]+\s+)*?)(?:(?:type|form|kind)\s+of\s+)?$", re.I)
# reverse shapes: "inflammation of the liver (hepatitis)", "..., called hepatitis", "..., or hepatitis,"
_NAMED = re.compile(r"\s*(?:\(\s*(?:i\.?\s?e\.?,?\s+|or\s+|also\s+called\s+|called\s+|known\s+as\s+)?(?P<p>)"
                    r"|,?\s*(?:which\s+is\s+|and\s+is\s+|is\s+|are\s+)?(?:also\s+|commonly\s+|medically\s+|usually\s+|"
                    r"sometimes\s+)?(?:called|known\s+as|termed|named|referred\s+to\s+as|described\s+as)\s+"
                    r"(?:an?\s+|the\s+)?(?P<c>)|\s*,\s*or\s+(?P<o>))", re.I)
# "X occurs when the <site> becomes inflamed", "X is a condition in which the <site> is inflamed"
_WHEN = re.compile(_ADV + r"\s+(?:occurs|happens|develops|arises|is|are)\s+(?:a\s+(?:[\w-]+\s+)?"
                   r"(?:condition|disease|disorder|problem)\s+)?(?:in\s+which|where|when)\s+", re.I)
_INFLAMED = re.compile(r"\s+(?:is|are|becomes?|became|gets?|got)\s+(?:[\w-]+\s+)?(?:inflamed|infected|swollen|"
                       r"irritated)\b", re.I)
_NEG = re.compile(r"\b(?:not|no|never|nor|neither|cannot|unlike|instead|rather|except|isn['’]t|aren['’]t|"
                  r"wasn['’]t|doesn['’]t)\b", re.I)
_BELIEF = re.compile(r"\b(?:believes?|believed|think|thinks|thought|assumes?|myths?|misconceptions?|mistaken\w*|"
                     r"wrongly|falsely|whether|wonder|claims?|confused|confuse|confusing)\b", re.I)
# words before X that make X no subject ("a symptom of X is ...", "patients with X are ...")
_NOT_SUBJECT = frozenset("of with from for to by on at about against like than as during after before including "
                         "include includes included such have has had having cause causes caused causing treat "
                         "treats treated treating prevent prevents without whether if versus vs e.g eg".split())
_LISTING = re.compile(r"\b(?:such\s+as|including|includes?|included|like|e\.\s?g\.|for\s+example|for\s+instance)\b",
                      re.I)
_LIST_BEFORE = frozenset("include includes including such like e.g eg and or".split())


@dataclass(frozen=True)
class Root:
    terms: tuple
    organs: tuple
    refs: tuple


@lru_cache(maxsize=1)
def load() -> tuple[tuple[Root, ...], dict[str, Root], re.Pattern]:
    """The roots of pipeline/rules/data/inflammation_roots.yaml, a map term -> root, and a pattern
    of every term (a whole word, longest first), or an error naming the file."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        roots, by_term = [], {}
        for r in data["roots"]:
            terms = tuple(str(t).lower() for t in r["terms"])
            owner = f"root {terms[0]!r}" if terms else "a root"
            refs = read_references(r["references"], owner)
            organs = tuple(map(str, r["organs"]))
            if not terms or not organs:
                raise KeyError(f"{owner}: no term, or no organ")
            for t in terms:
                if not re.fullmatch(r"(?:[a-z]+ )?[a-z]+itis(?: [a-z]+)?", t):
                    raise KeyError(f"{owner}: {t!r} is not an -itis term")
                if t in by_term:
                    raise KeyError(f"{owner}: {t!r} is listed twice")
            root = Root(terms, organs, refs)
            roots.append(root)
            by_term.update({t: root for t in terms})
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(t).replace(r"\ ", r"\s+")
                                                for t in sorted(by_term, key=len, reverse=True)) + r")\b", re.I)
        return tuple(roots), by_term, pattern
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise RuleError(f"{PATH}: {exc}") from exc


class _Anatomy:
    """The knowledge base's anatomy, read for one question: may an -itis term's organ be the
    stated site?"""

    def __init__(self, kb, judge):
        self.kb, self.judge = kb, judge
        self.ids = {k for k, v in kb.concepts.items() if v["type"] == "anatomy"}
        self.kinds: dict[str, set[str]] = {}
        for k in self.ids:
            for a in judge.ancestors(k) - {k}:
                self.kinds.setdefault(a, set()).add(k)
        members = {w for k in self.ids for w in self.regions(k)} | set(self.kinds)
        # wholes the knowledge cannot place anything in ("the digestive tract") and the words for
        # any part of the body: never judged
        self.unjudged = {k for k in self.ids if k.endswith("-system") and k not in members}
        self.unjudged |= {"body", "body-part", "body-region", "organ"}
        # classes of tissue ("joints", "bones"): "the joints of the spine" is a site in the spine
        self.classes = {k for k in self.ids if self.kinds.get(k) and not self.regions(k)}
        # regions too wide to say two structures are neighbours (the head, the abdomen)
        self.broad = {k for k in self.ids if "body-region" in judge.ancestors(k)} | {"body", "trunk"}

    def regions(self, cid: str) -> frozenset[str]:
        return self.judge.regions(cid) | (self.kb.part_of(cid) if cid in self.kb.concepts else frozenset())

    def related(self, s: str, o: str) -> bool:
        """s is o, a part or a kind of it, a whole containing it (or a kind of such a whole), or
        the place of some kind of o (the hands, for the joints)."""
        j = self.judge
        if s == o or j.is_a(s, o) or j.is_a(o, s):
            return True
        rs, ro = self.regions(s), self.regions(o)
        if s in ro or o in rs or any(j.is_a(r, s) for r in ro):
            return True
        return any(s in self.regions(k) for k in self.kinds.get(o, ())) or \
            any(o in self.regions(k) for k in self.kinds.get(s, ()))

    def neighbours(self, s: str, o: str) -> bool:
        """s and o share a region narrower than a body region (the eye, the central nervous system):
        what lines, covers or surrounds one may be the other."""
        return bool(((self.regions(s) | {s}) & (self.regions(o) | {o})) - self.broad)


@lru_cache(maxsize=4)
def _anatomy(kb, judge) -> _Anatomy:
    """The anatomy reader of a knowledge base, built once; an error names a root whose organ the
    knowledge base does not have."""
    anat = _Anatomy(kb, judge)
    for r in load()[0]:
        bad = [o for o in r.organs if o not in anat.ids]
        if bad:
            raise RuleError(f"{PATH}: root {r.terms[0]!r}: {bad[0]!r} is no anatomy concept of the knowledge base")
    return anat


@dataclass(frozen=True)
class _Site:
    start: int  # the site phrase, in segment offsets ("inflammation of the liver cells")
    end: int
    sites: tuple  # ((concept, start, end), ...): the structure, and those listed with it
    container: tuple  # ((concept, start, end), ...): "of the spine" after a class ("the joints")
    relaxed: bool  # "the lining of / the membranes around the <site>"
    when: bool = False  # "(X) occurs when the <site> becomes inflamed"
    verbal: bool = False  # "inflammation affecting / that affects the <site>": what it reaches


def _is_modifiers(s: str) -> bool:
    words = s.split()
    adj = _adjectives()
    return all(w.lower().strip(",") in adj or w.lower() in _EXTRA_ADJ for w in words)


def _np(anat, kb, text: str, p: int, stop: int):
    """The structures of the noun phrase at text[p:stop] (a site): (sites, container, relaxed,
    end) or None when the phrase names no known structure first."""
    p = _DET.match(text, p).end()
    # "the eye's": the possessive read as the noun (same offsets)
    found = [m for m in kb.find(re.sub(r"['’]s\b", "  ", text[p:stop])) if m.concept in anat.ids]
    if not found or found[0].surface.lower() in _VAGUE:
        return None
    first = found[0]
    gap = text[p:p + first.start]
    relaxed = False
    if gap.strip() and not _is_modifiers(gap):
        # "the inner lining of the", "the membranes surrounding the", "the tissues around the"
        head = None
        for k in [0] + [i + 1 for i, ch in enumerate(gap) if ch == " "]:
            h = _HEAD.match(gap, k)
            if h and _is_modifiers(gap[:k]):
                rest = gap[h.end():]
                if _is_modifiers(rest[_DET.match(rest).end():]):
                    head = h
                    break
        if head is None:
            return None
        relaxed = not (head.group("head").lower() in _PART_HEADS and head.group("prep").lower() in ("of", "in"))
    # "the neck of the uterus", "the back of the eye": a word for a part of any structure
    while anat.judge.facts.prop(first.concept, "positional")[0]:
        o = _OF.match(text, p + first.end)
        nxt = [m for m in found if o and p + m.start >= o.end()]
        if not nxt:
            break
        q = _DET.match(text, o.end()).end()
        if not _is_modifiers(text[q:p + nxt[0].start]):
            break
        found = nxt
        first = nxt[0]
    # "the eye's conjunctiva": the structure possessed
    while len(found) > 1 and re.match(r"['’]s\s+", text[p + first.end:]) and \
            _is_modifiers(text[p + first.end + 2:p + found[1].start]) and found[1].start > first.end:
        found = found[1:]
        first = found[0]
    s0, e0 = p + first.start, p + first.end
    sites, container = [(first.concept, s0, e0)], []
    end = e0
    post = _POST.match(text, end)
    if post:
        relaxed = relaxed or post.group("word").lower() not in _POST_PART
        end = post.end()
    elif len(found) > 1 and p + found[1].start == e0 + 1 and text[e0] == " ":
        # "the eye muscles": a structure of a class inside another
        second = found[1]
        if second.concept in anat.classes:
            sites, container = [(second.concept, p + second.start, p + second.end)], [(first.concept, s0, e0)]
            end = p + second.end
        else:
            return None
    elif not _BOUNDARY.match(text, end):
        return None
    # "the joints of the spine": a class of tissue inside a structure
    if sites[0][0] in anat.classes and not container:
        o = _OF_IN.match(text, end)
        if o:
            q = _DET.match(text, o.end()).end()
            nxt = [m for m in found if p + m.start >= q]
            if nxt and _is_modifiers(text[q:p + nxt[0].start]) and _BOUNDARY.match(text, p + nxt[0].end):
                container = [(nxt[0].concept, p + nxt[0].start, p + nxt[0].end)]
                end = p + nxt[0].end
    # "the liver and kidneys": every structure listed
    for m in found:
        ms = p + m.start
        if ms < end:
            continue
        sep = _LIST.match(text, end)
        if not sep:
            break
        q = _DET.match(text, sep.end()).end()
        if ms < q or not _is_modifiers(text[q:ms]):
            break
        sites.append((m.concept, ms, p + m.end))
        end = p + m.end
        post = _POST.match(text, end)
        if post:  # "the brain and spinal cord membranes": the word ends every item
            relaxed = relaxed or post.group("word").lower() not in _POST_PART
            end = post.end()
            break
        if not _BOUNDARY.match(text, end):
            return None  # "the liver and kidney tubules": what is inflamed is unknown
    return tuple(sites), tuple(container), relaxed, end


def _site_phrases(anat, kb, text: str):
    """Every site phrase of a sentence: "inflammation of the <site>", "<site> inflammation", and
    "when the <site> becomes inflamed"."""
    stop = len(text)
    for m in _INFL.finditer(text):
        prep = _PREP.match(text, m.end())
        if prep:
            verbal = prep.group().strip().lower() not in ("of", "in", "within")
            if verbal and m.group().lower().startswith("inflammatory"):
                continue  # "an inflammatory disease that affects the kidneys": what it reaches
            got = _np(anat, kb, text, prep.end(), stop)
            if got:
                sites, container, relaxed, end = got
                yield _Site(m.start(), end, sites, container, relaxed, verbal=verbal)
            continue
        if not m.group().lower().startswith("inflammation"):
            continue
        # "kidney inflammation": the structure right before the word
        lead = text[max(0, m.start() - 60):m.start()]
        cut = len(text[:m.start()]) - len(lead)
        found = [x for x in kb.find(lead) if x.concept in anat.ids and cut + x.end == m.start() - 1
                 and text[m.start() - 1] in " -"]
        if found:
            f = found[-1]
            yield _Site(cut + f.start, m.end(), ((f.concept, cut + f.start, cut + f.end),), (), False)
    for m in _WHEN.finditer(text):
        got = _np(anat, kb, text, m.end(), stop)
        if got and _INFLAMED.match(text, got[3]):
            sites, container, relaxed, end = got
            yield _Site(m.start(), _INFLAMED.match(text, end).end(), sites, container, relaxed, when=True)


@lru_cache(maxsize=4)
def _longest_first(terms: tuple) -> tuple:
    return tuple(sorted(terms, key=len, reverse=True))


def _terms(kb, text: str, pattern: re.Pattern, by_term: dict, offset: int):
    """(start, end, term, root) of each -itis condition named in a sentence: the word, or a curated
    knowledge-base condition whose name is one ("pink eye": conjunctivitis)."""
    out = []
    for m in pattern.finditer(text):
        term = re.sub(r"\s+", " ", m.group().lower())
        end = m.end()
        tail = re.match(r"\s+[A-E]\b(?!['’])", text[end:])
        if tail and term == "hepatitis":  # "hepatitis B"
            end += tail.end()
        out.append((m.start(), end, term, by_term[term]))
    for mt in mentions(kb, text, offset):
        s, e = mt.start - offset, mt.end - offset
        if any(a <= s < b or s <= a < e for a, b, _, _ in out):
            continue
        c = kb.concept(mt.concept)
        # curated names only: imported synonyms are looser ("croup" for subglottic laryngitis)
        if c["type"] not in ("condition", "category", "symptom") or c.get("source", "curated") != "curated":
            continue
        name = c["name"].lower()
        term = next((t for t in _longest_first(tuple(by_term)) if name == t or name.endswith(" " + t)), None)
        if term:
            out.append((s, e, term, by_term[term]))
    return sorted(out)


def _clause_before(text: str, at: int) -> str:
    cut = max(text.rfind(c, 0, at) for c in ".;!?")
    return text[cut + 1:at]


def _subject(text: str, x0: int) -> bool:
    """X opens its clause or follows only modifiers: not "a symptom of X", "patients with X"."""
    words = re.findall(r"[\w.'’-]+", _clause_before(text, x0))
    return not words or words[-1].lower().strip(".") not in _NOT_SUBJECT


def _modifiers_only(s: str) -> bool:
    f = _FILLER.fullmatch(s)
    return bool(f) and (not f.group("words").strip() or _is_modifiers(f.group("words")))


def _link(text: str, x, site: _Site) -> str | None:
    """How the sentence defines condition x by the site phrase, or None."""
    x0, x1 = x[0], x[1]
    if x1 <= site.start:
        between = text[x1:site.start]
        if not _subject(text, x0) or len(between) > 150:
            return None
        if site.when:
            return "definition" if not between else None
        # "X is (a chronic) inflammation of ...", "X, which is inflammation of ..."
        for k in range(len(between) + 1):
            cop = _COPULA.match(between[:k]) if k else None
            if cop and _modifiers_only(between[k:]):
                return None if cop.group("neg") else "definition"
        # "X, an inflammation of ...", "X (inflammation of ...)", "X: inflammation of ..."
        for k in range(len(between) + 1):
            ap = _APPOSITION.fullmatch(between[:k])
            if ap and _modifiers_only(between[k:]):
                sep = ap.group("sep").strip()
                after = text[site.end:]
                if sep == "(":
                    return "apposition" if re.match(r"\s*\)", after) else None
                before = _clause_before(text, x0)
                words = re.findall(r"[\w.'’-]+", before)
                if sep == "," and ((words and words[-1].lower().strip(".") in _LIST_BEFORE)
                                   or before.rstrip().endswith(",") or _LISTING.search(before)):
                    return None  # "rashes, arthritis, inflammation of the eye": a list
                if re.match(r"\s*,?\s*(?:and|or|and/or)\b", after, re.I):
                    return None
                if sep in (",", "—", "–", "-") and not _APPOSITION_END.match(after):
                    return None
                return "apposition"
        return None
    if x0 >= site.end:
        # "inflammation of the liver (hepatitis)", "..., called hepatitis", "..., or hepatitis,"
        n = _NAMED.match(text, site.end)
        if not n:
            return None
        gap = text[n.end():x0]
        if not _is_modifiers(gap) and gap.strip():
            return None
        after = text[x1:]
        if n.group("p") is not None:
            return "named" if re.match(r"\s*\)", after) else None
        if n.group("o") is not None:
            return "named" if re.match(r"\s*(?:[,;.)]|$)", after) else None
        return "named"
    return None


def _disowned(text: str, s: int, e: int) -> bool:
    """The claim denied, asked, or reported as a belief."""
    clause = _clause_before(text, s)
    cut = max(clause.rfind(";"), clause.lower().rfind(" but "))
    clause = clause[cut + 1:] if cut >= 0 else clause
    return bool(_NEG.search(text[s:e]) or _NEG.search(clause) or _BELIEF.search(clause)
                or re.match(r"\s*,?\s*(?:not|rather\s+than|instead\s+of)\b", text[e:], re.I))


class WrongInflamedSite(Rule):
    """An "-itis" condition defined as inflammation of another organ: "hepatitis is an inflammation of the kidneys".

    What it does
    Finds the "-itis" conditions of pipeline/rules/data/inflammation_roots.yaml (hepatitis,
    gastritis, conjunctivitis, tonsillitis, arthritis, meningitis, ...; the word, or a curated
    knowledge-base condition named by one, such as "pink eye") defined or glossed as inflammation,
    infection, swelling or irritation of a body structure: "X is (an) inflammation of (the) Y",
    "X means inflammation of Y", "X is inflammation in the Y", "X refers to Y inflammation",
    "X is an inflammation that affects the Y", "X (inflammation of the Y)", "X, (an) inflammation
    of the Y,", "X, or inflammation of the Y", "X: inflammation of the Y", "inflammation of the Y,
    called X", "inflammation of the Y (X)", "X occurs when the Y becomes inflamed". Reports the
    claim when Y is a known anatomy concept and none of the structures the term names is Y, a part
    of Y, a whole that contains Y, a kind of Y or the kind Y is (conjunctivitis is inflammation of
    the eye; gastritis, of the stomach lining; arthritis, of the knees or of the hands). What
    lines, covers or surrounds Y ("the membranes around the brain") is right when it shares with
    the named structure a region narrower than a body region. Unknown structures, wholes the
    knowledge base does not fill ("the digestive tract"), lists that name the right structure too,
    denials, questions, reported beliefs and lists of conditions give no finding.

    Why is this bad?
    The name of an "-itis" condition says which organ is inflamed; a page that says hepatitis
    inflames the kidneys, or tonsillitis the adenoids, teaches the reader the wrong organ, usually
    through a mistranslated organ name.

    Example
    Hepatitis is an inflammation of the kidneys. Tonsillitis, an inflammation of the adenoids, is
    common in children.

    Use instead
    Hepatitis is an inflammation of the liver. Tonsillitis, an inflammation of the tonsils, is
    common in children.

    Severity
    Major: a factual error about which organ a disease affects.

    References
    What each term names: pipeline/rules/data/inflammation_roots.yaml (MeSH scope notes, medical
    dictionaries, medical-terminology courses); where structures lie: pipeline/data/knowledge/
    anatomy.yaml and facts/anatomy-locations.yaml (Gray's Anatomy, MeSH, the NCI dictionary).
    """

    code = "FA019"
    name = "wrong-inflamed-site"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb, judge = ctx.resources.knowledge, ctx.resources.judge
        roots, by_term, pattern = load()
        anat = _anatomy(kb, judge)  # checks the roots' organs once
        for seg in ctx.segments:
            text = seg.text
            if text.rstrip().endswith("?") or not re.search(r"inflam|infect|swell|irritat", text, re.I):
                continue
            xs = _terms(kb, text, pattern, by_term, seg.start)
            if not xs:
                continue
            for site in _site_phrases(anat, kb, text):
                for x in xs:
                    how = _link(text, x, site)
                    if how is None:
                        continue
                    s, e = min(x[0], site.start), max(x[1], site.end)
                    if how == "named" and text[e:e + 1] == ")":
                        e += 1
                    if not _disowned(text, s, e):
                        found = self._verdict(anat, x[3], site)
                        if found:
                            yield self._match(ctx, kb, seg.start + s, seg.start + e, x, found)
                    break  # one condition per site phrase

    @staticmethod
    def _verdict(anat, root, site: _Site):
        """The first stated structure, when it is known and no structure stated (nor the one
        around a class of tissue) may be what the term names; else None."""
        stated = [c for c, _, _ in site.sites]
        if site.verbal and any(not anat.regions(o) for o in root.organs):
            return None  # vessels, joints, skin: in every organ an inflammation may reach
        if any(c in anat.unjudged for c in stated) or any(c in anat.unjudged for c, _, _ in site.container):
            return None
        for c in stated + [c for c, _, _ in site.container if stated[0] in anat.classes]:
            if any(anat.related(c, o) for o in root.organs):
                return None
            if site.relaxed and any(anat.neighbours(c, o) or not anat.regions(o) or not anat.regions(c)
                                    for o in root.organs):
                return None  # around or over a structure the knowledge cannot place: unknown
            if c in anat.broad and any(not anat.regions(o) for o in root.organs):
                return None  # the skin, the joints: in every region of the body
        return site.sites[0]

    @staticmethod
    def _match(ctx, kb, s, e, x, found):
        root, term = x[3], x[2]
        site_id = found[0]
        organs = " / ".join(kb.concept(o)["name"] for o in root.organs)
        quote = ctx.text[s:e]
        message = (f'Wrong inflamed site: "{quote}" — {term} is inflammation of the {organs}, not the '
                   f'{kb.concept(site_id)["name"]} ({root.refs[0]["title"]}).')
        ev = kb.evidence(site_id, *root.organs, claim="inflamed-site", term=term, organs=list(root.organs),
                         site=site_id)
        refs = list(root.refs)
        for r in ev.get("references", []):
            if r not in refs:
                refs.append(r)
        ev["references"] = refs
        return Match(s, e, message, suggestion=None, confidence=0.8, evidence=ev)
