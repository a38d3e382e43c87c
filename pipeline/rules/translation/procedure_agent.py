"""The patient made the agent of an operation, for TR010 (false_friend.py): "Do I need to perform
cosmetic surgery on my nose?", "women who performed a hysterectomy", "the doctor tells the patient
to perform the surgery", "people who do liposuction". Persian says "amal anjam dadan" / "amal
kardan" ("to do the operation") of the patient; machine translation keeps the patient as the one
who does or performs it, where English has the surgeon perform it and the patient have or undergo
it.

Read from the dependency parse (pipeline/claims/parse.py: spaCy's parser, loaded lazily and run
only on a sentence with a form of "do", "perform" or "carry out" and a word for an operation):

- the verb: the lemma `do`, `perform` or `carry` + "out", active;
- its object: an operation: "surgery", "operation", a word ending in -plasty, -ectomy, -otomy,
  -ostomy, a transplant, an implant, liposuction, a caesarean; "lift", "tuck", "replacement",
  "repair", "reconstruction", "fusion", "graft" after a body part ("a breast lift", "a hernia
  repair"; not "a heavy lift", "car repairs"); a "surgical" or "cosmetic procedure"; or a
  knowledge-base procedure whose name or a broader concept's name says it is surgery ("LASIK":
  `lasik` has the synonym "LASIK surgery"; "FUE" is a kind of hair transplant), not a therapy
  such as physiotherapy or exercises ("patients do their exercises" is right);
- the one who does it: the subject, for a relative clause the noun it qualifies ("women who
  performed"), for "people doing" the noun, for an infinitive its controller ("tells the patient
  to perform": the object; "patients want to perform": the subject), for "after performing" the
  subject of the main clause. It must be a patient: "patient(s)", "people", "candidates",
  "applicants", "clients", "those", a family member, a knowledge-base group ("women", "older
  adults", "adolescents") or "you". "I" and "we" are also the clinic's and the surgeon's ("We
  perform 300 rhinoplasties a year"), so they count only in a question ("Can I do ...?"), after a
  verb of wanting or needing ("I need to perform ...", "am I too old to do ..."), with "my"
  ("I did my rhinoplasty") or with "for my son" and the like. An imperative about "your"
  operation ("Do your rhinoplasty in autumn") is the reader's too.

Surgeons, doctors, the team, the clinic and anyone else as the agent stay silent, and so do an
operation done "on" someone (the doctor's reading: "you perform the surgery on patients"), a
pronoun said to be a professional ("if you are a surgeon", "as a surgeon, I"), the passive and
impersonal infinitives ("the best age to do rhinoplasty": no one named)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

_VERBS = {"do", "perform", "carry"}
# the sentence mentions an operation (cheap test before the parser)
_CUE = re.compile(r"surg|operat|plast|ectom|otom|ostom|transplant|implant|lipo|lift|tuck|bypass|"
                  r"caesar|cesar|c-section|circumcis|graft|replacement|reconstruct|augment|"
                  r"repair|fusion|procedure",
                  re.IGNORECASE)
# an operation by itself ...
_OPERATION = re.compile(
    r"(?:surgery|surgeries|operations?|\w+plast(?:y|ies)|\w+ectom(?:y|ies)|\w+otom(?:y|ies)|"
    r"\w+ostom(?:y|ies)|transplant(?:s|ations?)?|implant(?:s|ations?)?|liposuction|lipo|"
    r"\w+lifts?|bypass|c-sections?|caesareans?|cesareans?|circumcisions?|lipectom(?:y|ies))",
    re.IGNORECASE)
# ... or with a modifier ("a breast lift", "knee replacement", "a caesarean section")
_MODIFIED = re.compile(r"(?:lifts?|tucks?|replacements?|reconstructions?|repairs?|augmentations?|"
                       r"fusions?|grafts?|grafting|sections?|procedures?)", re.IGNORECASE)
# the body part (or the like) such a word needs ("a heavy lift", "car repairs" are not operations)
_BODY = {"breast", "face", "brow", "neck", "thigh", "arm", "buttock", "butt", "eyelid", "eyebrow",
         "forehead", "lip", "tummy", "abdominal", "knee", "hip", "shoulder", "joint", "spinal",
         "spine", "hernia", "acl", "ligament", "valve", "heart", "bone", "skin", "nose", "nasal",
         "ear", "jaw", "chin", "cheek", "mitral", "aortic", "cruciate", "meniscus", "tendon",
         "cuff", "disc", "fat", "hair", "mid-face", "midface", "body", "thread", "elbow", "ankle",
         "wrist", "cartilage", "cornea", "corneal", "lens", "kidney", "liver"}
_SECTION_MODIFIER = re.compile(r"(?:caesarean|cesarean|caesarian|cesarian|c)", re.IGNORECASE)
_PROCEDURE_MODIFIER = re.compile(r"(?:surgical|cosmetic|operative|invasive|bariatric)",
                                 re.IGNORECASE)
# knowledge-base procedures: a concept (or a broader one) named as surgery
_SURGICAL_NAME = re.compile(r"surg|plasty|ectomy|otomy|ostomy|transplant|implant|replacement|"
                            r"fixation|keratomileusis|bypass|band|sleeve|lift|tuck|liposuction|"
                            r"insertion|graft|extraction", re.IGNORECASE)
_PATIENTS = {
    "patient", "people", "person", "persons", "individual", "candidate", "applicant", "client",
    "volunteer", "smoker", "athlete", "adult", "teenager", "adolescent", "woman", "man", "girl",
    "boy", "lady", "gentleman", "mother", "father", "mom", "mum", "dad", "parent", "wife",
    "husband", "son", "daughter", "sister", "brother", "friend", "child", "baby", "kid",
    "those", "anyone", "anybody", "someone", "somebody", "everyone", "everybody", "whoever",
    "many", "most", "some", "all", "few", "youngster", "elderly", "senior", "customer",
}
_FAMILY = {"son", "daughter", "child", "children", "baby", "kid", "mother", "father", "mom",
           "mum", "dad", "parent", "parents", "wife", "husband", "sister", "brother", "family",
           "grandmother", "grandfather", "grandma", "grandpa"}
_PERSONS = _PATIENTS | {"patients", "people", "children", "women", "men", "him", "her", "them",
                        "babies", "kids", "adults", "us", "me"}
_RELATIVES = {"who", "that", "which", "whom"}
_STAFF = {"surgeon", "doctor", "physician", "dentist", "specialist", "nurse", "practitioner",
          "resident", "anaesthetist", "anesthetist", "anesthesiologist", "anaesthesiologist",
          "clinician", "colleague", "team", "staff", "clinic", "hospital", "centre", "center"}
# verbs whose infinitive says what the subject wants or needs ("I need to perform ...")
_WANTING = {"want", "need", "wish", "like", "love", "decide", "plan", "intend", "hope", "choose",
            "prefer", "afraid", "scared", "ready", "old", "young", "allow", "eligible", "fear",
            "worry"}
# verbs whose object is the one who does the infinitive ("tells the patient to perform")
_OBJECT_CONTROL = {"tell", "ask", "advise", "recommend", "allow", "want", "force", "encourage",
                   "persuade", "order", "instruct", "require", "help", "let", "urge", "invite",
                   "permit", "expect", "remind", "convince", "make"}
_HAVE = {"VB": "have", "VBP": "have", "VBZ": "has", "VBD": "had", "VBN": "had", "VBG": "having"}


@dataclass(frozen=True)
class Found:
    start: int  # view offsets
    end: int
    suggestion: str


def candidate(seg) -> bool:
    """Whether segment `seg` may hold the phrase: "do", "perform" or "carry" as a main verb (no
    parse needed to say no)."""
    return any(t.lemma.lower() in _VERBS and t.pos in ("VERB", "AUX") for t in seg.tokens)


@lru_cache(maxsize=4096)
def _surgical_concept(kb, cid: str) -> bool:
    """Whether concept `cid` is an operation: a therapy or category whose names, or a broader
    concept's names, say it is surgery."""
    c = kb.concept(cid)
    if c["type"] not in ("therapy", "category"):
        return False
    for a in {cid, *kb.ancestors(cid)}:
        ca = kb.concept(a)
        if ca["type"] in ("therapy", "category") and \
                any(_SURGICAL_NAME.search(n) for n in [ca["name"], *ca.get("synonyms", [])]):
            return True
    return False


