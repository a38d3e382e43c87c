"""SA009: a treatment called safe, or said to cause no harm at all, with nothing that qualifies the
claim: "Botox injection is a safe method", "the sleeve operation does not cause any disorder", "no
adverse effects could be expected from this therapy". The words are data:
pipeline/rules/data/safety_overclaims.yaml (`unqualified_safety`)."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule, RuleError
from pipeline.rules.references import read_references
from pipeline.rules.safety.absolute_claim import _CLAIMS as _ABSOLUTE

PATH = packaged.rule_data("safety_overclaims.yaml")
_INTENSIFIERS = r"(?:(?:very|quite|perfectly|entirely|extremely|absolutely|really|fully)\s+)?"
_NEGATED = re.compile(r"\b(?:not|never|no)\b|n't\b", re.I)
# a modal or a source just before the claim's verb: "can be a safe option", "is shown to be safe"
_HEDGED_VERB = re.compile(r"\b(?:can|could|may|might|should|would|shown|proven|found|thought|believed|seems?|"
                          r"appears?)\s+(?:to\s+)?(?:be\s+)?$", re.I)
_BE = r"(?:is|are|was|were|be|remains?)"
# a contrast after the claim qualifies it: "laser therapy is safe, but pregnant women should avoid it"
_CONTRAST = re.compile(r"\b(?:but|except|however|although|though|yet)\b", re.I)
# where a clause starts, for the subject of "is safe": a comma, a semicolon, a conjunction
_CLAUSE_START = re.compile(r"[,;:]|\b(?:and|or|but|so|because|while|whereas)\b", re.I)


@lru_cache(maxsize=1)
def load() -> dict:
    """The compiled cues of `unqualified_safety`, or an error naming the file."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))["unqualified_safety"]
        words = lambda key: "|".join(sorted((re.escape(str(w).lower()).replace(r"\ ", r"\s+")  # noqa: E731
                                             for w in data[key]), key=len, reverse=True))
        harm = words("harm_nouns")
        return {
            "treatment": re.compile(rf"\b(?:{words('treatment_nouns')})\b|\w(?:{words('treatment_endings')})\b", re.I),
            # "X is a safe method", "X are a safe and painless treatment"
            "called_safe": re.compile(rf"\b{_BE}\s+(?:an?\s+|the\s+)?{_INTENSIFIERS}safe"
                                      rf"(?:\s*(?:,|and)\s+(?:\w+ly\s+)?\w+)?\s+(?:{words('method_nouns')})s?\b", re.I),
            # "X is safe", "X is very safe and effective"
            "is_safe": re.compile(rf"\b{_BE}\s+{_INTENSIFIERS}safe\b(?!\s+(?:to|for\s+\w+ing)\b)"
                                  rf"(?:\s+and\s+(?:\w+ly\s+)?\w+)?", re.I),
            # "does not cause any disorder", "never causes any damage", "has no risks"
            "no_harm": re.compile(rf"\b(?:(?:does|do|did|will|would|can|could)\s*(?:not|n't)\s+|never\s+)"
                                  rf"(?:cause|create|have|leave|produce|bring|lead\s+to|result\s+in)s?\s+"
                                  rf"any\s+(?:\w+\s+)?(?:{harm})\b"
                                  rf"|\b(?:has|have|carries|carry)\s+no\s+(?:\w+\s+)?(?:{harm})\b"
                                  # "does not damage the surrounding healthy tissue"
                                  rf"|\b(?:(?:does|do|will|would|can)\s*(?:not|n't)|never)\s+(?:damages?|harms?|injures?|hurts?)"
                                  rf"\s+(?:the\s+|your\s+|any\s+)?(?:\w+\s+){{0,2}}?(?:tissues?|skin|teeth|tooth|gums?|nerves?|"
                                  rf"organs?|cells?|body|eyes?|hair|follicles?|muscles?|bones?)\b", re.I),
            # "No adverse effects ... could be expected", "There is no risk of infection"
            "no_harm_subject": re.compile(rf"(?:^|\bthere\s+(?:is|are|will\s+be)\s+)no\s+(?:\w+\s+){{0,2}}?(?:{harm})\b",
                                          re.I),
            "qualifier": re.compile(rf"\b(?:{words('qualifiers')})\b", re.I),
            # "safe during pregnancy", "safe for people with diabetes": a claim about a group
            "population": re.compile(rf"\b(?:for|during|in|while|to)\s+(?:(?:\w+\s+){{0,2}}?(?:{words('populations')})\b"
                                     rf"|(?:\w+\s+)?(?:people|patients|those|anyone|persons|adults|women|men)\s+with\b)",
                                     re.I),
            "references": read_references(data["references"], "unqualified_safety"),
        }
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        raise RuleError(f"{PATH}: {e}") from e


