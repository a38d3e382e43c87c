"""General claim extraction: from a sentence, the relation claims the knowledge can judge.

A `Relation` ties a subject concept to an object concept or a property value:

- `location` ("the tibia, the bone of the forearm", "the bladder, located in the chest"),
- `produces` ("the adrenal glands produce cortisol", "insulin is made by the pancreas"),
- `performs` ("the heart pumps blood"), `measures` ("an ECG measures ..."), `uses` ("an MRI uses
  magnets", "a CT scan uses no radiation", "radiation-free"),
- `cause` (infectious agent: "TB is caused by a bacterium") and `deficiency` ("a lack of vitamin C
  causes scurvy", "iodine deficiency causes goitre"),
- `property` (invasive, contagious, chronic: "arthroscopy is a non-invasive test"; for clinic
  procedures and products, reversible, permanent, flap, autologous: "Botox results are permanent"),
- `age` and `sex` (whom a condition affects: "a disease of the elderly", "more common in women").

Copular and appositive shapes are read with patterns between concept mentions; verb claims
("produce", "cause", "pump", "measure", "use", "due to") with spaCy's dependency parser, run only
on candidate sentences (two or more mentions and a claim verb). A sentence that opens with a
pronoun ("It mostly affects ...") is about `topic`, the subject of the sentence before. Class and
identity claims are `pipeline.rules.fact.claims`'s. Six readers have their own modules: which
layer of a structure (`layers.py`), which side of a structure a part lies in (`positions.py`),
the organ a test examines (`examined.py`), the properties of clinic procedures
(`procedure_properties.py`), the organ an operation is on (`sites.py`, kind `site`) and the ends
a tendon or ligament joins (`connections.py`, kind `connects`); `common.py` holds what they share. Offsets are view
offsets."""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.claims.common import APPOSED_NAME as _APPOSED_NAME, EXCLUDED_BEFORE as _EXCLUDED_BEFORE, \
    RESULT_BEFORE as _RESULT_BEFORE, SAMPLE_AFTER as _SAMPLE_AFTER, SAMPLE_BEFORE as _SAMPLE_BEFORE, Relation, \
    concept_type as _type
from pipeline.claims.connections import connections
from pipeline.claims.examined import examined
from pipeline.claims.layers import layers
from pipeline.claims.positions import positions
from pipeline.claims.procedure_properties import procedure_properties
from pipeline.claims.sites import sites
from pipeline.knowledge import KnowledgeBase, Mention
from pipeline.rules.fact.claims import _PARENTHESIS, _in_parentheses, mentions


# --- pronoun subjects ---
PRONOUN = re.compile(r"^\s*(?:(?:because|since|as|so|but|and|however,?)\s+)?(?P<p>it|this\s+(?:condition|disease|illness|"
                     r"disorder|test|scan|procedure)|the\s+(?:condition|disease|illness|disorder|test|scan|procedure))\b", re.I)

# --- property adjectives after "X is/are (a|an) ..." ---
_PROPS = [("invasive", False, r"non-?invasive|non-?surgical"), ("invasive", True, r"(?:minimally\s+)?invasive"),
          ("contagious", True, r"contagious|infectious|catching"),
          ("chronic", True, r"chronic|long-term|lifelong|long-lasting"),
          ("chronic", False, r"acute|short-lived|short-term|temporary")]
# "X, also known as Y, is ...", "X, which is also called Y, is ...": the other name between commas
_PROP = re.compile(r"^" + _APPOSED_NAME + r"\s+(?:is|are)\s+(?P<neg>not\s+)?(?:(?:a|an)\s+)?(?:(?:very|highly|extremely|completely|totally|"
                   r"usually|generally|painless|simple|quick|safe|common|rare|serious|),?\s+)*"
                   r"(?P<word>" + "|".join(p for _, _, p in _PROPS) + r")\b", re.I)
_RADIATION_FREE = re.compile(r"^\s+(?:scans?\s+)?(?:is|are)\s+(?:completely\s+|totally\s+)?radiation-free\b", re.I)

# --- location: "X, (a|the) ... of/in the Y", "X is located in the Y" ---
_LOC_GAP = re.compile(r"^(?P<lead>\s*,\s*|\s+)(?P<mid>[^;:()!?]{0,70}?)\b(?P<prep>of|in|inside|within|at|on|around|"
                      r"through|attached\s+to)\s+(?:the\s+|both\s+sides\s+of\s+the\s+|each\s+)?$", re.I)
