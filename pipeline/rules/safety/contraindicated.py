from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_RECOMMEND = re.compile(r"\b(?:is|are)\s+(?:a\s+|the\s+)?(?:very\s+|perfectly\s+|completely\s+)?(?:good|safe|fine|suitable|"
                        r"ideal|best|recommended|first\s+choice|effective|great|ok|okay|safest|safer|better|preferred)\b|\b(?:can|may|should)\s+"
                        r"(?:safely\s+|also\s+|easily\s+|still\s+)?(?:take|use|be\s+given|have|give|be\s+(?:used|taken|rubbed|"
                        r"applied|put|sprayed)|(?:keep|continue)(?:\s+(?:taking|using))?)\b|\b(?:give|offer)\s+"
                        r"(?:your\s+|the\s+|a\s+)?(?:child|children|baby|babies|kid|kids|teen|teenager)|\bsafe\s+(?:for|in|during)\b|"
                        r"\brecommended\s+for\b|\bsuitable\s+for\b|\bsafely\b|\bhelps?\s+(?:babies|children|kids|toddlers|infants)\b|"
                        r"^\W*(?:rub|apply|give|put|use|take|try|spray|massage|offer)\b", re.I)
# advice against the drug: words that warn wherever they stand, and a negation of the advising verb
_WARNING = re.compile(r"\b(?:never|avoid\w*|don't|shouldn't|should\s+not|must\s+not|mustn't|cannot|can't|unless|except|"
                      r"contraindicated|risk\w*|danger\w*|harm\w*|Reye|warning|only\s+(?:if|when|on|under)|caution|careful|"
                      r"(?:do|does|did)\s+not\s+(?:give|take|use|rub|apply|put|offer)|not\s+(?:be\s+)?(?:given|used|taken|"
                      r"recommended|safe|suitable|advised|for)|no\s+(?:aspirin|medicine|medication|drug)|not\s+(?:a\s+)?(?:good|safe)|not\s+(?:the\s+|a\s+)?(?:safest|safer|better|best|preferred))\b",
                      re.I)
_GROUP_TYPES = {"group"}
# "without any risk", "risk-free", "no danger": an assurance that the drug is safe, not a warning
_ASSURANCE = re.compile(r"\b(?:without\s+(?:any\s+)?|with\s+no\s+|no\s+|zero\s+)(?:risks?|dangers?|harm)\b|"
                        r"\b(?:risk|danger|harm)[\s-]free\b", re.I)
# a condition names the group that has it: "people with asthma", "patients who have a stomach ulcer"
_WITH_CONDITION = re.compile(r"\b(?:people|persons?|patients|those|anyone|someone|adults|children|women|men|"
                             r"everyone|somebody)\s+(?:with|who\s+(?:have|has|had|suffer\s+from)|suffering\s+from)\s+"
                             r"(?:a\s+|an\s+|the\s+)?(?:history\s+of\s+)?(?:[\w-]+\s+)?$", re.I)


class ContraindicatedGroup(Rule):
    """A drug recommended to a group it is contraindicated in: "aspirin is a good choice for children".

    What it does
    In a sentence that names a drug and a population group (children, teenagers, babies, pregnant
    women, ...) or the people with a condition ("people with asthma", "patients who have a stomach
    ulcer"), reports advice that recommends or allows the drug for them ("is safe for", "can take",
    "can keep taking", "can be rubbed on", "give your child", "a good choice for", "the safest",
    "safer", "the preferred", "a better choice", an instruction
    such as "Rub ... on the baby's gums") when the facts list the group or condition among the
    drug's contraindications (`contraindicated_in`, including through the drug's class: NSAIDs with
    a stomach ulcer). Warnings ("never give aspirin to children", "avoid ibuprofen in pregnancy",
    "should not be used", "unless a doctor advises it") pass; a "not" elsewhere in the sentence
    ("if creams do not help") does not make it a warning.

    Why is this bad?
    Aspirin in children can cause Reye's syndrome; codeine in children can stop their breathing;
    NSAIDs late in pregnancy harm the baby's kidneys and heart.

    Example
    Aspirin is a good choice for children with a fever.

    Use instead
    Never give aspirin to children under 16; paracetamol or ibuprofen can be used instead.

    Severity
    Critical: following the advice can seriously harm a child or an unborn baby.

    References
    Facts pipeline/data/knowledge/facts/medication-safety.yaml (`contraindicated_in`), citing the NHS,
    the FDA drug safety communications and MedlinePlus drug pages.
    """

    code = "SA005"
    name = "contraindicated-group"
    category = "safety"
    severity = "critical"
    mqm_type = "Audience appropriateness/Unsafe advice"

    def check(self, ctx):
        kb, judge = ctx.resources.knowledge, ctx.resources.judge
        for seg in ctx.segments:
            ms = kb.find(seg.text)
            drugs = [m for m in ms if kb.concept(m.concept)["type"] in ("drug", "drug-class")]
            groups = [m for m in ms if kb.concept(m.concept)["type"] in _GROUP_TYPES
                      or (kb.concept(m.concept)["type"] == "condition"
                          and _WITH_CONDITION.search(seg.text[max(0, m.start - 60):m.start]))]
            plain = _ASSURANCE.sub(" safely ", seg.text)
            if not drugs or not groups or not _RECOMMEND.search(plain) or _WARNING.search(plain):
                continue
            for d in drugs:
                v = next(((g, v) for g in groups if (v := judge.contraindicated(d.concept, g.concept))), None)
                if v is None:
                    continue
                g, verdict = v
                start, end = seg.start + min(d.start, g.start), seg.start + max(d.end, g.end)
                yield Match(start, end,
                            f"{kb.concept(d.concept)['name'].capitalize()} is recommended for "
                            f"{kb.concept(g.concept)['name']}, but {verdict.reason}.",
                            suggestion="State that the drug must not be used in this group, and name a safe alternative.",
                            confidence=0.85, evidence=verdict.evidence(kb, claim="recommended for"))
                break
