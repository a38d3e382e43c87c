from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# a paragraph that ends in one of these is finished (closing quotes and brackets looked through)
_ENDS = (".", "!", "?", ":", ";", "…", ",")
_CLOSERS = "\"'”’»)]"
_FINITE = ("VBZ", "VBP", "VBD", "MD")
MIN_WORDS = 8  # of the paragraph judged, and of the paragraphs that show the article's habit
MIN_OTHERS = 3  # paragraphs of the article that show its habit
MIN_SHARE = 0.8  # of them that end with a full stop or another end mark
# words glued to the paragraph's last sentence end: a heading that lost its line break (CO002's)
_GLUED_TAIL = re.compile(r"[.!?][^\W\d_][^.!?]*$")


def _finished(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith(_ENDS)


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalpha() for c in w))


def _has_clause(tokens) -> bool:
    """A finite verb, or an imperative opening the sentence or following a comma or "please"
    ("In the ICU, avoid ...", "Please do not ...")."""
    for k, tok in enumerate(tokens):
        if tok.tag in _FINITE:
            return True
        if tok.tag == "VB" and (k == 0 or tokens[k - 1].text.lower() in (",", "please")):
            return True
    return False


class MissingFinalStop(Rule):
    """A paragraph that is a whole sentence but has no full stop at its end, in an article whose
    other paragraphs have one: "Admission is from 6:30 am in the central admission unit located
    on the ground floor".

    What it does
    Finds a paragraph (not a heading, a title or a list item) of at least eight words whose last
    sentence has a finite verb (or opens with an imperative) and which ends with a word, a number
    or a bracket instead of a full stop, question mark, exclamation mark, colon or semicolon,
    when at least three other paragraphs of the article of eight words or more exist and at least
    four in five of them end with one. Passing: a paragraph that starts in lower case or follows
    a paragraph ending with a colon (the items of a list typed as lines); a paragraph with no
    verb (a caption, an address, a list of services) or that opens with a question word ("Why
    you should choose our clinic ..."); a paragraph that ends with a heading glued
    to its last sentence ("... complications.muscle stimulation", CO002's); an article that
    leaves its paragraphs unpunctuated throughout (a house style, not a slip).

    Why is this bad?
    Pages assembled from a translation memory or a CMS lose the final full stop of a paragraph
    when a sentence is cut from its segment, or when the stop of a right-to-left line was carried
    to the start of the next one. The reader cannot tell whether the sentence was cut short, and
    the paragraph reads as a heading.

    Example
    Most patients stay in the hospital for three days and start walking on the first day

    Use instead
    Most patients stay in the hospital for three days and start walking on the first day.

    Severity
    Minor: nothing is lost but the sentence's end (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.12 (the period ends a declarative or imperative sentence): https://www.chicagomanualofstyle.org/book/ed17/part2/ch06/psec012.html
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR089"
    name = "missing-final-stop"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        paragraphs = [b for b in ctx.blocks if b.kind == "paragraph" and _words(b.text) >= MIN_WORDS]
        finished = {b.index: _finished(b.text) for b in paragraphs}
        total = sum(finished.values())  # the paragraphs judged are not among them
        others = len(paragraphs) - 1  # the paragraphs that show the article's habit
        if others < MIN_OTHERS or total < MIN_SHARE * others:
            return
        last_segment = {}
        for seg in ctx.segments:
            last_segment[seg.block] = seg
        previous = {}
        for before, block in zip(ctx.blocks, ctx.blocks[1:]):
            previous[block.index] = before
        for block in paragraphs:
            if finished[block.index]:
                continue
            text = block.text.rstrip()
            before = previous.get(block.index)
            seg = last_segment.get(block.index)
            if not text[:1].isupper() and not text[:1] in ".,;:" or seg is None or not seg.tokens \
                    or before is not None and before.text.rstrip().endswith(":") \
                    or not _has_clause(seg.tokens) or _GLUED_TAIL.search(text) \
                    or seg.tokens[0].tag in ("WRB", "WP", "WDT", "WP$"):
                continue
            last = seg.tokens[-1]
            if not (last.text[-1:].isalnum() or last.text[-1:] in _CLOSERS):
                continue
            yield Match(last.start, last.end,
                        "This paragraph is a whole sentence but has no full stop at its end, "
                        "unlike the article's other paragraphs: the sentence may have been cut, "
                        "or its stop lost.",
                        suggestion=last.text + ".",
                        evidence={"paragraphs_ending_with_a_stop": total,
                                  "paragraphs": len(paragraphs)},
                        confidence=0.75)
