from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.units import units, untranslated


class UntranslatedUnit(Rule):
    """A translation unit whose target is its Persian source copied, or still in Persian.

    What it does
    In bilingual files (XLIFF, TMX, paired text), compares each unit's target with its source.
    It flags the whole target when it is the source copied unchanged (ignoring inline codes,
    ZWNJ, bidi marks and white space), or when most of its letters are Persian/Arabic script.
    A source with no Persian letters (a drug name, "MRI", a number) may rightly be copied, so it
    is never flagged.

    Why is this bad?
    The English reader gets no translation at all for that passage: a warning, a dose or an
    instruction is simply missing from the English page. CAT tools copy the source into empty
    targets ("copy source"), and the copy is easily forgotten.

    Example
    source: در صورت تورم شدید به پزشک مراجعه کنید.
    target: در صورت تورم شدید به پزشک مراجعه کنید.

    Use instead
    target: If the swelling is severe, see a doctor.

    Severity
    Major: the passage is untranslated (MQM Accuracy/Untranslated). Persian words inside an
    otherwise English target are TR001's finding; a wholly untranslated unit is reported here
    once instead of TR001's run-by-run findings.

    References
    MQM core typology, Accuracy/Untranslated: https://themqm.org/error-types-2/typology/
    Okapi CheckMate, "Target same as source": https://okapiframework.org/wiki/index.php/CheckMate
    """

    code = "TR050"
    name = "untranslated-unit"
    category = "translation"
    severity = "major"
    mqm_type = "Accuracy/Untranslated"

    def check(self, ctx):
        for u in units(ctx):
            why = untranslated(u.source, u.target)
            if why == "copied":
                yield Match(u.start, u.end, f"Unit {u.unit_id} is not translated: the target is "
                            f"the Persian source copied unchanged.",
                            evidence={"unit": u.unit_id, "reason": why}, confidence=0.99)
            elif why == "persian":
                yield Match(u.start, u.end, f"Unit {u.unit_id} is not translated: its target is "
                            f"still mostly in Persian.",
                            evidence={"unit": u.unit_id, "reason": why}, confidence=0.95)