# how the words between a structure and a region can place it: an apposition ("the tibia, the bone
# of ...", "the alveoli, tiny air sacs in ..."), a predicate ("is located in", "which is one of the
# bones of", "which run through"), or a bare "of"/"in" ("the meniscus of the knee")
_LOC_PREDICATE = re.compile(r"^(?:is|are|was|were|which|that|lies|lie|lying|sits|sit|sitting|located|found|situated|"
                            r"placed|positioned|runs?|running|attached|connected|part)\b", re.I)
_LOC_BLOCK = re.compile(r"\b(?:than|unlike|not|no|never|rather|instead|whereas|while|except|but|like|compared|"
                        r"from|between|behind|near|next|below|above|under|over|beside|and|or|to\s+the|connects?|"
                        r"joins?|supplies|supply|carries|carry|drains?|causes?|affects?|pain|into|top|sides?|surface|edge|tip|"
                        r"against|beneath|underneath|outside|in\s+front|ahead)\b", re.I)  # "in front of the Y": outside it

# --- whom a condition affects ---
_AGE_POS = re.compile(r"\s*(?:,\s*)?(?:is|are)?\s*(?:(?:mainly|mostly|mostly|usually|typically|largely|primarily|chiefly|"
                      r"generally|often|most\s+often)\s+)?(?:(?:a|an)\s+(?:\w+\s+)?(?:disease|condition|problem|illness|"
                      r"disorder)\s+(?:of|in|among)\s+(?:the\s+)?|affects?\s+(?:mainly\s+|mostly\s+|usually\s+)?|"
                      r"(?:is|are)?\s*(?:most\s+|more\s+|much\s+more\s+|far\s+more\s+)?(?:common|frequent|prevalent)\s+"
                      r"(?:in|among)\s+(?:the\s+)?|(?:starts?|begins?|appears?|develops?|occurs?)\s+(?:mainly\s+|"
                      r"mostly\s+)?(?:in|during)\s+|(?:is|are)\s+(?:an?\s+)?(?:\w+\s+)?(?:that\s+|which\s+)?(?:typically|usually|"
                      r"mostly|mainly|often|most\s+often)\s+(?:begins?|starts?|appears?|develops?)\s+in\s+|"
                      r"(?:is|are)\s+(?:an?\s+)?(?:\w+\s+)?(?:disease|condition|problem|illness|disorder)\s+(?:that|which)\s+"
                      r"(?:mainly\s+|mostly\s+|usually\s+|typically\s+|often\s+)?affects?\s+(?:the\s+)?)", re.I)
_AGE_NEG = re.compile(r"\s*(?:(?:rarely|seldom)\s+affects?\s+|(?:is|are)\s+(?:rare|uncommon|unusual)\s+(?:in|among)\s+"
                      r"(?:the\s+)?)", re.I)
_SEX_MORE = re.compile(r"\s*(?:,\s*)?(?:is|are)\s+(?:much\s+|far\s+)?more\s+common\s+in\s+", re.I)
_SEX_LIKELY = re.compile(r"\s+(?:are|is)\s+(?:much\s+|far\s+)?more\s+likely\s+than\s+\w+\s+to\s+(?:develop|get|have)\s+", re.I)
_SEX_GET = re.compile(r"\s+(?:get|develop|have)\s+", re.I)
_SEX_OFTEN = re.compile(r"^\s+(?:much\s+|far\s+)?more\s+often\s+than\b", re.I)
_AGE_ORDER = {"infants": 0, "children": 0, "adolescents": 1, "young-people": 1, "young-adults": 2,
              "middle-aged-adults": 3, "older-adults": 4}
SEXES = {"women", "men"}

# --- verb claims for the parser ---
_CUE = re.compile(r"\b(?:produc\w*|mak\w*|made|secret\w*|releas\w*|synthesi[sz]\w*|generat\w*|caus\w*|due\s+to|"
                  r"result\w*|lead\w*|led|trigger\w*|pump\w*|filter\w*|carr\w*|transport\w*|measur\w*|record\w*|"
                  r"detect\w*|us(?:e|es|ed|ing)|involv\w*|emit\w*|expos\w*|lack|deficien\w*|shortage|"
                  r"develops?\s+from|aris\w+|stems?|show\w*|check\w*|assess\w*|evaluat\w*|monitor\w*|"
                  r"build\w*|break\w*|control\w*|absorb\w*|fight\w*|responsible)\b", re.I)
