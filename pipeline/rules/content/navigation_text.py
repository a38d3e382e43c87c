from __future__ import annotations

import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import alternation, load

MAX_LINK_WORDS = 12  # a block opening with "Read more" is link text only if it is this short
MAX_GAP_WORDS = 6  # hits separated by at most this many words (e.g. a teaser title) are one run
MAX_SPAN = 380
_MARKUP = re.compile(r"\s*(?:<|\b(?:href|src)\s*=)")

_KINDS = {"link": "link text", "cta": "call-to-action / contact buttons",
          "related": "related-articles block"}


@lru_cache(maxsize=1)
def _patterns():
    d = load("boilerplate")
    link, trail = alternation(d["link_openers"]), alternation(d["trailing_links"])
    related, cta = alternation(d["related_headers"]), alternation(d["cta_labels"])
    phone = alternation(d["phone_openers"])
    return {
        "link": re.compile(rf"^(?i:{link})\b"),
        "trailing": re.compile(rf"\b(?i:{trail})(?:\s*(?:\.{{3}}|\u2026))?(?=\s*(?:$|href\b|(?i:{related})\b))"),
        "related": re.compile(rf"(?i:{related})(?=\s*(?:$|[A-Z]))"),
        "cta": re.compile(rf"^(?i:{cta})[.!]?$"),
        "cta_run": re.compile(rf"\b(?i:{cta})(?:\s+(?i:{cta}))+\b"),
        "phone": re.compile(rf"^(?i:{phone})\s*:?\s*\+?\d[\d\s()-]{{5,}}$"),
        # a rating widget's text: "User Rating: 0 / 5", "Rating: 4.5/5 (12 votes)"
        "rating": re.compile(r"^(?i:user\s+rating|rating|rate\s+this\s+(?:article|post|page))\s*:?\s*"
                             r"\d+(?:[.,]\d+)?\s*/\s*\d+(?:\s*\(\d+\s+votes?\))?$"),
    }


def _hits(block, p):
    text, base = block.text, block.start
    if p["link"].match(text) and len(text.split()) <= MAX_LINK_WORDS:
        markup = _MARKUP.search(text)  # a tag or attribute after the link text is CO001's
        yield base, base + (markup.start() if markup else len(text)), "link"
    if p["cta"].match(text) or p["phone"].match(text) or p["rating"].match(text):
        yield base, block.end, "cta"
    for m in p["cta_run"].finditer(text):
        yield base + m.start(), base + m.end(), "cta"
    trailing_ends = {0}
    for m in p["trailing"].finditer(text):
        trailing_ends.add(len(text[:m.end()].rstrip()))
        yield base + m.start(), base + m.end(), "link"
    for m in p["related"].finditer(text):
        if len(text[:m.start()].rstrip()) in trailing_ends:  # at block start or after "Read more"
            yield base + m.start(), base + m.end(), "related"


class NavigationTextInBody(Rule):
    """Site navigation, link text or call-to-action buttons captured as article text.

    What it does
    Finds page furniture that a scraper copied into the article body: link text ("Read more
    about foot physiotherapy...", "Read about ultrasound therapy." as a paragraph of its own,
    "... Read more" after a teaser title), headings of related-article blocks ("Other
    articles"), booking and contact buttons ("Consultation and appointment booking",
    "Call 26247611"), a rating widget's text ("User Rating: 0 / 5") and runs of button labels
    inside a sentence ("contact the clinic get an appointment Instagram"). Hits separated only by a few words (teaser titles) are reported as
    one run. The phrase lists are data: pipeline/rules/data/content_boilerplate.yaml.

    Why is this bad?
    The published article carries dead link labels and buttons that do nothing, in the middle of
    its prose; a reader (or a screen reader) has to skip them, and translated button labels glued
    into a sentence make it ungrammatical.

    Example
    ... and proper treatment is carried out.
    Read more about knee physiotherapy...
    Book an appointment
    Call 12345678

    Use instead
    ... and proper treatment is carried out.
    (the links and buttons removed, or rebuilt as real page elements outside the article text)

    Severity
    Minor: the article's content is intact; the boilerplate is noise the reader can skip
    (MQM Design/Boilerplate).

    References
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    W3C WCAG 2.2, 2.4.4 Link Purpose (In Context): https://www.w3.org/WAI/WCAG22/Understanding/link-purpose-in-context
    """

    code = "CO006"
    name = "navigation-text-in-body"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Boilerplate"

    def check(self, ctx):
        p = _patterns()
        hits = sorted({h for b in ctx.blocks for h in _hits(b, p)})
        runs: list[list] = []
        for s, e, kind in hits:
            if runs and s <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], e)
            elif (runs and len(ctx.text[runs[-1][1]:s].split()) <= MAX_GAP_WORDS
                  and e - runs[-1][0] <= MAX_SPAN):
                runs[-1][1] = e
            else:
                runs.append([s, e, []])
            if kind not in runs[-1][2]:
                runs[-1][2].append(kind)
        for s, e, kinds in runs:
            what = " and ".join(_KINDS[k] for k in kinds)
            yield Match(s, e, f"Page navigation in the article body ({what}).", suggestion="",
                        evidence={"kinds": kinds}, confidence=0.85)
