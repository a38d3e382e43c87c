from __future__ import annotations

from pipeline.rules.base import Match, Rule

_BLOCKS = ("title", "heading", "paragraph")
_ENDS = (".", "!", "?", "\u061f")  # the block before ended its sentence (after ":" a list may go on)
_NOT_WORDS = ("www", "http", "https", "e.g", "i.e", "etc")
# words a line cannot end with unless its sentence goes on to the next line
_OPEN_ENDINGS = frozenset({"and", "or", "but", "the", "a", "an", "of", "to", "in", "on", "with",
                           "for", "by", "from", "that", "which", "who", "is", "are", "was", "were",
                           "be", "as", "at", "its", "their", "this", "these"})


class LowerCaseStart(Rule):
    """A title, heading or paragraph that starts in lower case: "hair transplant", "the clinic is
    open every day ...".

    What it does
    Finds a title, heading or paragraph whose first word starts with a lower-case letter, when
    the block before it (if any) ended its sentence or is a heading above the paragraph. A word spelled with a capital inside
    ("iPhone", "mRNA", "pH"), a web address, and a paragraph that carries on a sentence the block
    before left open (a line broken inside a sentence) pass. A list item is read only against the
    items of its own list: one that starts in lower case in a list whose items mostly start with a
    capital ("1. Obtaining a referral", "2. obtaining the booklet"); a list all in lower case,
    continuing the sentence that introduces it, passes.

    Why is this bad?
    Persian has no capital letters, and titles and paragraphs pasted from a Persian CMS or an
    SEO keyword field keep their lower-case start; the page looks unedited, and a reader may take
    the line for the end of the text before it.

    Example
    hair transplant

    the clinic is open every day for patients who need help.

    Use instead
    Hair transplant

    The clinic is open every day for patients who need help.

    Severity
    Minor: the meaning is kept (MQM Fluency/Spelling, capitalisation).

    References
    Chicago Manual of Style, 17th ed., 8.159 (headline style and sentence style: the first word is capitalised): https://www.chicagomanualofstyle.org/book/ed17/part2/ch08/toc.html
    MQM core typology, Fluency/Spelling: https://themqm.org/error-types-2/typology/
    """

    code = "TR078"
    name = "lower-case-start"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Spelling"

    def check(self, ctx):
        blocks = ctx.blocks
        yield from _list_items(blocks)
        for n, block in enumerate(blocks):
            if block.kind not in _BLOCKS:
                continue
            text = block.text
            stripped = text.lstrip()
            word = _lower_word(stripped)
            if word is None:
                continue
            before = blocks[n - 1] if n > 0 else None
            if before is not None and not before.text.rstrip().endswith(_ENDS) and not (
                    _heading_like(before) and block.kind == "paragraph"):
                continue  # the sentence of the line before goes on here (a broken line, a link)
            yield _match(block, "line" if block.kind != "paragraph" else "paragraph", word)


def _lower_word(stripped: str) -> str | None:
    """The first word of a block's text when it starts in lower case and is an ordinary word
    (not "iPhone", "mRNA", a web address or an abbreviation), else None."""
    word = stripped.split(None, 1)[0] if stripped else ""
    if not word[:1].isalpha() or not word[:1].islower() or any(c.isupper() for c in word) \
            or word.rstrip(".,:;").lower() in _NOT_WORDS or "." in word.strip(".") or "@" in word:
        return None
    return word


def _match(block, what: str, word: str, why: str = "") -> Match:
    start = block.start + (len(block.text) - len(block.text.lstrip()))
    letters = len(word.rstrip(".,:;!?"))
    fixed = word[0].upper() + word[1:letters]
    return Match(start, start + letters, f'This {what} starts in lower case{why}: write '
                 f'"{fixed}".', suggestion=fixed, confidence=0.8)


def _list_items(blocks):
    """List items that start in lower case in a list (a run of list items) whose items of three
    words or more start with a capital at least as often, and at least twice (a list of single
    names, "aspirin", "Advil", is not read)."""
    run: list = []
    for block in [*blocks, None]:
        if block is not None and block.kind == "list_item":
            run.append(block)
            continue
        words = [(b, b.text.lstrip()) for b in run if len(b.text.split()) >= 3]
        lower = [(b, w) for b, w in ((b, _lower_word(t)) for b, t in words) if w]
        upper = sum(1 for _, t in words if t[:1].isupper())
        if upper >= 2 and upper >= len(lower):
            for b, word in lower:
                yield _match(b, "list item", word, ", where the other items of its list start "
                             "with a capital")
        run = []


def _heading_like(block) -> bool:
    """A title or heading that reads as one (short, no sentence inside, not cut at a comma), not
    a line of a paragraph broken by hard line breaks that the reader took for a heading."""
    text = block.text.strip()
    words = text.split()
    return block.kind in ("title", "heading") and 0 < len(words) <= 10 and "." not in text \
        and not text.endswith((",", "-")) and words[-1].lower() not in _OPEN_ENDINGS