def _kb_spans(kb, text: str, kind) -> list[tuple[int, int]]:
    if kb is None:
        return []
    try:
        return [(m.start, m.end) for m in kb.find(text) if kind(m.concept)]
    except Exception:  # noqa: BLE001 - the knowledge base only adds to the word lists
        return []


def _is_operation(obj, surgical_spans, anatomy_spans=()) -> object | None:
    """The last token of the object phrase of `obj` that names an operation (the object itself,
    or a modifier when the parser took the next noun for the object: "do eyelid surgery
    return"), else None."""
    mods = [c for c in obj.children if c.dep_ in ("compound", "amod", "nmod") and c.i < obj.i]
    text = obj.text
    if _OPERATION.fullmatch(text):
        if re.fullmatch(r"(?i)lifts?", text):  # "a breast lift", not "a heavy lift"
            return obj if any(m.lower_ in _BODY for m in mods) else None
        return obj
    if _MODIFIED.fullmatch(text) and mods:
        if re.fullmatch(r"(?i)sections?", text):
            return obj if any(_SECTION_MODIFIER.fullmatch(m.text) for m in mods) else None
        if re.fullmatch(r"(?i)procedures?", text):
            return obj if any(_PROCEDURE_MODIFIER.fullmatch(m.text) for m in mods) else None
        if any(m.lower_ in _BODY or any(s <= m.idx < e for s, e in anatomy_spans) for m in mods):
            return obj
        return None
    start = obj.left_edge.idx
    end = obj.idx + len(obj.text)
    if any(s < end and e > start for s, e in surgical_spans):
        return obj
    for m in reversed(mods):  # "performed ACL reconstruction return": the parser's object
        found = _is_operation(m, (), anatomy_spans)
        if found is not None:
            return found
    return None


