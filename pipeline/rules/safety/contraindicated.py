from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_RECOMMEND = re.compile(r"\b(?:is|are)\s+(?:a\s+|the\s+)?(?:very\s+|perfectly\s+|completely\s+)?(?:good|safe|fine|suitable|"
                        r"ideal|best|recommended|first\s+choice|effective|great|ok|okay)\b|\b(?:can|may|should)\s+"
                        r"(?:safely\s+|also\s+|easily\s+)?(?:take|use|be\s+given|have|give)\b|\b(?:give|offer)\s+"
                        r"(?:your\s+|the\s+|a\s+)?(?:child|children|baby|babies|kid|kids|teen|teenager)|\bsafe\s+(?:for|in|during)\b|"
                        r"\brecommended\s+for\b|\bsuitable\s+for\b|\bsafely\b", re.I)
_WARNING = re.compile(r"\b(?:not|never|no|avoid\w*|don't|shouldn't|unless|except|contraindicated|risk\w*|danger\w*|"
                      r"harm\w*|Reye|warning|only\s+(?:if|when|on|under)|caution|careful)\b", re.I)
_GROUP_TYPES = {"group"}


class ContraindicatedGroup(Rule):
    """A drug recommended to a group it is contraindicated in: "aspirin is a good choice for children".

    What it does
    In a sentence that names a drug and a population group (children, teenagers, pregnant women,
    ...), reports advice that recommends or allows the drug for that group ("is safe for", "can
    take", "give your child", "a good choice for") when the facts list the group among the drug's
    contraindications (`contraindicated_in`, including through the drug's class). Warnings ("never
    give aspirin to children", "avoid ibuprofen in pregnancy", "unless a doctor advises it") pass.

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
    Facts sources/knowledge/facts/medication-safety.yaml (`contraindicated_in`), citing the NHS,
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
            groups = [m for m in ms if kb.concept(m.concept)["type"] in _GROUP_TYPES]
            if not drugs or not groups or not _RECOMMEND.search(seg.text) or _WARNING.search(seg.text):
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