_VERBS = {"produce": "produces", "make": "produces", "secrete": "produces", "release": "produces",
          "synthesize": "produces", "synthesise": "produces", "generate": "produces",
          "cause": "cause", "trigger": "cause", "lead": "cause", "result": "cause", "due": "cause",
          "develop": "cause", "arise": "cause", "stem": "cause",
          "measure": "measures", "record": "measures", "detect": "measures", "show": "measures",
          "check": "measures", "assess": "measures", "evaluate": "measures", "monitor": "measures",
          "use": "uses", "involve": "uses", "emit": "uses", "expose": "uses"}
_FROM_VERBS = {"result", "develop", "arise", "stem"}
_DEFICIENT = re.compile(r"\b(?:lack|lacks|deficien\w*|shortage|insufficien\w*|too\s+little|not\s+enough|low\s+levels?)\b", re.I)
_SKIP_DEPS = {"relcl", "acl", "advcl", "appos", "parataxis"}
# a test's verb in a clause these open reports a possible result ("if the scan shows a tear"), not
# what the test measures
_RESULT_MARKS = {"if", "when", "whenever", "unless", "once", "until", "whether"}


def _merged(kb, ms: list[Mention], offset: int, text: str) -> list[Mention]:
    """A mention followed by a word for one of its classes reads as one ("DEXA scan", "CT test")."""
    out: list[Mention] = []
    for m in ms:
        if out and not text[out[-1].end - offset:m.start - offset].strip() and m.concept != out[-1].concept \
                and m.concept in kb.ancestors(out[-1].concept):
            p = out[-1]
            out[-1] = Mention(p.start, m.end, p.concept, text[p.start - offset:m.end - offset], p.via)
            continue
        out.append(m)
    return out


_DEFICIENCY_NAME = re.compile(r"^(?P<n>.+?)\s+(?:deficiency|insufficiency)$", re.I)


def _nutrient(kb, m: Mention) -> tuple[str | None, bool]:
    """(nutrient, whether the mention itself names its lack): "vitamin C" or "iron deficiency"."""
    if _type(kb, m.concept) == "nutrient":
        return m.concept, False
    d = _DEFICIENCY_NAME.match(m.surface)
    if d:
        inner = [x for x in kb.find(d.group("n")) if _type(kb, x.concept) == "nutrient"]
        if inner and inner[0].end - inner[0].start == len(d.group("n")):
            return inner[0].concept, True
    return None, False


def _subject_of(ms: list[Mention], offset: int, text: str, topic: str | None) -> list[Mention]:
    """The mentions, with a pronoun that opens the sentence standing for `topic`."""
    m = PRONOUN.match(text)
    if topic and m and not any(x.start - offset < m.end("p") + 1 for x in ms):
        return [Mention(offset + m.start("p"), offset + m.end("p"), topic, m.group("p"), "pronoun")] + list(ms)
    return list(ms)


@lru_cache(maxsize=1 << 15)
def sentence_relations(kb: KnowledgeBase, facts, text: str, offset: int = 0,
                       topic: str | None = None) -> tuple[Relation, ...]:
    """Relation claims in one sentence `text` whose view offset is `offset`."""
    ms = _subject_of(_merged(kb, list(mentions(kb, text, offset)), offset, text), offset, text, topic)
    out: list[Relation] = []
    out += _properties(kb, text, offset, ms)
    layered = list(layers(kb, text, offset, ms))  # a layer claim is judged as a location too
    out += [r for r in _locations(kb, facts, text, offset, ms) if not any((r.x, r.y) == (l.x, l.y) for l in layered)]
    out += layered
    out += positions(kb, text, offset, ms)  # "X, at the back of the Y"
    out += _populations(kb, text, offset, ms)
    out += examined(kb, text, offset, ms)
    out += sites(kb, facts, text, offset, ms)  # "X, the surgery of the Y"
    joined = list(connections(kb, facts, text, offset, ms))  # "X connects A to B", "X is attached to B"
    ends = {(r.x, e) for r in joined for e in r.name.split("|")}
    out = [r for r in out if not (r.kind == "location" and (r.x, r.y) in ends)] + joined  # an end is no region
    if len(ms) >= 2 and _CUE.search(text) and _verb_candidate(kb, ms):
        out += _verb_claims(kb, facts, text, offset, ms)
        out += _verb_patterns(kb, facts, text, offset, ms)
    seen, unique = set(), []
    for r in out:
        key = (r.kind, r.x, r.y, r.value, r.name)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return tuple(unique)


