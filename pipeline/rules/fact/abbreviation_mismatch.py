from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.common import article_claims, is_gloss, kind_word
from pipeline.rules.fact.expansions import could_abbreviate, wrong_expansions

# kinds of concept whose abbreviations each name one thing: an abbreviation of one of them glossing
# another of the same family ("electroencephalography (ECG)") names a different test, drug or modality
_FAMILIES = ({"test", "imaging"}, {"drug", "drug-class"}, {"modality", "therapy"})
_ALTERNATIVES = re.compile(r"^X,? or Y$")
_OPPOSITE = {"high": re.compile(r"\b(?:high|higher|strong)\b", re.I), "low": re.compile(r"\b(?:low|lower|weak|cold|soft)\b", re.I)}


class AbbreviationExpansionMismatch(Rule):
    """A term glossed with the expansion or abbreviation of a different concept: "X (Y or ABC for short)".

    What it does
    Reads parenthetical glosses ("X (ABC)", "Expansion (ABC)", "X (Y or ABC for short)", "Y or ABC")
    in which an abbreviation takes part, looks every term up in the knowledge base, and reports the
    gloss when the term and its gloss are concepts the knowledge base keeps apart (`distinct_from`,
    directly or through their parents), when an abbreviation of one curated test, imaging study,
    drug, drug class or modality glosses another of the same family that is not a kind of it
    ("electroencephalography (ECG)", "erythrocyte sedimentation rate (CRP)", "atorvastatin (PPI)"),
    or when the term carries the opposite qualifier of the glossed concept ("high-power laser"
    glossed as low-level laser therapy). Conditions are judged the same way: "rheumatoid arthritis
    (OA)"; and any term whose own abbreviation the knowledge base knows, glossed with another
    concept's ("intraocular pressure (ICP)": IOP; "follicle-stimulating hormone (LH)": FSH).
    "X or ABC" outside parentheses
    counts as a gloss only with "for short": "an MRI or CT scan is needed" offers two tests.
    It also reads an abbreviation the knowledge base knows glossed with an expansion in words
    ("ACL (anterior collateral ligament)", "benign paroxysmal positional vomiting (BPPV)") and
    reports the gloss when it is a near miss of the known expansion: its letters can spell the
    abbreviation and it shares words with the expansion, but a word differs. Case, hyphens and
    spaces ("shock wave", "shockwave"), British and American spelling, plurals and word endings
    ("ovarian", "ovary") are not differences, and a name or synonym of the concept passes. A
    description that is not an expansion ("ACL (a knee ligament)"), and an expansion sharing no
    word with the known one (another meaning of the same letters), are never reported.

    Why is this bad?
    The gloss tells the reader which treatment or test is meant. Glossing high-intensity laser therapy
    as LLLT names the opposite modality, and electroencephalography as ECG a heart test for a brain
    test; a reader or a clinician searching for it finds the wrong one.

    Example
    High-power laser (Low-Level Laser Therapy or LLLT for short) is used for muscle spasm.

    Use instead
    High-intensity laser therapy (HILT) is used for muscle spasm.

    Severity
    Critical: the gloss names a different, often opposite, modality, test or drug, or spells the
    abbreviation out as something else.

    References
    Knowledge base (pipeline/data/knowledge/*.yaml), each finding cites the entries and their references.
    """

    code = "FA001"
    name = "abbreviation-expansion-mismatch"
    category = "fact"
    severity = "critical"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        reported: list[tuple[int, int]] = []
        for m in self._concept_glosses(ctx, kb):
            reported.append((m.start, m.end))
            yield m
        for seg in ctx.article.segments:
            for w in wrong_expansions(kb, seg.text, seg.start):
                if any(w.start < e and w.end > s for s, e in reported):
                    continue
                yield Match(w.start, w.end,
                            f'Wrong expansion: "{w.abbr}" stands for {w.expansion}, not "{w.gloss}".',
                            suggestion=f"{w.abbr} ({w.expansion})" if w.abbr_first else f"{w.expansion} ({w.abbr})",
                            evidence=kb.evidence(w.concept, pattern=w.pattern, expected=[w.expansion]),
                            confidence=0.85)

    def _concept_glosses(self, ctx, kb):
        for c in article_claims(kb, ctx.article):
            if c.kind != "same":
                continue
            if not is_gloss(kb, ctx.text, c):
                continue
            if _ALTERNATIVES.match(c.pattern) and not c.in_parentheses and \
                    "for short" not in ctx.text[c.start:c.end + 12] and not _appositive(ctx.text, c):
                continue  # "an MRI or CT scan is needed": two tests offered, not one glossed

            if _expansion_paraphrased(kb, ctx.text, c):
                continue  # "sperm injection into the cytoplasm of the egg cell (ICSI)"
            pair = ctx.resources.judge.disjoint(c.x.concept, c.y.concept)
            pair = pair[:2] if pair else None
            why = None
            spelled = _cannot_abbreviate(ctx.resources.judge, c)
            if spelled:
                why = spelled
            elif pair or _other_of_same_kind(kb, c) or _other_concepts_abbreviation(ctx.resources.judge, c):
                other = kb.concept(c.y.concept)
                why = f'"{c.x.surface}" is {kb.concept(c.x.concept)["name"]}, but "{c.y.surface}" is ' \
                      f'{other["name"]}, a different {kind_word(other["type"])}'
            else:
                for axis, value in kb.concept(c.y.concept).get("qualifiers", {}).items():
                    other = "low" if value == "high" else "high"
                    lead = ctx.text[max(0, c.x.start - 20):c.x.end]
                    if c.x.concept != c.y.concept and _OPPOSITE[other].search(lead):
                        why = f'"{c.x.surface}" says {other} {axis}, but "{c.y.surface}" is {value}-{axis}'
            if why:
                yield Match(c.start, c.end, f"Term and gloss do not match: {why}.",
                            suggestion=_suggest(kb, c.x.concept),
                            evidence=kb.evidence(c.x.concept, c.y.concept, pattern=c.pattern,
                                                 distinct=list(pair) if pair else None),
                            confidence=0.9)


