from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_PATTERNS = [
    ("HTML tag", re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>\n]*?)?/?>")),
    ("HTML attribute", re.compile(
        r"\b(?:href|src|class|style|id|alt|title|rel|target|on[a-z]+|data-[a-z-]+)\s*=\s*"
        r"(?:\"[^\"\n]{0,300}\"?|'[^'\n]{0,300}'?)\s*/?>?", re.IGNORECASE)),
    ("HTML entity", re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")),
    # The scan for the escapes stops at the next "http://" (or, from "www.", the next "www."):
    # a later start would rescan the same text, which made "http://http://..." quadratic.
    ("percent-encoded URL", re.compile(
        r"(?:https?://(?:(?!https?://)\S)*?|www\.(?:(?!https?://|www\.)\S)*?)"
        r"(?:%\s?[0-9A-Fa-f]{2}){2,}\S*", re.IGNORECASE)),
    ("percent-encoded text", re.compile(r"(?:%[0-9A-Fa-f]{2}){3,}")),
    # Markdown and CMS marks that a copy-paste left as text
    ("Markdown heading mark", re.compile(r"(?:(?<=\s)|^)#{2,6}(?=[ \t]+\S)|^#(?=[ \t]+[^\W\d_])",
                                         re.MULTILINE)),
    ("Markdown emphasis", re.compile(r"(?<![\w*])\*\*(?=\S)[^*\n]{1,120}?(?<=\S)\*\*(?![\w*])"
                                     r"|(?<![\w_])__(?=\S)[^_\n]{1,120}?(?<=\S)__(?![\w_])"
                                     r"|(?<![\w*])\*(?=[^\s*\d])[^*\n]{1,60}?(?<=[^\s*])\*(?![\w*])")),
    ("Markdown link", re.compile(r"!?\[[^\[\]\n]{1,200}\]\((?:https?://|www\.|/|\.{0,2}/|#)[^()\s]{0,300}\)")),
    ("shortcode", re.compile(r"\[/?(?:caption|gallery|embed|video|audio|playlist|vc_[a-z_]+|et_pb_[a-z_]+|"
                             r"su_[a-z_]+|contact-form-7|wpforms|elementor-template)\b[^\]\n]{0,300}\]")),
    # Joomla-style plugin tags, rendered by the CMS and left as text by a scraper
    # ("{mp3remote}...{/mp3remote}", "{loadposition top}")
    ("plugin tag", re.compile(r"\{(?P<plugin>[a-z][a-z0-9_-]{2,30})(?:\s[^{}\n]{0,200})?\}"
                              r"(?:[^{}\n]{0,300}?\{/(?P=plugin)\})?|\{/[a-z][a-z0-9_-]{2,30}\}")),
    ("setext underline", re.compile(r"(?<![=\w])={3,}(?![=\w])")),
]


# In a Markdown article these are the file's own syntax, which a Markdown renderer turns into
# formatting (CommonMark allows raw HTML and entities inline), so they are not left-over markup.
_MARKDOWN_SYNTAX = {"Markdown emphasis", "Markdown link", "setext underline", "HTML tag",
                    "HTML entity"}


def _visible_in_markdown(spans, blocks):
    """The spans of a Markdown article that a reader would see as text: not Markdown's own
    syntax, and inside a block's text (a heading's `#` marks lie outside its block); an attribute
    or an encoded URL inside a tag or a link target is not shown either."""
    hidden = [(s, e) for s, e, label in spans if label in _MARKDOWN_SYNTAX]
    inside = [(b.start, b.end) for b in blocks]
    return [(s, e, label) for s, e, label in spans
            if label not in _MARKDOWN_SYNTAX
            and any(bs <= s and e <= be for bs, be in inside)
            and not any(hs <= s and e <= he for hs, he in hidden)]


class MarkupLeftInText(Rule):
    """HTML or Markdown markup, entities or percent-encoded URLs left in the article text.

    What it does
    Finds pieces of markup that a scraper or a CMS copy-paste left in the visible text: tags
    (`<br>`, `</p>`), attributes (`href="..."`), character entities (`&nbsp;`), URLs whose
    non-ASCII path is percent-encoded (`/%d9%81...`), Markdown marks (heading marks `##` in
    running text, `**bold**`, `__bold__`, `*italic*`, `[text](url)` links and `![alt](src)`
    images), CMS shortcodes (`[caption ...]`, `[/caption]`, `[gallery ...]`), plugin tags
    (`{mp3remote}`, `{loadposition top}`) and setext underlines
    (`=====`). A single `#` counts only at the start of a line ("#healthyknees" and "Step # 2"
    pass). Overlapping pieces are reported once. In a Markdown article (`.md`) the Markdown and
    inline HTML that a renderer formats are the file's syntax, not debris: only what a reader
    would still see as text counts there (a `##` in running text, a shortcode, an attribute or an
    encoded URL outside a tag or link target).

    Why is this bad?
    The reader sees code instead of prose, and an encoded Persian URL in an English page is both
    unreadable and usually broken (a stray space inside an escape breaks the link). Markdown marks
    show that the text was pasted from an editor or a translation tool as source, not rendered.

    Example
    Read more href="https://example.com/%d9%81%db%8c">
    Rest helps the tendon heal. ## Treatment options The doctor may suggest **shock waves**.

    Use instead
    Read more (as a real link, or removed)
    Rest helps the tendon heal. (Treatment options as a heading.) The doctor may suggest shock
    waves.

    Severity
    Major: visible breakage of the page that every reader notices (MQM Design/Markup).

    References
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    WHATWG HTML, character references: https://html.spec.whatwg.org/multipage/syntax.html#character-references
    CommonMark Spec, ATX and setext headings, emphasis, links: https://spec.commonmark.org/0.31.2/
    WordPress shortcodes: https://codex.wordpress.org/Shortcode_API
    """

    code = "CO001"
    name = "markup-left-in-text"
    category = "content"
    severity = "major"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        spans: list[tuple[int, int, str]] = []
        for label, rx in _PATTERNS:
            for m in rx.finditer(ctx.text):
                spans.append((m.start(), m.end(), label))
        if ctx.article.format == "md":
            spans = _visible_in_markdown(spans, ctx.blocks)
        spans.sort()
        merged: list[list] = []
        for s, e, label in spans:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
                if label not in merged[-1][2]:
                    merged[-1][2].append(label)
            else:
                merged.append([s, e, [label]])
        for s, e, labels in merged:
            yield Match(s, e, f"Markup left in the text ({', '.join(labels)}).", suggestion="",
                        evidence={"kinds": labels}, confidence=0.95)