_VERB_PAIRS = {("anatomy", "substance"), ("test", "process"), ("test", "substance"), ("modality", "substance"),
               ("condition", "nutrient"), ("condition", "organism"), ("category", "nutrient"),
               ("category", "organism"), ("anatomy", "process"), ("substance", "process"), ("test", "test"),
               ("anatomy", "drug-class"), ("anatomy", "drug"), ("substance", "substance"), ("test", "nutrient")}


def _substance(kb, facts, cid: str) -> str | None:
    """The body substance or physical agent a mention names: itself, or what the same word also
    names (`same_as` facts: "insulin" the drug class is also the hormone, "X-rays" the test also the
    radiation)."""
    if _type(kb, cid) == "substance":
        return cid
    return next((o for f in facts.get(cid, "same_as") for o in f.objects if _type(kb, o) == "substance"), None)


def _verb_candidate(kb, ms) -> bool:
    """Whether the sentence names a pair of concepts a verb claim can relate (only then is it parsed)."""
    types = {_type(kb, m.concept) for m in ms} | ({"nutrient"} if any(_nutrient(kb, m)[0] for m in ms) else set())
    return any(a in types and b in types for a, b in _VERB_PAIRS)


# the same verb claims in their plainest shapes, for sentences the small parser gets wrong
_PAT_PRODUCES = re.compile(r"\s+(?:produces?|makes?|secretes?|releases?)\s+(?:the\s+)?", re.I)
_PAT_PRODUCED = re.compile(r"\s+(?:is|are)\s+(?:mainly\s+|mostly\s+)?(?:produced|made|secreted|released)\s+(?:by|in)\s+(?:the\s+)?", re.I)
_PAT_MEASURES = re.compile(r"\s+(?:scans?\s+|tests?\s+)?(?:measures?|records?|checks?)\s+(?:the\s+|your\s+)?"
                           r"(?:(?:amount|level|levels|concentration)\s+of\s+(?:the\s+)?)?", re.I)
_PAT_CAUSED = re.compile(r"\s+(?:is|are)\s+(?:usually\s+|often\s+|mostly\s+|mainly\s+|most\s+often\s+)?(?:caused\s+by|due\s+to|"
                         r"the\s+result\s+of)\s+(?:a\s+|an\s+|the\s+)?(?:severe\s+)?(?P<lack>(?:lack|deficiency|shortage)\s+of\s+)?", re.I)
_PAT_RESULTS = re.compile(r"\s+(?:results?|develops?|arises?|stems?|comes?)\s+from\s+(?:a\s+|an\s+)?(?:severe\s+)?"
                          r"(?P<lack>(?:lack|deficiency|shortage)\s+of\s+)?", re.I)
_PAT_DEF_CAUSES = re.compile(r"\s+(?:deficiency|insufficiency)\s+(?:can\s+|may\s+)?(?:causes?|leads?\s+to)\s+", re.I)
_PAT_CAUSES = re.compile(r"\s+(?:can\s+|may\s+)?(?:causes?|leads?\s+to)\s+", re.I)
_LACK_BEFORE = re.compile(r"\b(?:lack|deficiency|shortage)\s+of\s+$", re.I)
# "C is a sign of N deficiency": a condition that a lack shows itself by is caused by that lack
_PAT_SIGN_OF = re.compile(r"\s+(?:is|are|can\s+be|may\s+be)\s+(?:(?:a|an|the|one)\s+)?(?:of\s+the\s+)?(?:(?:common|classic|"
                          r"early|earliest|first|typical|main|frequent|key|important|usual|well-known)\s+)*(?:signs?|symptoms?)"
                          r"\s+of\s+(?:a\s+|an\s+)?(?:severe\s+)?(?P<lack>(?:lack|deficiency|shortage)\s+of\s+)?", re.I)
