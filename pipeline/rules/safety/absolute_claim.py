from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_CLAIMS = [
    (re.compile(r"\bif\b[^.;:!?]{3,160}?,\s*you\s+will\s+(?:definitely\s+|certainly\s+|surely\s+|always\s+)?"
                r"(?:suffer|get|develop|have|experience|be\s+affected)\b[^.;:!?]*", re.I),
     "A health outcome is promised as certain"),
    (re.compile(r"\b(?:completely|permanently|definitely|totally|100%)\s+(?:cures?|cured|eliminates?|heals?|removes?|"
                r"reverses?|eradicates?|gets?\s+rid\s+of)\b"
                r"|\b(?:cures?|eliminates?|removes?|reverses?|eradicates?|gets?\s+rid\s+of|dissolves?|regrows?|fix(?:es)?)\s+"
                r"[^.;:!?]{0,40}?\b(?:completely|permanently|forever|for\s+good|for\s+life|once\s+and\s+for\s+all)\b"
                r"|\b(?:permanently|non-?recurrently|forever)\s+(?:and\s+\w+ly\s+)?(?:treated|cured|healed|eradicated)\b"
                r"|\b\w+ly\s+and\s+(?:permanently|non-?recurrently)\s+(?:treated|cured|healed|eradicated)\b"
                # the adverb after the participle: "can be cured completely", "is eliminated forever"
                r"|\b(?:cured|eradicated|eliminated)\s+(?:completely|permanently|totally|forever|for\s+good|"
                r"for\s+life|100%|once\s+and\s+for\s+all)\b", re.I),
     "A treatment is claimed to cure for certain"),
    (re.compile(r"\b(?:treat(?:s|ing)?|cure(?:s|d)?|heal(?:s|ing)?|prevent(?:s|ing)?)\s+(?:any|all|every)\s+"
                r"(?:kinds?\s+of\s+|types?\s+of\s+|forms?\s+of\s+)?(?:[a-z]+\s+)?(?:diseases?|illness(?:es)?|disorders?)\b",
                re.I),
     "A treatment is claimed to cure any disease"),
    (re.compile(r"\b(?:has|have|with|without)\s+(?:absolutely\s+)?(?:no|any)\s+side[\s-]effects?\b"
                r"|\b(?:completely|100%|totally)\s+safe\b"
                r"|\bguaranteed\s+(?:cure|results?|relief|recovery|to\s+(?:cure|work|heal))\b"
                r"|(?<!not\s)(?<!cannot\s)(?<!can't\s)(?<!no\s)\bguarantees?\s+(?:a\s+|an\s+|you\s+)?(?:cure|recovery|relief|"
                r"results?|perfect|an\s+end|the\s+end|success|healing|full|complete|permanent|lasting|lifelong)\b[^.;:!?]{0,40}"
                # "guaranteed" after a copula: "the results are 100% guaranteed", "success is guaranteed"
                r"|\b(?:100%|fully|completely|totally|absolutely)\s+guaranteed\b"
                r"|\b(?:results?|outcomes?|success|recovery|cure|healing)\b(?:\s+of\s+(?:the\s+|our\s+|your\s+)?[\w-]+(?:\s+[\w-]+)?)?"
                r"\s+(?:is|are|will\s+be)\s+(?:always\s+)?guaranteed\b", re.I),
     "A treatment is claimed to be risk-free or guaranteed"),
]


_CURING = re.compile(r"\b(?:cures?|cured|heals?|eliminates?)\b", re.I)
_TREATMENT = re.compile(r"\b(?:our|treatments?|therapy|therapies|laser|cream|gel|injections?|pills?|tablets?|capsules?|"
                        r"supplements?|remedy|device|programme|program|sessions?)\b", re.I)


def _names_condition(kb, sentence: str) -> bool:
    return any(kb.concept(m.concept)["type"] in ("condition", "symptom") for m in kb.find(sentence))


_DENIED = re.compile(r"\b(?:no|not|never|nothing|cannot|can't|nobody|none)\b(?!\s+(?:longer|more)\b)[^.;:!?]*$", re.I)


class AbsoluteHealthClaim(Rule):
    """Claims of certainty or cure: "you will suffer", "completely cures", "has no side effects".

    What it does
    Reports sentences that promise a health outcome as certain ("if you don't drink two litres of
    water a day, you will suffer from cramps"), claim a complete or permanent cure, or claim a
    treatment is free of side effects, 100% safe or guaranteed.

    Why is this bad?
    Medicine deals in likelihoods. Certainty frightens readers needlessly or, worse, reassures them
    into skipping care; "no side effects" hides real risks.

    Example
    If you sit all day, you will suffer from back pain.

    Use instead
    Sitting all day may increase the risk of back pain.

    Severity
    Major: unsupported health claims mislead readers about risk (MQM Audience appropriateness).

    References
    U.S. FTC, Health Products Compliance Guidance (substantiation of health claims): https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
    """

    code = "SA003"
    name = "absolute-health-claim"
    category = "safety"
    severity = "major"
    mqm_type = "Audience appropriateness/Unsupported claim"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for seg in ctx.segments:
            for n, (pattern, what) in enumerate(_CLAIMS):
                for m in pattern.finditer(seg.text):
                    if n == 0 and not _health_outcome(kb, m.group()):
                        continue  # "if you come early, you will get a seat" is no health claim
                    if n > 0 and _DENIED.search(seg.text[max(0, m.start() - 40):m.start()]):
                        continue  # "no treatment guarantees a cure", "nothing cures it permanently"
                    if n == 1 and not _CURING.search(m.group()) and not _names_condition(kb, seg.text) \
                            and not _TREATMENT.search(seg.text):
                        continue  # "completely remove the stain": removing is a cure only of a condition
                    yield Match(seg.start + m.start(), seg.start + m.end(),
                                f"{what}: \"{m.group()}\". State the evidence or soften the claim.",
                                confidence=0.75, evidence={"cue": m.group(), "kb_entry": None, "references": []})


_HEALTH_WORDS = re.compile(r"\b(?:pain|ache|cramps?|spasms?|injur\w*|diseases?|disorders?|"
                           r"illness|sick\w*|symptoms?|damage|deficienc\w*|infection|"
                           r"inflammation|syndrome)\b", re.I)


def _health_outcome(kb, claim: str) -> bool:
    """Whether the promised outcome is about health: a condition of the knowledge base or a
    general health word after "you will ..."."""
    outcome = claim[re.search(r"you\s+will\s+", claim, re.I).end():]
    return bool(_HEALTH_WORDS.search(outcome)) or any(
        kb.concept(m.concept)["type"] == "condition" for m in kb.find(outcome))
