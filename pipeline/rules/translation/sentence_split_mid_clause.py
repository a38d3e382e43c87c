from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data
from pipeline.rules.translation.verbless_sentence import verbless_fragment

# A full stop after a word (or after a word and a space: "error free . in cases"), then the
# sentence going on with a lower-case word.
_STOP = re.compile(r"(?<=[^\W_)\]%])(?P<gap>[ \t]?)(?P<stop>\.)[ \t]+(?P<next>[a-z]+)\b(?![.'’-])")
_PREV_WORD = re.compile(r"[\w.'’-]+$")


class SentenceSplitMidClause(Rule):
    """A full stop inside a clause: the sentence goes on after it in lower case.

    What it does
    Finds a full stop in a paragraph or list item that is followed by a word in lower case
    ("avoid heavy lifting. for six weeks"), unless the full stop ends an abbreviation ("e.g.",
    "approx.", "Dr.", an initial) or the next word is a term written in lower case ("pH",
    "mRNA" have capitals and are never taken). When the piece before or after the stop is a
    verbless fragment, TR008 reports the split instead, so one split gives one finding.

    Why is this bad?
    Machine translation often closes the sentence where the source had a comma or a line break
    and carries on in lower case; the reader sees a sentence that stops in mid-thought and a
    fragment that starts with "and", "for" or "which".

    Example
    The patient should avoid heavy lifting. for at least six weeks after the surgery.

    Use instead
    The patient should avoid heavy lifting for at least six weeks after the surgery.

    Severity
    Minor: the reader can join the pieces (MQM Fluency/Punctuation).

    References
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    The Chicago Manual of Style, 6.7-6.13 (the period): https://www.chicagomanualofstyle.org/
    """

    code = "TR017"
    name = "sentence-split-mid-clause"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        words = grammar_data.load()
        fragments = _fragment_edges(ctx.segments)
        for block in ctx.blocks:
            if block.kind not in ("paragraph", "list_item"):
                continue
            text = ctx.text[block.start:block.end]
            for m in _STOP.finditer(text):
                stop = block.start + m.start("stop")
                before = _PREV_WORD.search(text, 0, m.start("gap"))
                prev = before.group(0).lower() if before else ""
                if "." in prev or len(prev) == 1 or prev in words["abbreviations"]:
                    continue
                if stop + 1 in fragments["end"] or block.start + m.start("next") in \
                        fragments["start"]:
                    continue
                start, end = block.start + m.start("gap"), block.start + m.end("next")
                word = m.group("next")
                yield Match(start, end,
                            f'A full stop cuts this sentence: it goes on in lower case with '
                            f'"{word}". Delete the full stop, or start a new sentence with a '
                            f'capital.',
                            suggestion=" " + word, evidence={"next_word": word},
                            confidence=0.7)


def _fragment_edges(segments) -> dict[str, set[int]]:
    """Where TR008's verbless fragments end (after their full stop) and start."""
    ends, starts, previous = set(), set(), None
    for seg in segments:
        first = previous is None or previous.block != seg.block
        previous = seg
        if verbless_fragment(seg, first):
            ends.add(seg.start + len(seg.text.rstrip()))
            starts.add(seg.start)
    return {"end": ends, "start": starts}