_DEFICIENCY_AFTER = re.compile(r"\s+(?:deficiency|insufficiency)\b", re.I)
# "N deficiency is the main cause of C", "A is the cause of C"
_MAIN_CAUSE = (r"(?:is|are)\s+(?:(?:the|a|an|one)\s+)(?:of\s+the\s+)?(?:(?:main|most\s+common|commonest|common|leading|major|usual|"
               r"chief|primary|only|biggest|principal)\s+)*causes?\s+of\s+(?:the\s+)?")
_PAT_DEF_MAIN_CAUSE = re.compile(r"\s+(?:deficiency|insufficiency)\s+" + _MAIN_CAUSE, re.I)
_PAT_MAIN_CAUSE = re.compile(r"\s+" + _MAIN_CAUSE, re.I)


def _verb_patterns(kb, facts, text, offset, ms):
    for a, b in zip(ms, ms[1:]):
        gap = text[a.end - offset:b.start - offset]
        ta, tb = _type(kb, a.concept), _type(kb, b.concept)
        span = (a.start, b.end)
        sa, sb = _substance(kb, facts, a.concept), _substance(kb, facts, b.concept)
        na = _nutrient(kb, a)
        if na[1] and _is_condition(kb, b.concept) and _PAT_MAIN_CAUSE.fullmatch(gap):
            # "iron deficiency is the main cause of goitre": the mention names the lack itself
            yield Relation("deficiency", b.concept, na[0], *span, True, None, "a lack of N is the cause of C")
        elif (ta == "anatomy" or _is_cell(kb, a.concept)) and sb and sb != a.concept and _PAT_PRODUCES.fullmatch(gap):
            yield Relation("produces", a.concept, sb, *span, True, None, "X produces Y")
        elif sa and (tb == "anatomy" or _is_cell(kb, b.concept)) and sa != b.concept and _PAT_PRODUCED.fullmatch(gap):
            yield Relation("produces", b.concept, sa, *span, True, None, "Y is made by X")
        elif ta == "test" and tb in _MEASURED and _PAT_MEASURES.fullmatch(gap) \
                and not _RESULT_BEFORE.search(text[max(0, a.start - offset - 20):a.start - offset]):
            yield Relation("measures", a.concept, b.concept, *span, True, None, "X measures Y")
        elif _is_condition(kb, a.concept):
            m = _PAT_CAUSED.fullmatch(gap) or _PAT_RESULTS.fullmatch(gap)
            if m and m.group("lack") and tb == "nutrient":
                yield Relation("deficiency", a.concept, b.concept, *span, True, None, "C is caused by a lack of N")
            elif m and not m.group("lack") and tb == "organism":
                yield Relation("cause", a.concept, b.concept, *span, True, None, "C is caused by A")
            elif (sign := _PAT_SIGN_OF.fullmatch(gap)) and (nb := _nutrient(kb, b))[0]:
                after = _DEFICIENCY_AFTER.match(text, b.end - offset) if not nb[1] else None
                if sign.group("lack") or after or nb[1]:
                    yield Relation("deficiency", a.concept, nb[0], a.start, b.end + (after.end() - after.start() if after else 0),
                                   True, None, "C is a sign of a lack of N")
        elif ta == "organism" and _is_condition(kb, b.concept) and _PAT_MAIN_CAUSE.fullmatch(gap):
            yield Relation("cause", b.concept, a.concept, *span, True, None, "A is the cause of C")
        elif ta == "nutrient" and _is_condition(kb, b.concept):
            lack = _LACK_BEFORE.search(text[max(0, a.start - offset - 20):a.start - offset])
            if _PAT_DEF_CAUSES.fullmatch(gap) or _PAT_DEF_MAIN_CAUSE.fullmatch(gap) \
                    or (lack and (_PAT_CAUSES.fullmatch(gap) or _PAT_MAIN_CAUSE.fullmatch(gap))):
                yield Relation("deficiency", b.concept, a.concept, a.start - (len(lack.group()) if lack else 0), b.end,
                               True, None, "a lack of N causes C")


def _is_condition(kb, cid: str) -> bool:
    return _type(kb, cid) in ("condition", "category") and cid not in ("disease",)