def _objects(verb):
    """The verb's objects: its direct objects and their conjuncts, and for a relative clause
    without one the noun it qualifies ("the surgery that you did")."""
    objs = [c for c in verb.children if c.dep_ == "dobj" or  # "perform septoplasty/JJ"
            (c.dep_ in ("acomp", "attr", "oprd") and _OPERATION.fullmatch(c.text))]
    if verb.dep_ == "relcl" and all(o.lower_ in _RELATIVES for o in objs) and \
            any(c.dep_ == "nsubj" and c.lower_ not in _RELATIVES for c in verb.children):
        objs = [verb.head]
    for c in objs:
        yield c
        yield from (g for g in c.children if g.dep_ == "conj")


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)


def _agent(verb, wanting: list, depth: int = 0):
    """The token of the one who does `verb` (see the module's docstring), or None; `wanting`
    collects the lemmas of the governing verbs passed on the way up."""
    if depth > 6:
        return None
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is not None and to.i > 0 and to.doc[to.i - 1].lemma_.lower() in _STAFF:
        return to.doc[to.i - 1]  # "select the right surgeon to perform your surgery"
    subj = _subject(verb)
    if subj is not None:
        if subj.lower_ in _RELATIVES:
            return verb.head if verb.dep_ == "relcl" else None
        return subj
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    head = verb.head
    if head is verb:
        return None
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return head  # "people doing liposuction"
    if verb.dep_ == "relcl":
        return None
    if verb.dep_ in ("xcomp", "ccomp"):
        wanting.append(head.lemma_.lower())
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is not None and head.lemma_.lower() in _OBJECT_CONTROL:
            return obj
        return _agent(head, wanting, depth + 1)
    if verb.dep_ in ("acomp", "conj"):
        return _agent(head, wanting, depth + 1)
    if verb.dep_ in ("pcomp", "advcl") and verb.tag_ in ("VBG", "VB"):
        clause = head.head if head.dep_ == "prep" else head
        if clause is head and head.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        return _agent(clause, wanting, depth + 1)
    return None


def _question(doc) -> bool:
    text = doc.text.rstrip()
    return text.endswith("?")


def _for_family(verb, obj) -> bool:
    """"... for our son", "for my mother": done for a member of the speaker's family (the
    phrase on the verb or on its object)."""
    for p in [*verb.children, *obj.children]:
        if p.dep_ == "prep" and p.lower_ == "for":
            for o in p.children:
                if o.dep_ == "pobj" and o.lower_ in _FAMILY and \
                        any(c.lower_ in ("my", "our") for c in o.children):
                    return True
    return False


