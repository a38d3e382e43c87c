"""What the rules that report Harper's lints share: linting an article once (through
`Resources.harper`) and turning a lint into a Match."""
from __future__ import annotations

import re

from pipeline.limits import step
from pipeline.rules.base import Match

NOTE = "grammar_harper"
# Blocks Harper reads: page furniture ("Study time: 10 minutes") is not prose.
PROSE = ("title", "heading", "list_item", "paragraph")


def harper_lints(ctx, code: str) -> list:
    """Harper's lints in the article that `code` reports (none when Harper is turned off)."""
    engine = ctx.resources.harper
    if engine is None:
        ctx.resources.note(NOTE, "Offline grammar checking with Harper is turned off "
                                 "(grammar.harper: false): TR015 ran its own agreement "
                                 "checks only, and TR016 and TR019 their own detectors.")
        return []
    spans = [(b.start, b.end) for b in ctx.blocks if b.kind in PROSE]
    with step("grammar (Harper)"):  # a failure (a Rust panic too) fails this article, not the run
        lints = engine.lint_blocks(ctx.article.article_id, ctx.text, spans)
    ctx.resources.engine_ran(engine.name)
    return [g for g in lints if g.code == code]


def harper_match(lint, message: str | None = None, confidence: float = 0.6) -> Match:
    return Match(lint.start, lint.end, message or editor_message(lint.message),
                 suggestion=lint.suggestion,
                 evidence={"engine": "harper", "harper_rule": lint.harper_rule,
                           "lint_kind": lint.kind, "harper_message": lint.message},
                 confidence=confidence)


def editor_message(message: str) -> str:
    """Harper's message with its Markdown code marks turned into quotes."""
    return re.sub(r"`([^`]*)`", r'"\1"', message).strip()


def overlaps(a: tuple[int, int], spans) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)