def _properties(kb, text, offset, ms):
    for m in ms:
        t = _type(kb, m.concept)
        after = text[m.end - offset:]
        if t in ("test", "condition", "modality", "therapy"):
            free = _RADIATION_FREE.match(after)
            if free:
                yield Relation("uses", m.concept, "radiation", m.start, m.end + free.end(), False, None, "X is radiation-free")
                continue
            p = _PROP.match(after)
            word = p.group("word") if p else ""
            name, value = next(((n, v) for n, v, pat in _PROPS if re.fullmatch(pat, word, re.I)), (None, None))
            # "temporary", "lifelong": a condition's course, but a procedure's permanence (below)
            if name and (name != "chronic" or _is_condition(kb, m.concept)):
                yield Relation("property", m.concept, None, m.start, m.end + p.end(), value != bool(p.group("neg")), name,
                               f"X is {word}")
                continue
        if t in ("test", "modality", "therapy", "drug", "substance"):
            yield from procedure_properties(text, offset, m)


_ADVERBS_ONLY = re.compile(r"(?:(?:often|usually|sometimes|mostly|mainly|typically|commonly|especially|particularly|"
                           r"also|even|frequently|occasionally|rarely|generally|most|more|less|chiefly|primarily|"
                           r"largely|mostly|normally|then|later)\b[\s,]*)+", re.I)


def _placing(g) -> bool:
    """Whether the gap's words say where the structure is (see `_LOC_PREDICATE`): not "the
    baby's mouth on the breast", "the heel, hit in the nose", "the throat through the opening"."""
    from pipeline.rules.translation.clauses import can_be_verb

    mid, prep = g.group("mid").strip(), g.group("prep").lower()
    if not mid:
        return prep in ("of", "in", "inside", "within")
    if _ADVERBS_ONLY.fullmatch(mid):
        return False  # "grows outside the womb, often on the ovaries": where the subject also is, not X's place
    first = mid.split()[0]
    if _LOC_PREDICATE.match(first):
        return True
    return "," in g.group("lead") and not can_be_verb(first)


def _placed(kb, facts, cid: str) -> bool:
    """Whether the knowledge says where `cid` lies (facts, or the concept layer's regions)."""
    return bool(facts.get(cid, "part_of")) or bool(kb.part_of(cid))


def _locations(kb, facts, text, offset, ms):
    for i, y in enumerate(ms):
        if _type(kb, y.concept) != "anatomy":
            continue
        if facts.prop(y.concept, "positional")[0] and re.match(r"\s+of\b", text[y.end - offset:]):
            continue  # "at the back of the ankle": "back" names a side, not the region
        for x in reversed(ms[:i]):
            if facts.prop(x.concept, "positional")[0]:
                continue
            if re.search(r"\w['\u2019]s\s+$", text[:x.start - offset]):
                break  # "crow's feet", "athlete's foot", "runner's knee": a condition's name
            if _in_parentheses(text, x.start - offset) and not _in_parentheses(text, y.start - offset):
                continue  # "the patella (kneecap), the bone of ...": the structure is before the gloss
            if not _placed(kb, facts, x.concept) or x.concept == y.concept:
                if _type(kb, x.concept) in ("anatomy",) and not _placed(kb, facts, x.concept):
                    continue  # a generic word ("muscles", "cartilage") between the structure and the region
                break
            gap = _PARENTHESIS.sub("", text[x.end - offset:y.start - offset])
            g = _LOC_GAP.match(gap)
            if g and not _LOC_BLOCK.search(g.group("mid")) and "." not in gap and _placing(g):
                yield Relation("location", x.concept, y.concept, x.start, y.end, True, None, "X ... of/in the Y")
            break


