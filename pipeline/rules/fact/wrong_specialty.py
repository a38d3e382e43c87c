"""FA017: a medical specialist said to treat a body system or condition outside the specialty ("a
cardiologist treats skin diseases"). The specialties, their names, the body systems each covers
and the references are data: pipeline/rules/data/specialties.yaml; where a condition or organ lies
comes from the knowledge base (curated classes, ICD-10 chapters and blocks, anatomy `part_of`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule, RuleError
from pipeline.rules.fact.claims import mentions
from pipeline.rules.references import read_references

PATH = packaged.rule_data("specialties.yaml")
_TARGET_TYPES = ("condition", "category", "anatomy", "symptom")
_GENERIC_IDS = {"disease", "health-professional", "body-part", "organ"}  # read as words, never as targets

# "<specialist> (is a doctor who) treats / specialises in / is a specialist of <target>"
_AUX = r"(?:(?:can|may|will|usually|mainly|mostly|also|often|generally|primarily|typically)\s+)*"
_VERB = (r"(?:treat(?:s|ed|ing)?|diagnos(?:e|es|ed|ing)(?:\s+and\s+treat(?:s|ed)?)?|"
         r"speciali[sz](?:e|es|ed|ing)\s+in|deal(?:s|t)?\s+with|cares?\s+for|takes?\s+care\s+of|look(?:s)?\s+after|"
         r"focus(?:es|ed)?\s+on|manag(?:e|es|ed)|handles?|"
         r"(?:is|are)\s+(?:a|an|the)?\s*(?:specialists?|experts?|doctors?|physicians?)\s+(?:of|in|on|for))")
_WHO = r"(?:(?:is|are)\s+(?:a|an)\s+(?:medical\s+)?(?:doctors?|physicians?|specialists?|surgeons?|dentists?)\s+(?:who|that)\s+)?"
_DET = r"(?:(?:the|a|an|your|their|all|any|many|most|common|various|different|other|serious|chronic)\s+)*"
_GENERIC = r"(?:diseases?|disorders?|problems?|conditions?|illness(?:es)?|infections?|injur(?:y|ies)|issues?)"
_OF = rf"(?:{_GENERIC}\s+(?:of|in|affecting)\s+(?:the\s+|your\s+)?)?"
_PLACE = r"(?:\s+(?:at|in|from)\s+(?:our|the|this|a|your)\s+(?:\w+\s+)?(?:clinic|hospital|cent(?:re|er)|practice|office))?"
_FORWARD = re.compile(r"\s*(?:\([^()]*\))?" + _PLACE + r"\s+" + _WHO + _AUX + _VERB + r"\s+" + _DET + _OF, re.I)
# "For <target>, see a <specialist>"; "<target> is treated by a <specialist>"
_SEE = re.compile(r"\s*,\s*(?:you\s+)?(?:should\s+|can\s+|must\s+|need\s+to\s+)?(?:see|visit|consult|go\s+to|"
                  r"ask|make\s+an\s+appointment\s+with)\s+(?:a|an|your|the)\s+$", re.I)
_FOR = re.compile(r"(?:^|[.;:]\s*)(?:for|if\s+you\s+have|with)\s+" + _DET + _OF + r"$", re.I)
_BY = re.compile(r"\s+(?:is|are)\s+(?:usually\s+|mainly\s+|best\s+)?(?:treated|diagnosed|managed)\s+by\s+"
                 r"(?:a|an|the|your)\s+$", re.I)
_LIST_SEP = re.compile(rf"(?:\s+{_GENERIC})?\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)" + _DET + _OF, re.I)
_NEG = re.compile(r"\b(?:not|no|never|nor|neither|cannot|unlike|instead|rather|except)\b|n['’]t\b", re.I)
_BELIEF = re.compile(r"\b(?:believes?|believed|think|thinks|thought|assumes?|myths?|misconceptions?|mistaken\w*|"
                     r"wrongly|falsely|whether|wonder|claims?)\b", re.I)


@dataclass(frozen=True)
class Specialty:
    id: str
    specialist: str
    names: re.Pattern
    covers: tuple
    also: tuple
    refs: tuple


@lru_cache(maxsize=1)
def load() -> tuple[tuple[Specialty, ...], dict[str, dict]]:
    """The specialties and the body systems of pipeline/rules/data/specialties.yaml, or an error
    naming the file."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        systems = {str(k): {"name": str(v["name"]), "concepts": tuple(map(str, v["concepts"]))}
                   for k, v in data["systems"].items()}
        out = []
        for s in data["specialties"]:
            refs = read_references(s["references"], f"specialty {s['id']!r}")
            covers = tuple(map(str, s["covers"]))
            if not covers or any(c not in systems for c in covers):
                raise KeyError(f"specialty {s['id']!r}: no system, or an unknown one")
            names = re.compile(r"\b(?:" + "|".join(s["names"]) + r")\b", re.I)
            out.append(Specialty(str(s["id"]), str(s["specialist"]), names, covers,
                                 tuple(map(str, s.get("also") or ())), refs))
        return tuple(out), systems
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as exc:
        raise RuleError(f"{PATH}: {exc}") from exc


