from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# Arabic-script blocks (Persian uses them) and the Persian and Arabic-Indic digits.
ARABIC_SCRIPT = "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF"
_RUN = re.compile(rf"[{ARABIC_SCRIPT}](?:[{ARABIC_SCRIPT}\u200c\s]*[{ARABIC_SCRIPT}])?")
_DIGITS = re.compile(r"[\u06F0-\u06F9\u0660-\u0669]")
_LATIN = re.compile(r"[A-Za-z]")


class SourceScriptLeft(Rule):
    """Persian/Arabic script or digits left in the English text.

    What it does
    Finds runs of Arabic-script letters (Persian included) and Persian or Arabic-Indic digits in
    the English translation, including runs glued to a Latin word with no space.

    Why is this bad?
    A reader of the English page cannot read the untranslated word, and a run glued to the next
    word also breaks search, screen readers and spell checking. It is nearly always a place name,
    a person's name or a number that the machine translation skipped.

    Example
    The clinic in تهرانis open on Saturdays.

    Use instead
    The clinic in Tehran is open on Saturdays.

    Severity
    Major: the passage is untranslated, not merely awkward (MQM Accuracy/Untranslated). In a
    bilingual file, a unit whose whole target is untranslated is reported once by TR050 instead.

    References
    MQM core typology, Accuracy/Untranslated: https://themqm.org/error-types-2/typology/
    Unicode Standard, Arabic block U+0600-U+06FF.
    """

    code = "TR001"
    name = "source-script-left"
    category = "translation"
    severity = "major"
    mqm_type = "Accuracy/Untranslated"

    def check(self, ctx):
        from pipeline.rules.translation.units import is_selected, untranslated

        text = ctx.text
        # A bilingual unit left wholly untranslated is TR050's one finding, not one per run here.
        skip = [(b.start, b.end) for b in ctx.blocks if b.source_text is not None
                and untranslated(b.source_text, b.text)] if is_selected(ctx, "TR050") else []
        for m in _RUN.finditer(text):
            if skip and any(a <= m.start() < z for a, z in skip):
                continue
            run = m.group(0)
            glued = (m.start() > 0 and _LATIN.match(text[m.start() - 1])) or \
                    (m.end() < len(text) and _LATIN.match(text[m.end()]))
            digits_only = all(_DIGITS.match(c) or c.isspace() for c in run)
            kind = "Persian/Arabic digits" if digits_only else "Persian/Arabic script"
            message = f"{kind} left untranslated in the English text"
            if glued:
                message += ", glued to the neighbouring English word"
            suggestion = None
            if digits_only:
                suggestion = "".join(str(int(c)) if _DIGITS.match(c) else c for c in run)
            yield Match(m.start(), m.end(), message + ".", suggestion=suggestion,
                        evidence={"script": "Arabic", "characters": len(run)}, confidence=0.99)