def _populations(kb, text, offset, ms):
    for i, g in enumerate(ms):
        if _type(kb, g.concept) != "group":
            continue
        before = [m for m in ms[:i] if _is_condition(kb, m.concept)]
        after = [m for m in ms[i + 1:] if _is_condition(kb, m.concept)]
        if g.concept in SEXES:
            if before and _SEX_MORE.fullmatch(text[before[-1].end - offset:g.start - offset]):
                yield Relation("sex", before[-1].concept, g.concept, before[-1].start, g.end, True, None,
                               "X is more common in G")
            elif after:
                gap = text[g.end - offset:after[0].start - offset]
                if _SEX_LIKELY.fullmatch(gap) or (_SEX_GET.fullmatch(gap) and _SEX_OFTEN.match(text[after[0].end - offset:])):
                    yield Relation("sex", after[0].concept, g.concept, g.start, after[0].end, True, None,
                                   "G are more likely than H to get X")
            continue
        if g.concept not in _AGE_ORDER or not before:
            continue
        x = before[-1]
        gap = re.sub(r"\b(?:young|old|older|elderly|very)\s+$", "", text[x.end - offset:g.start - offset])
        if len(gap) > 90 or "." in gap:
            continue
        if _AGE_NEG.fullmatch(gap):
            yield Relation("age", x.concept, g.concept, x.start, g.end, False, None, "X is rare in G")
        elif _AGE_POS.fullmatch(gap):
            yield Relation("age", x.concept, g.concept, x.start, g.end, True, None, "X mainly affects G")


# what a test can be said to measure: a process or level, a body substance, a nutrient
_MEASURED = ("process", "substance", "nutrient")
_RELATIVE = {"that", "which", "who"}
# nouns that only stand for the subject they define: "X is the part (of Y) that ...", "X: the cells that ..."
_GENERIC_HEADS = {"part", "organ", "gland", "cell", "structure", "one", "tissue", "muscle", "bone", "test",
                  "scan", "procedure", "area", "region", "section", "hormone", "substance", "layer", "system",
                  "infection", "disease", "condition", "illness", "disorder", "problem", "inflammation"}


