from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.fact.claims import mentions

_AFTER = re.compile(r"\s+(?:hyper|hypo|over|under)activity(?:\s+(?:and|or)\s+(?:hyper|hypo|over|under)activity)?", re.I)
_ACTIVE_TISSUE = ("endocrine-gland", "nervous-system", "muscle", "blood-vessel")
_BEFORE = re.compile(r"(?:hyper|hypo|over|under)active\s+$", re.I)


class ImplausibleOrganActivity(Rule):
    """Over- or under-activity ascribed to an organ that is not a gland: "kidney hyperactivity".

    What it does
    Finds "<organ> hyperactivity/hypoactivity" and "overactive/underactive <organ>" for organs of
    the knowledge base (anatomy entries with a `disorders` class) other than endocrine glands,
    nerves, muscles and blood vessels, whose over-activity is a real notion. Over- and under-activity are conditions of
    glands (an overactive thyroid); for other organs the phrase names no recognised condition and
    usually hides a mistranslation (thyroid over- and under-activity rendered as "kidney ...").

    Why is this bad?
    The reader is given a disease that does not exist and may miss the real one.

    Example
    Causes include kidney hyperactivity and hypoactivity.

    Use instead
    Causes include kidney disease and thyroid over- or under-activity.

    Severity
    Major: a non-existent condition stated as a cause, like a category error.

    References
    Knowledge base anatomy.yaml (endocrine glands and their `disorders`), with references.
    """

    code = "FA008"
    name = "implausible-organ-activity"
    category = "fact"
    severity = "major"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        kb = ctx.resources.knowledge
        for seg in ctx.segments:
            for m in mentions(kb, seg.text, seg.start):
                c = kb.concept(m.concept)
                if not c.get("disorders") or any(kb.is_a(m.concept, p) for p in _ACTIVE_TISSUE):
                    continue
                after = _AFTER.match(ctx.text, m.end)
                before = _BEFORE.search(ctx.text[max(seg.start, m.start - 20):m.start])
                if not (after or before):
                    continue
                start = m.start - len(before.group()) if before else m.start
                end = after.end() if after else m.end
                yield Match(start, end,
                            f'"{ctx.text[start:end]}" is not a recognised condition: over- and under-activity '
                            f"apply to glands, and the {c['name']} is not one.",
                            confidence=0.75, evidence=kb.evidence(m.concept, "endocrine-gland"))
