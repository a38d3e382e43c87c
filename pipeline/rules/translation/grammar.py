from __future__ import annotations

from pipeline.grammar.languagetool import LanguageToolUnavailable
from pipeline.rules.base import Match, Rule, select
from pipeline.rules.translation.harper_lints import harper_lints, overlaps

NOTE = "languagetool"


class GrammarError(Rule):
    """A grammar error found by LanguageTool.

    What it does
    The optional second grammar engine (Harper, TR015, runs offline by default).
    Sends each article's text to the configured LanguageTool server and reports its matches in
    the selected categories (grammar and confused words by default; spelling is left to TR003,
    spacing and punctuation to the content rules). A match that overlaps a lint Harper
    reported (TR015, TR016, TR019, when selected) is dropped: one defect,
    one finding. Without a configured server, or when the server cannot be reached in time,
    the run goes on and its notes say that grammar checking was skipped.

    Why is this bad?
    Machine translation leaves agreement errors, wrong verb forms and broken constructions that
    pattern rules do not see; LanguageTool's grammar rules catch many of them.

    Example
    The muscles becomes stiff when he don't stretch.

    Use instead
    The muscles become stiff when he doesn't stretch.

    Severity
    Minor: grammar errors rarely change the medical meaning (MQM Fluency/Grammar).

    References
    LanguageTool HTTP API: https://languagetool.org/http-api/
    language-tool-python: https://github.com/jxmorris12/language_tool_python
    """

    code = "TR012"
    name = "grammar-error"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"
    options = {"categories": ["GRAMMAR", "CONFUSED_WORDS"], "ignore_rules": []}

    def check(self, ctx):
        client = ctx.resources.languagetool
        if client is None:
            ctx.resources.note(NOTE, "Grammar checking (TR012) was skipped: no LanguageTool "
                               "server is configured (languagetool.url or "
                               "CLINIC_AUDIT_LANGUAGETOOL_URL).")
            return
        try:
            issues = client.check(ctx.text)
        except LanguageToolUnavailable as exc:
            ctx.resources.note(NOTE, f"Grammar checking (TR012) was skipped: the LanguageTool "
                               f"server did not answer in time or failed ({exc}).")
            return
        ctx.resources.engine_ran(f"LanguageTool ({client.url})")
        categories = set(ctx.options["categories"])
        ignored = set(ctx.options["ignore_rules"])
        reported = harper_spans(ctx)
        for issue in issues:
            if issue.category not in categories or issue.rule_id in ignored or \
                    overlaps((issue.start, issue.end), reported):
                continue
            yield Match(issue.start, issue.end, issue.message,
                        suggestion=issue.replacements[0] if issue.replacements else None,
                        evidence={"languagetool_rule": issue.rule_id,
                                  "category": issue.category}, confidence=0.6)


def harper_spans(ctx) -> list[tuple[int, int]]:
    """Spans of the Harper lints that the selected Harper rules report in this article."""
    from pipeline.grammar.harper import CODES

    cfg = ctx.resources.settings["rules"]
    codes = select(CODES, cfg.get("select", ["ALL"]), cfg.get("ignore", []))
    if not codes or ctx.resources.harper is None:
        return []
    return [(g.start, g.end) for code in codes for g in harper_lints(ctx, code)]