class UnqualifiedSafetyClaim(Rule):
    """A treatment called safe, or said to cause no harm at all, with nothing that qualifies the
    claim: "Botox injection is a safe method", "the operation does not cause any disorder".

    What it does
    Reports, in a sentence that names a treatment (a procedure noun such as surgery, injection,
    laser or implant, a word in -plasty or -ectomy, or a therapy of the knowledge base):
    - the treatment called safe: "is a safe method", "is safe and effective", "are a safe and
      painless treatment", "is very safe";
    - harm denied outright: "does not cause any disorder", "never causes any damage", "has no
      risks", "does not damage the surrounding healthy tissue", "no adverse effects could be
      expected", "there is no risk of infection".
    The claim passes when anything in the sentence qualifies it: a hedge ("generally",
    "relatively", "considered", "most", "usually"), a condition ("when it is done by a trained
    doctor", "if"), a modal or a source before it ("can be a safe option", "has been shown to be
    safe in trials"), or the risks named beside it ("relatively safe, but it carries risks").
    Questions, negations ("is not safe"), advice ("it is safe to shower") and safety for a group
    ("safe during pregnancy", a different claim the fact rules judge) pass too. "100% safe" and
    "no side effects" are SA003's; "without any damage" and "will never fall out" SA008's.

    Why is this bad?
    No procedure is free of risk. Advertising codes treat "safe and effective" as a claim that
    trivialises a procedure, and a reader told that an operation cannot harm consents without
    weighing its real risks.

    Example
    Botox injection is a safe method, and the sleeve operation does not cause any disorder.

    Use instead
    Botox injection is generally safe when a trained doctor gives it; like any operation, the
    sleeve can cause problems such as vitamin deficiencies, which follow-up checks catch early.

    Severity
    Minor: misleading about risk, but no harmful instruction (MQM Audience appropriateness).

    References
    ASA, Cosmetic interventions, non-surgical procedures: https://www.asa.org.uk/advice-online/cosmetic-interventions-non-surgical-procedures.html
    ASA, Cosmetic interventions and the CAP Code: https://www.asa.org.uk/news/cosmetic-interventions-and-the-cap-code.html
    """

    code = "SA009"
    name = "unqualified-safety-claim"
    category = "safety"
    severity = "minor"
    mqm_type = "Audience appropriateness/Unsupported claim"

    def check(self, ctx):
        cues = load()
        kb = ctx.resources.knowledge
        for seg in ctx.segments:
            text = seg.text
            if seg.block_kind in ("title", "heading") or text.rstrip().endswith("?"):
                continue
            for start, end, what in _claims(text, cues, kb):
                claim = text[start:end]
                yield Match(seg.start + start, seg.start + end,
                            f"{what}: \"{claim}\". No treatment is free of risk; qualify the claim "
                            f"(\"generally safe when ...\") and name the common risks.",
                            confidence=0.7, suggestion="Say how safe it generally is, for whom, and what its risks are.",
                            evidence={"cue": claim, "kb_entry": None, "references": list(cues["references"])})


def _claims(text: str, cues: dict, kb):
    """(start, end, what) of each unqualified claim in a sentence that names a treatment."""
    if any(p.search(text) for p, _ in _ABSOLUTE[3:]):
        return  # "100% safe", "has no side effects": SA003's
    for key, what in (("called_safe", "A treatment is called safe without qualification"),
                      ("is_safe", "A treatment is called safe without qualification"),
                      ("no_harm", "A treatment is said to cause no harm at all"),
                      ("no_harm_subject", "A treatment is said to cause no harm at all")):
        for m in cues[key].finditer(text):
            before, after = text[:m.start()], text[m.end():]
            rest = before + " " + after
            if cues["qualifier"].search(rest) or _HEDGED_VERB.search(before) or _CONTRAST.search(after):
                continue
            if key in ("called_safe", "is_safe"):
                # the subject names the treatment, or the claim does ("it is a safe procedure"):
                # the clause's own words, not a treatment named before a comma ("Either of the
                # treatments is suitable, and both are safe")
                subject = _CLAUSE_START.split(before)[-1] + (m.group() if key == "called_safe" else "")
                if _NEGATED.search(m.group()) or cues["population"].match(after.lstrip()) \
                        or not _names_treatment(subject, cues, kb):
                    continue
            elif not _names_treatment(rest, cues, kb):
                continue
            yield m.start(), m.end(), what
            return  # one claim per sentence


def _names_treatment(text: str, cues: dict, kb) -> bool:
    return bool(cues["treatment"].search(text)) or any(
        kb.concept(m.concept)["type"] in ("therapy", "modality", "substance") for m in kb.find(text))
