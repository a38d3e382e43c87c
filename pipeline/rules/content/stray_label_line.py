from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.rules.base import Match, Rule

# "unwanted hair removal 4", "knee-replacement-3": a short label ending in an image number
_NUMBERED_LABEL = re.compile(r"^(?P<label>[^\W\d_][\w' ]*?[^\W\d_])[\s_-]*(?P<n>\d{1,2})$")
_WORD = re.compile(r"[^\W\d_]+")
MAX_LABEL_WORDS = 8
_SENTENCE_END = (".", "!", "?", ":", ";", ",")
_DOUBLED_WORD = re.compile(r"^(?P<w>[A-Z][a-z]{2,})(?P=w)$")  # "LogoLogo": an image's alt text twice


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


MAX_KEYWORDS = 5


def _keyword_line(text: str, words: list[str], blocks, block) -> bool:
    """"rhinoplasty iran" under the title "Nose job in Iran (rhinoplasty)": a line of two to
    five lower-case words with no function word, each of them a word of the page title (its
    keywords; a lower-case heading of the text, "muscular causes", uses its own words)."""
    if block.kind not in ("paragraph", "heading") or not 1 < len(words) <= MAX_KEYWORDS or \
            text != text.lower() or any(w in STOP_WORDS for w in words) or \
            not all(_WORD.fullmatch(part) for part in text.split()) or \
            not blocks or blocks[0] is block or blocks[0].kind != "title":
        return False
    return set(words) <= set(_words(blocks[0].text))


class StrayLabelLine(Rule):
    """An image label or a repeated heading line left in the text: "knee replacement 3".

    What it does
    Finds short lines (at most eight words, no sentence punctuation) that are not prose: a
    keyword label ending in a number whose words all come from the article's title or headings
    ("unwanted hair removal 4" under "Unwanted hair removal": the alt text or file name of an
    inserted image), a line that repeats the line right before it ("Aftercare" twice in a row)
    or the page title further down (the page title written twice, once as the page's title and
    once as its first heading, included), one word glued to itself ("LogoLogo"), and a line of
    two to five lower-case keywords with no function word, all words of the page title
    ("rhinoplasty iran" under "Nose job in Iran (rhinoplasty)": an image's alt text or a tag).

    Why is this bad?
    The scraper or the CMS copied the text of images (alt text, captions, file names) and
    duplicated headings into the article body. The reader meets keyword fragments in the middle
    of the text, and search engines see keyword stuffing.

    Example
    Unwanted hair removal
    unwanted hair removal 4
    Lasers destroy the hair follicle with heat.

    Use instead
    Unwanted hair removal
    Lasers destroy the hair follicle with heat.

    Severity
    Minor: visible clutter, no change of meaning (MQM Design/Markup).

    References
    W3C WAI, Images tutorial (alt text belongs to the image, not the text):
    https://www.w3.org/WAI/tutorials/images/
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    """

    code = "CO011"
    name = "stray-label-line"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        blocks = ctx.blocks
        for i, block in enumerate(blocks):
            text = block.text.strip()
            words = _words(text)
            if not words or len(words) > MAX_LABEL_WORDS or text.endswith(_SENTENCE_END) \
                    or block.kind == "list_item":
                continue
            prev = blocks[i - 1] if i else None
            title = blocks[0].text.strip().lower() if blocks[0].kind == "title" else None
            repeats_prev = prev is not None and prev.kind != "list_item" \
                and prev.text.strip().lower() == text.lower()
            if repeats_prev or (i > 1 and text.lower() == title) or _DOUBLED_WORD.match(text):
                what = "the line before it" if repeats_prev else \
                    "the page title" if text.lower() == title else "one word twice"
                yield Match(block.start, block.start + len(block.text.rstrip()),
                            f'The line "{text}" repeats {what}: a duplicated heading, caption or '
                            "image text.", confidence=0.8)
                continue
            if _keyword_line(text, words, blocks, block):
                yield Match(block.start, block.start + len(block.text.rstrip()),
                            f'The line "{text}" is a string of keywords (an image\'s alt text or '
                            "an SEO tag) left in the article text.", confidence=0.7)
                continue
            m = _NUMBERED_LABEL.match(text)
            if m is None:
                continue
            headings = {w for b in blocks if b is not block and b.kind in ("title", "heading")
                        for w in _words(b.text)}
            if set(_words(m.group("label"))) <= headings:
                yield Match(block.start, block.start + len(block.text.rstrip()),
                            f'The line "{text}" is an image label (alt text or file name) left '
                            "in the article text.", confidence=0.75)