def _defined(noun):
    """The subject a generic noun stands for when it is the predicate of a copula or an apposition
    ("giardiasis is an infection ...", "osteoclasts: the cells ..."), else None."""
    if noun.lemma_.lower() not in _GENERIC_HEADS:
        return None
    if noun.dep_ == "attr":
        subj = [c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return subj[0] if subj else None
    if noun.dep_ == "appos":
        return noun.head
    return None


def _antecedent(tok):
    """The word a relative pronoun stands for ("saliva, which is produced by ..." -> saliva), and for
    a generic head, the subject it defines ("osteoblasts are the cells that ..." -> osteoblasts)."""
    if tok.lower_ not in _RELATIVE or tok.head.dep_ != "relcl":
        return tok
    noun = tok.head.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.lower_ == "of" \
            and noun.head.head.lemma_.lower() in _GENERIC_HEADS:
        noun = noun.head.head  # "the part of the ear that controls balance": the part
    return _defined(noun) or noun


def _is_cell(kb, cid: str) -> bool:
    return _type(kb, cid) == "substance" and any(kb.is_a(cid, c) for c in ("cell", "blood-cell"))


def _verb_claims(kb, facts, text, offset, ms):
    from pipeline.claims.parse import parse

    doc = parse(text)
    starts = {t.idx: t for t in doc}

    def side(tokens) -> list[Mention]:
        keep = set()
        for t in tokens:
            stack = [t]
            while stack:
                u = stack.pop()
                keep.add(u.i)
                stack += [c for c in u.children if c.dep_ not in _SKIP_DEPS]
        out = []
        for m in ms:
            tok = starts.get(m.start - offset)
            if tok is None or tok.i not in keep:
                continue
            if _EXCLUDED_BEFORE.search(text[max(0, m.start - offset - 20):m.start - offset]):
                continue
            out.append(m)
        return out

    def deficient(tokens) -> bool:
        return any(_DEFICIENT.search(" ".join(w.text for w in t.subtree)) for t in tokens)

    for v in doc:
        kind = _VERBS.get(v.lemma_.lower())
        if kind is None:
            continue
        head = v.head if v.dep_ == "acomp" or v.lemma_.lower() == "due" else v
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and v.dep_ == "conj":
            subj = [c for c in v.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        passive = any(c.dep_ == "nsubjpass" for c in subj) or head is not v
        if not subj and v.dep_ == "acl" and v.tag_ == "VBN":  # "X is an infection caused by Y"
            defined = _defined(v.head)
            if defined is not None:
                subj, passive = [defined], True
        subj = [_antecedent(c) for c in subj]
        neg = any(c.dep_ == "neg" for c in v.children) or any(c.dep_ == "neg" for c in head.children)
        objs = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")]
        if kind == "measures":  # "measures how well the kidneys work", "measures eyesight" (tagged advmod)
            objs += [c for c in v.children if c.i > v.i and (
                (c.dep_ == "advmod" and c.i == v.i + 1)
                or (c.dep_ in ("ccomp", "xcomp") and doc[v.i + 1].lower_ in ("how", "what", "whether")))]
        preps = {c.lemma_.lower(): [p for p in c.children if p.dep_ == "pobj"] for c in v.children if c.dep_ in ("prep", "agent")}
        if kind == "measures" and any(c.dep_ == "mark" and c.lower_ in _RESULT_MARKS for c in v.children):
            continue  # "if a Pap smear shows abnormal cells, ...": a possible result, not what the test measures
        if kind == "cause":
            if passive or v.lemma_.lower() in ("due",) or (v.lemma_.lower() in _FROM_VERBS and "from" in preps):
                causes = preps.get("by", []) + preps.get("to", []) + preps.get("from", [])
                effects = subj
            elif v.lemma_.lower() in ("develop", "arise", "stem"):
                continue  # "develops" without "from": not a cause claim
            else:
                causes = subj
                effects = objs + preps.get("to", []) + preps.get("in", [])
            deficiency = deficient(causes)
            for e in side(effects):
                if not _is_condition(kb, e.concept) or _nutrient(kb, e)[0]:
                    continue
                for c in side(causes):
                    t = _type(kb, c.concept)
                    nutrient, named_lack = _nutrient(kb, c)
                    if nutrient and (deficiency or named_lack) and e.concept != c.concept:
                        yield Relation("deficiency", e.concept, nutrient, min(e.start, c.start), max(e.end, c.end),
                                       not neg, None, "lack of N causes C")
                    elif not deficiency and t == "organism":
                        yield Relation("cause", e.concept, c.concept, min(e.start, c.start), max(e.end, c.end),
                                       not neg, None, "C is caused by A")
            continue
        if passive:
            agents, patients = preps.get("by", []) + preps.get("in", []) + preps.get("from", []), subj
        else:
            agents, patients = subj, objs + (preps.get("to", []) if v.lemma_.lower() == "expose" else [])
        nobj = any(w.lower_ == "no" for p in patients for w in p.subtree)
        polarity = not (neg or nobj)
        wanted = {"produces": ("anatomy",), "measures": ("test",), "uses": ("test", "modality")}[kind]
        doers = [a for a in side(agents) if _type(kb, a.concept) in wanted
                 or (kind == "produces" and _is_cell(kb, a.concept))]
        for a in doers[:1]:  # "made in the bone marrow of the hips": the marrow, not the hips
            for p in side(patients):
                ta, tp = _type(kb, a.concept), _type(kb, p.concept)
                sp = _substance(kb, facts, p.concept)
                span = (min(a.start, p.start), max(a.end, p.end))
                if kind == "produces" and (ta == "anatomy" or _is_cell(kb, a.concept)) and sp and polarity \
                        and sp != a.concept:
                    yield Relation("produces", a.concept, sp, *span, True, None, "X produces Y")
                elif kind == "measures" and ta == "test" and tp in _MEASURED and polarity \
                        and not _SAMPLE_BEFORE.search(text[max(0, p.start - offset - 20):p.start - offset]) \
                        and not _SAMPLE_AFTER.match(text, p.end - offset):
                    yield Relation("measures", a.concept, p.concept, *span, True, None, "X measures Y")
                elif kind == "uses" and ta in ("test", "modality") and sp and a.concept != p.concept:
                    yield Relation("uses", a.concept, sp, *span, polarity, None, "X uses Y")
    # "the kidneys pump blood": the process mention holds the verb
    for m in ms:
        if _type(kb, m.concept) != "process":
            continue
        v = starts.get(m.start - offset)
        if v is None or v.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        subj = [c for c in v.children if c.dep_ == "nsubj"] or (
            [c for c in v.head.children if c.dep_ == "nsubj"] if v.dep_ == "conj" else [])
        subj = [_antecedent(c) for c in subj]
        if any(c.dep_ == "neg" for c in v.children):
            continue
        for a in side(subj):
            if _type(kb, a.concept) in ("anatomy", "substance"):
                yield Relation("performs", a.concept, m.concept, a.start, m.end, True, None, "X pumps/filters/carries Y")