def _on_someone(verb) -> bool:
    """"perform the surgery on patients", "on him": the doctor's reading."""
    for p in verb.children:
        if p.dep_ == "prep" and p.lower_ == "on":
            for o in p.children:
                if o.dep_ == "pobj" and (o.lower_ in _PERSONS or o.lemma_.lower() in _PERSONS):
                    return True
    return False


def _professional(doc, professions) -> bool:
    """"If you are a surgeon, ...", "I, as a surgeon, ...": the pronoun is the doctor."""
    return any(t.dep_ in ("attr", "appos", "pobj") and
               (t.lemma_.lower() in _STAFF or any(s <= t.idx < e for s, e in professions))
               and (t.dep_ != "pobj" or t.head.lower_ == "as") for t in doc)


def _patient(agent, verb, obj, wanting, doc, groups) -> bool:
    """Whether `agent` is a patient (see the module's docstring)."""
    word = {"me": "i", "us": "we"}.get(agent.lower_, agent.lower_)  # "for me to do ..."
    if word == "you":
        return True
    if word in ("i", "we"):
        if _question(doc) or _for_family(verb, obj):
            return True
        # "I need to perform ...", "I did my rhinoplasty ..." (not "we did our 1000th")
        return word == "i" and (bool(set(wanting) & _WANTING) or
                                any(c.lower_ == "my" for c in obj.children))
    if agent.pos_ == "PRON" and word not in _PATIENTS:
        return False
    if agent.lemma_.lower() in _PATIENTS or word in _PATIENTS:
        return True
    return any(s <= agent.idx < e for s, e in groups)


def find(seg, kb=None) -> Iterator[Found]:
    """The patient-as-agent phrases of segment `seg` (a pipeline Segment), in view offsets."""
    if not candidate(seg):
        return
    surgical = _kb_spans(kb, seg.text, lambda cid: _surgical_concept(kb, cid))
    if not surgical and _CUE.search(seg.text) is None:
        return
    from pipeline.claims.parse import parse

    doc = parse(seg.text)
    groups = _kb_spans(kb, seg.text, lambda cid: kb.concept(cid)["type"] == "group")
    anatomy = _kb_spans(kb, seg.text,
                        lambda cid: kb.concept(cid)["type"] in ("anatomy", "condition"))
    professions = _kb_spans(kb, seg.text, lambda cid: kb.concept(cid)["type"] == "profession")
    for verb in doc:
        lemma = verb.lemma_.lower()
        if lemma not in _VERBS or not verb.tag_.startswith("VB"):
            continue
        particle = next((c for c in verb.children if c.dep_ == "prt" and c.lower_ == "out"), None)
        if lemma == "carry" and particle is None:
            continue
        for obj in _objects(verb):
            last = _is_operation(obj, surgical, anatomy)
            if last is None:
                continue
            wanting: list[str] = []
            agent = _agent(verb, wanting)
            if agent is None:
                # "Do your rhinoplasty in autumn": an imperative about the reader's operation
                if not (verb.dep_ == "ROOT" and verb.tag_ == "VB" and not _question(doc)
                        and any(c.lower_ == "your" for c in obj.children)):
                    continue
            elif _on_someone(verb) or not _patient(agent, verb, obj, wanting, doc, groups):
                continue
            elif agent.pos_ == "PRON" and _professional(doc, professions):
                continue
            yield _found(seg, doc, verb, particle, last)
            break


def _found(seg, doc, verb, particle, last) -> Found:
    """The phrase from the verb to the operation ("performed a hysterectomy"; "surgery that you
    did" when the operation comes first), and it with the verb as a form of "have"."""
    have = _HAVE.get(verb.tag_, "have")
    verb_end = particle.idx + len(particle.text) if particle is not None else \
        verb.idx + len(verb.text)
    if last.i > verb.i:
        start, end = verb.idx, last.idx + len(last.text)
        if verb.text[:1].isupper():
            have = have.capitalize()
    else:
        start, end = last.idx, verb_end
    if particle is not None and not verb.idx < particle.idx < end:
        verb_end = verb.idx + len(verb.text)
    suggestion = doc.text[start:verb.idx] + have + doc.text[verb_end:end]
    return Found(seg.start + start, seg.start + end, suggestion)