def _other_concepts_abbreviation(judge, c) -> str | None:
    """An abbreviation of one curated condition glossing another condition, neither a kind of the
    other: "rheumatoid arthritis (OA)"."""
    kb = judge.kb
    x, y = (c.x, c.y) if c.y.via == "abbreviation" else (c.y, c.x)
    if y.via != "abbreviation" or x.via == "abbreviation" or x.concept == y.concept:
        return None
    if kb.concept(x.concept).get("source", "curated") != "curated":
        x = _curated_head(kb, x) or x  # "raised intraocular pressure" (HPO): intraocular pressure
    if x.concept == y.concept:
        return None
    cx, cy = kb.concept(x.concept), kb.concept(y.concept)
    if cx.get("source", "curated") != "curated" or cy.get("source", "curated") != "curated":
        return None
    if judge.is_a(x.concept, y.concept) or judge.is_a(y.concept, x.concept):
        return None
    own_abbrs = cx.get("abbreviations", {})
    # a term whose own abbreviation the knowledge base knows, glossed with another concept's:
    # "intraocular pressure (ICP)" (IOP), "follicle-stimulating hormone (LH)" (FSH)
    if not (own_abbrs and y.surface not in own_abbrs) and not (cx["type"] == cy["type"] == "condition"):
        return None
    own = next(iter(own_abbrs), None)
    return (f'"{y.surface}" is the abbreviation of {cy["name"]}, not of {cx["name"]}'
            + (f" ({own})" if own else ""))


def _expansion_paraphrased(kb, text: str, c) -> bool:
    """The words before a bracketed abbreviation spell out its expansion in other words, so the
    last noun before the bracket is not its gloss: "sperm injection into the cytoplasm of the egg
    cell (ICSI)" (intracytoplasmic sperm injection). Two thirds of the expansion's content words
    must occur (one inside the other, or with the same first five letters) in the 100 characters
    before the glossed term."""
    x, y = (c.x, c.y) if c.y.via == "abbreviation" else (c.y, c.x)
    if y.via != "abbreviation" or not c.in_parentheses:
        return False
    expansion = kb.concept(y.concept).get("abbreviations", {}).get(y.surface)
    if not expansion:
        return False
    wanted = [w for w in re.findall(r"[a-z]{4,}", expansion.lower())]
    # only the words before the glossed term count: a term that itself spells the expansion of
    # another concept ("Transcutaneous electrical nerve stimulation (EMS)") is a real mismatch
    before = re.findall(r"[a-z]{4,}", text[max(0, x.start - 100):x.start].lower())
    if len(wanted) < 2:
        return False
    found = sum(any(w in b or b in w or w[:5] == b[:5] for b in before) for w in wanted)
    return found * 3 >= len(wanted) * 2


def _appositive(text: str, c) -> bool:
    """"IUI, or in vitro fertilization, is ...": "or" between commas renames the term."""
    return "," in c.pattern and text[c.end:c.end + 1] == ","


def _cannot_abbreviate(judge, c) -> str | None:
    """An abbreviation the knowledge base knows, glossed by (or glossing) a term that names
    another concept and whose letters cannot spell it: "PCOS (premature ovarian failure)"."""
    kb = judge.kb
    x, y = (c.x, c.y) if c.y.via == "abbreviation" else (c.y, c.x)
    if y.via != "abbreviation" or x.via == "abbreviation" or x.concept == y.concept:
        return None
    if judge.is_a(x.concept, y.concept) or judge.is_a(y.concept, x.concept):
        return None
    cy = kb.concept(y.concept)
    expansion = cy.get("abbreviations", {}).get(y.surface)
    if not expansion or not could_abbreviate(y.surface, expansion) or \
            could_abbreviate(y.surface, x.surface):
        return None
    return (f'"{y.surface}" stands for {expansion}; "{x.surface}" ({kb.concept(x.concept)["name"]}) '
            f'cannot be its expansion')


def _curated_head(kb, m):
    """The curated concept that the words ending mention `m` name ("raised intraocular pressure" ->
    intraocular pressure): an abbreviation glosses the head of the phrase before it."""
    words = m.surface.split()
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        hits = kb.find(tail)
        if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(tail) \
                and kb.concept(hits[0].concept).get("source", "curated") == "curated":
            h = hits[0]
            return type(m)(m.end - len(tail), m.end, h.concept, tail, h.via)
    return None


def _other_of_same_kind(kb, c) -> bool:
    """An abbreviation glossing (or glossed by) another curated test, drug or modality: neither is a
    kind of the other, so the abbreviation names something else."""
    if "abbreviation" not in (c.x.via, c.y.via) or c.x.concept == c.y.concept:
        return False
    x, y = kb.concept(c.x.concept), kb.concept(c.y.concept)
    if x.get("source", "curated") != "curated" or y.get("source", "curated") != "curated":
        return False  # terminologies overlap one another: two entries may name one thing
    if not any({x["type"], y["type"]} <= family for family in _FAMILIES):
        return False
    return not (kb.is_a(c.x.concept, c.y.concept) or kb.is_a(c.y.concept, c.x.concept))


def _suggest(kb, cid):
    c = kb.concept(cid)
    abbr = next(iter(c.get("abbreviations", {})), None)
    return f"{c['name']} ({abbr})" if abbr else c["name"]
