from __future__ import annotations

import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import alternation, load

_LAST_SENTENCE = re.compile(r"(?:^|(?<=[.!?])\s+)(?P<s>[^.!?]*(?:[.!?:]|\.{3})?)\s*$")
MIN_SECTION_WORDS = 15  # prose of this length after the announcement may deliver what it promised
_LABELLED = re.compile(r"^[^\W\d_][^.:!?;]{0,60}:\s")  # "Pain relief: ..." (an item without marker)


@lru_cache(maxsize=1)
def _announcer():
    d = load("lists")
    times = alternation(d["following_time_words"])
    # "in the following, you will learn ..." points at the rest of the article, not at a list
    return re.compile(rf"(?<![Ii]n )\b(?i:{alternation(d['announcers'])})(?!\s+(?i:{times})\b)")


class AnnouncedListMissing(Rule):
    """A paragraph announces a list ("the following effects") that never comes.

    What it does
    Finds a paragraph whose last sentence announces items to follow ("... can have the following
    effects.", "Below are the main causes:") when the rest of its section (up to the next
    heading) has no list item, no item without a marker ("Label: text") and less than 15 words
    of prose (a link line at most), or when nothing follows at all. A heading right after the
    announcement is taken as a list laid out as headings. A sentence whose items follow its colon
    is complete; "the following day", "in the following" (the rest of the article) announce no
    list. The announcing phrases are data: pipeline/rules/data/content_lists.yaml.

    Why is this bad?
    The content the reader was promised was lost when the page was scraped or translated; the
    article is incomplete exactly where it promised detail (often the effects or risks of a
    treatment).

    Example
    Ultrasound therapy can have the following effects in the treatment of muscle spasm.
    Read about ultrasound therapy.

    Use instead
    Ultrasound therapy can have the following effects in the treatment of muscle spasm:
    - Pain relief: ...
    - Better blood flow: ...

    Severity
    Major: information is missing from the article, not just badly laid out
    (MQM Accuracy/Omission).

    References
    MQM core typology, Accuracy/Omission: https://themqm.org/error-types-2/typology/
    Microsoft Writing Style Guide, Lists (introduce a list with a sentence that ends in a colon and
    follow it with the list): https://learn.microsoft.com/en-us/style-guide/scannable-content/lists
    """

    code = "CO010"
    name = "announced-list-missing"
    category = "content"
    severity = "major"
    mqm_type = "Accuracy/Omission"

    def check(self, ctx):
        announcer = _announcer()
        body = [b for b in ctx.blocks if b.kind != "furniture"]
        for i, block in enumerate(body):
            if block.kind not in ("paragraph", "list_item"):
                continue
            m = _LAST_SENTENCE.search(block.text)
            sentence = m.group("s") if m else ""
            if not announcer.search(sentence) or ":" in sentence.rstrip(": "):
                continue  # no announcement, or the items follow the colon in the same sentence
            if not self._missing(body[i + 1:]):
                continue
            start = block.start + m.start("s")
            yield Match(start, start + len(sentence.rstrip()),
                        "This sentence announces a list that does not follow.",
                        confidence=0.75)

    @staticmethod
    def _missing(after) -> bool:
        """Whether the blocks after an announcement (up to the next heading) lack its items."""
        if not after:
            return True
        section = []
        for b in after:
            if b.kind in ("heading", "title"):
                break
            section.append(b)
        if not section:  # items laid out as headings
            return False
        if any(b.kind == "list_item" or _LABELLED.match(b.text) for b in section):
            return False
        return sum(len(b.text.split()) for b in section) < MIN_SECTION_WORDS
