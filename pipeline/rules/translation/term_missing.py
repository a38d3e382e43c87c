from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.quantities import normalise
from pipeline.rules.translation.termbase import approved_in
from pipeline.rules.translation.units import units, untranslated


class TermMissing(Rule):
    """A Persian term of the termbase is in the source, but none of its approved English terms is
    in the target.

    What it does
    In bilingual files, looks up each unit's source in the termbase (TBX: the shipped medical
    fa->en termbase, `pipeline/rules/data/medical_fa_en.tbx`, plus any listed under `termbases:`
    in params.yaml). When a Persian term occurs (also in the plural) and the target has none of
    the concept's preferred or admitted English terms (also in the plural), the unit is flagged
    with the preferred term as the suggestion. A target that uses a deprecated term of the
    concept is TR057's finding instead.

    Why is this bad?
    The same condition or treatment named differently from page to page, or paraphrased away,
    confuses patients and search engines alike; a literal rendering ("bone emptiness" for پوکی
    استخوان) is not a term a reader can look up.

    Example
    source: کاردرمانی به بیماران کمک می‌کند.
    target: Work therapy helps patients.

    Use instead
    target: Occupational therapy helps patients.

    Severity
    Minor: a terminology inconsistency; the reader may still understand (MQM
    Terminology/Inconsistent with termbase). The check cannot see a term replaced by a pronoun,
    hence the lower confidence.

    References
    TBX-Basic (TermBase eXchange, ISO 30042): https://www.tbxinfo.net/
    MQM core typology, Terminology: https://themqm.org/error-types-2/typology/
    """

    code = "TR056"
    name = "term-missing"
    category = "translation"
    severity = "minor"
    mqm_type = "Terminology/Inconsistent with termbase"

    def check(self, ctx):
        tb = ctx.resources.termbase
        for u in units(ctx):
            if u.empty or untranslated(u.source, u.target):
                continue
            src = normalise(u.source)
            for entry, pat in tb.source_patterns:
                m = pat.search(src)
                if not m or approved_in(entry, u.target):
                    continue
                if tb.deprecated_pattern and any(
                        tb.by_deprecated.get(d.group(0).casefold().rstrip("s")) is entry
                        or tb.by_deprecated.get(d.group(0).casefold()) is entry
                        for d in tb.deprecated_pattern.finditer(normalise(u.target))):
                    continue  # TR057 reports the deprecated term
                yield Match(u.start, u.end, f"The source term {u.source[m.start():m.end()]} is "
                            f"not translated with the termbase's term "
                            f"'{entry.approved[0]}'.", suggestion=entry.approved[0],
                            confidence=0.7, evidence={"unit": u.unit_id, "concept": entry.id,
                                                      "approved": entry.approved,
                                                      "reference": entry.reference})