class WrongSpecialty(Rule):
    """A specialist said to treat what lies outside the specialty: "a cardiologist treats skin diseases".

    What it does
    Finds the specialists of pipeline/rules/data/specialties.yaml (cardiologist, dermatologist,
    ophthalmologist, ENT specialist, dentist, orthodontist, nephrologist, ...) in claims that they
    treat, diagnose, specialise in or are experts in something: "<specialist> (is a doctor who)
    treats <X>", "<specialist> is a specialist of <X>", "for <X>, see a <specialist>", "<X> is
    treated by a <specialist>". X is a condition, a class of diseases or an organ the knowledge base
    knows; its body systems come from its classes, ICD-10 chapters and blocks, and the anatomy it is
    part of. Reports the claim when every system of X lies outside those the specialty covers and X
    is not one of the specialty's listed overlaps. Generalists (family doctors, internists,
    surgeons), denials, questions, reported beliefs, referrals and anything the knowledge cannot
    place give no finding.

    Why is this bad?
    Machine translation swaps specialists; a reader with a skin problem is sent to a heart doctor,
    and the page loses its credibility.

    Example
    A cardiologist is a doctor who treats skin diseases.

    Use instead
    A dermatologist is a doctor who treats skin diseases.

    Severity
    Major: a factual error that sends the reader to the wrong doctor.

    References
    What each specialty covers: pipeline/rules/data/specialties.yaml (the MeSH descriptor of each
    specialty, with Blue Cross Blue Shield of Michigan, Healthline and Delta Dental for some);
    where conditions and organs lie: pipeline/data/knowledge/ (ICD-10, anatomy).
    """

    code = "FA017"
    name = "wrong-specialty"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        specialties, systems = load()
        for seg in ctx.segments:
            text = seg.text
            if text.rstrip().endswith("?"):
                continue
            specs = sorted(((m.start(), m.end(), sp) for sp in specialties for m in sp.names.finditer(text)),
                           key=lambda x: x[0])
            if not specs:
                continue
            ms = [m for m in mentions(kb, text, seg.start)
                  if kb.concept(m.concept)["type"] in _TARGET_TYPES and m.concept not in _GENERIC_IDS
                  and all(m.end - seg.start <= s or m.start - seg.start >= e for s, e, _ in specs)]
            for s, e, sp in specs:
                for start, end, items in self._claims(text, seg.start, s, e, ms):
                    if self._disowned(text, start - seg.start, end - seg.start):
                        continue
                    for k, m in enumerate(items):
                        found = self._verdict(kb, sp, systems, m.concept)
                        if found is None:
                            continue
                        a, b = (start, end) if k == 0 else (m.start, m.end)
                        message = (f'Wrong specialty: the article claims "{ctx.text[start:end]}"; '
                                   f'"{ctx.text[m.start:m.end]}" concerns {found[0]}, but a {sp.specialist} '
                                   f'covers {found[1]} ({"; ".join(r["title"] for r in sp.refs)}).')
                        ev = kb.evidence(m.concept, claim="treated-by", specialty=sp.id,
                                         target_systems=found[2], covers=list(sp.covers))
                        ev["references"] = list(sp.refs) + [r for r in ev.get("references", []) if r not in sp.refs]
                        yield Match(a, b, message, suggestion=None, confidence=0.8, evidence=ev)
                        break  # one finding per claim

    @staticmethod
    def _claims(text, offset, s, e, ms):
        """(start, end, target mentions) of each claim about the specialist at text[s:e]."""
        after = [m for m in ms if m.start - offset >= e]
        if after:
            fw = _FORWARD.match(text, e)
            if fw and fw.end() == after[0].start - offset:
                items = [after[0]]
                for m in after[1:]:
                    if not _LIST_SEP.fullmatch(text[items[-1].end - offset:m.start - offset]):
                        break
                    items.append(m)
                yield s + offset, items[-1].end, items
        before = [m for m in ms if m.end - offset <= s]
        if before:
            last = before[-1]
            gap = text[last.end - offset:s]
            first = last
            for m in reversed(before[:-1]):
                if not _LIST_SEP.fullmatch(text[m.end - offset:first.start - offset]):
                    break
                first = m
            items = [m for m in before if m.start >= first.start]
            lead = text[:first.start - offset]
            if (_SEE.fullmatch(gap) and _FOR.search(lead)) or _BY.fullmatch(gap):
                yield first.start, e + offset, items

    @staticmethod
    def _disowned(text, s, e) -> bool:
        """The claim denied, contrasted, asked or reported as a belief."""
        before = text[:s]
        cut = max(before.rfind(";"), before.lower().rfind(" but "))
        clause = before[cut + 1:] if cut >= 0 else before
        return bool(_NEG.search(text[s:e]) or _NEG.search(clause) or _BELIEF.search(clause)
                    or re.match(r"\s*,?\s*(?:not|rather\s+than|instead\s+of)\b", text[e:], re.I))

    @staticmethod
    def _verdict(kb, sp, systems, target):
        """(systems named, what the specialty covers, system ids) when every body system of
        `target` lies outside the specialty, else None (also when it has no known system)."""
        around = set(kb.ancestors(target)) | set(kb.part_of(target))
        if any(a in around for a in sp.also):
            return None
        mine = [k for k, v in systems.items() if any(c in around for c in v["concepts"])]
        if not mine or any(k in sp.covers for k in mine):
            return None
        return (" / ".join(systems[k]["name"] for k in mine),
                ", ".join(systems[k]["name"] for k in sp.covers), mine)
