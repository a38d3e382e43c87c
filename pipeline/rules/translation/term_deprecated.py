from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.quantities import normalise
from pipeline.rules.translation.units import units


class TermDeprecated(Rule):
    """A deprecated English term of the termbase in the target.

    What it does
    Finds, in the targets of bilingual files, the English terms that the termbase marks
    deprecated or superseded (TBX `administrativeStatus`), such as literal renderings of Persian
    medical terms ("bone emptiness" for پوکی استخوان, "work therapy" for کاردرمانی), and suggests
    the concept's preferred term. Termbase: `pipeline/rules/data/medical_fa_en.tbx` plus the
    files under `termbases:` in params.yaml.

    Why is this bad?
    A deprecated term is one the terminologist has ruled out: a calque no English-speaking
    clinician uses, so the reader cannot recognise the condition or look it up.

    Example
    Bone emptiness is more common after menopause.

    Use instead
    Osteoporosis is more common after menopause.

    Severity
    Major: a wrong term in medical text (MQM Terminology/Inconsistent with termbase).

    References
    TBX-Basic (ISO 30042), administrativeStatus: https://www.tbxinfo.net/
    MQM core typology, Terminology: https://themqm.org/error-types-2/typology/
    """

    code = "TR057"
    name = "term-deprecated"
    category = "translation"
    severity = "major"
    mqm_type = "Terminology/Inconsistent with termbase"

    def check(self, ctx):
        tb = ctx.resources.termbase
        if tb.deprecated_pattern is None:
            return
        for u in units(ctx):
            for m in tb.deprecated_pattern.finditer(normalise(u.target)):
                found = m.group(0).casefold()
                entry = tb.by_deprecated.get(found) or tb.by_deprecated.get(found[:-1]) or \
                    tb.by_deprecated.get(found[:-2])
                if entry is None:
                    continue
                preferred = entry.approved[0] if entry.approved else None
                yield Match(u.start + m.start(), u.start + m.end(), f"'{m.group(0)}' is a "
                            f"deprecated term" + (f"; the termbase's term is '{preferred}'."
                                                  if preferred else "."),
                            suggestion=preferred, confidence=0.9,
                            evidence={"unit": u.unit_id, "concept": entry.id,
                                      "reference": entry.reference})
