from __future__ import annotations

from collections import Counter

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.units import code_chars, units, untranslated

PAIRS = (("open", "close"), ("begin", "end"))


def _broken_pairs(target: str, codes: dict) -> list[str]:
    """Characters of closing codes that come before their opening code, or pairs that cross
    (open 1, open 2, close 1, close 2)."""
    where = {c: i for i, c in enumerate(target) if c in codes}
    bad, ranges = [], []
    for c, info in codes.items():
        for first, second in PAIRS:
            if info["role"] != first:
                continue
            close = next((d for d, i2 in codes.items() if i2["role"] == second
                          and i2["id"] == info["id"]), None)
            if close is None or c not in where or close not in where:
                continue
            if where[close] < where[c]:
                bad.append(close)
            else:
                ranges.append((where[c], where[close], close))
    for a in ranges:
        for b in ranges:
            if a[0] < b[0] < a[1] < b[1]:
                bad.append(b[2])
    return sorted(set(bad), key=lambda c: where[c])


class TagMismatch(Rule):
    """Inline codes (tags, placeholders) of the source missing, added or broken in the target.

    What it does
    In XLIFF and TMX files, compares each unit's inline codes (`<g>`, `<pc>`, `<x/>`, `<ph>`,
    `<bpt>`/`<ept>`, `<sc>`/`<ec>`, `<it>`, ...; matched across source and target by id): a code
    of the source that the target lacks, a code in the target that the source lacks, and a
    closing code placed before its opening one or paired codes that cross. A code that merely
    moves is not flagged: Persian and English order words differently, so codes move with them.

    Why is this bad?
    Codes carry the page's markup: a link, bold text, a line break, an image, a variable. A lost
    code drops a link or a warning's emphasis from the published page; an extra or crossed one
    makes the CAT tool refuse to export the file, or breaks the HTML.

    Example
    source: برای نوبت <g id="1">اینجا</g> کلیک کنید.
    target: Click here to book.

    Use instead
    target: Click <g id="1">here</g> to book.

    Severity
    Major: the translated file is broken or loses markup (MQM Design and markup/Markup; ITS
    issue type "markup").

    References
    XLIFF 1.2 inline elements: https://docs.oasis-open.org/xliff/v1.2/os/xliff-core.html
    XLIFF 2.0 inline content: https://docs.oasis-open.org/xliff/xliff-core/v2.0/xliff-core-v2.0.html
    TMX 1.4b inline elements: https://www.gala-global.org/tmx-14b
    """

    code = "TR053"
    name = "tag-mismatch"
    category = "translation"
    severity = "major"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        all_codes = ctx.article.metadata.get("codes") or {}
        for u in units(ctx):
            codes = all_codes.get(u.unit_id) or {}
            src, tgt = code_chars(u.source), code_chars(u.target)
            if not (src or tgt) or u.empty or untranslated(u.source, u.target):
                continue
            missing = list((Counter(src) - Counter(tgt)).elements())
            extra = set((Counter(tgt) - Counter(src)).elements())

            def show(c):
                return codes.get(c, {}).get("markup", "an inline code")

            for i, c in enumerate(u.target):
                if c in extra:
                    extra.discard(c)
                    yield Match(u.start + i, u.start + i + 1, f"Inline code {show(c)} is in the "
                                f"target but not in the source of unit {u.unit_id}.",
                                evidence={"unit": u.unit_id, "code": show(c)}, confidence=0.95)
            if missing:
                listed = ", ".join(show(c) for c in missing)
                yield Match(u.start, u.end, f"Inline code(s) of the source missing in the "
                            f"target of unit {u.unit_id}: {listed}.",
                            evidence={"unit": u.unit_id, "missing": [show(c) for c in missing]},
                            confidence=0.95)
            for c in _broken_pairs(u.target, codes):
                i = u.target.index(c)
                yield Match(u.start + i, u.start + i + 1, f"Inline code {show(c)} closes before "
                            f"it opens, or crosses another pair, in unit {u.unit_id}.",
                            evidence={"unit": u.unit_id, "code": show(c)}, confidence=0.9)
