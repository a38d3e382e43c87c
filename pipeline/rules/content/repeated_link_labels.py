from __future__ import annotations

import re
from collections import Counter, defaultdict

from pipeline.rules.base import Match, Rule

_WORD = re.compile(r"[^\W\d_][\w'-]*")
_PUNCT = re.compile(r"[.,;:!?()]")
MIN_REPEATS = 4  # the same label opening at least this many entries in a row
MAX_GAP_WORDS = 5  # words between two openings of the label (the varying part of each entry)
MAX_SPAN = 380


class RepeatedLinkLabels(Rule):
    """A run of link labels with the same wording, e.g. a site menu captured as one line of text.

    What it does
    Finds, inside one block, a capitalised phrase of two or three words that opens at least four
    entries in a row, each entry a few words long with no punctuation between them ("Physiotherapy with Asia
    Insurance Physiotherapy with Dana Insurance Physiotherapy with ..."): the labels of a menu or
    a tag cloud flattened into one line. One finding covers the start of the run (at most about
    380 characters); the message gives the number of entries.

    Why is this bad?
    Site navigation is not part of the article: in the text it reads as one endless, meaningless
    sentence, inflates the word count and hides the real end of the article.

    Example
    Dentistry with Alpha Insurance Dentistry with Beta Insurance Dentistry with Gamma Insurance
    Dentistry with Delta Insurance

    Use instead
    (remove the line from the article, or rebuild it as a real menu outside the article text)

    Severity
    Minor: the article's content is intact; the boilerplate is noise the reader can skip
    (MQM Design/Boilerplate).

    References
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    W3C WAI-ARIA Authoring Practices, Landmark regions (navigation belongs in a nav landmark):
    https://www.w3.org/WAI/ARIA/apg/practices/landmark-regions/
    """

    code = "CO007"
    name = "repeated-link-labels"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Boilerplate"

    def check(self, ctx):
        for block in ctx.blocks:
            found = _longest_run(block.text)
            if found is None:
                continue
            label, starts, end = found
            if end - starts[0] > MAX_SPAN:  # cut the finding at the last entry that fits
                end = max(s for s in starts if s - starts[0] <= MAX_SPAN)
                end = len(block.text[:end].rstrip())
            yield Match(block.start + starts[0], block.start + end,
                        f"{len(starts)} link labels starting \"{label} ...\" in a row: site "
                        f"navigation captured as article text.", suggestion="",
                        evidence={"label": label, "entries": len(starts)}, confidence=0.9)


def _runs(text: str, words: list, n: int):
    """(label, word indexes of the entries) for each run of a repeated n-word label."""
    at = defaultdict(list)
    for i in range(len(words) - n + 1):
        at[" ".join(w.group().lower() for w in words[i:i + n])].append(i)
    for idx in at.values():
        if not words[idx[0]].group()[0].isupper():
            continue  # link labels are capitalised; "of the ... of the" is prose
        run = [idx[0]]
        for a, b in zip(idx, idx[1:]):
            between = text[words[a].start():words[b].start()]
            if (0 <= b - a - n <= MAX_GAP_WORDS and words[b].group()[0].isupper()
                    and not _PUNCT.search(between)):
                run.append(b)
                continue
            yield n, run
            run = [b]
        yield n, run


def _longest_run(text: str):
    """(label, entry start offsets, end offset of the last entry) of the longest run, or None."""
    words = list(_WORD.finditer(text))
    # every entry of a run starts with the same capitalised word: without one repeated often
    # enough there is no run (a cheap test that skips almost every block)
    caps = Counter(w.group().lower() for w in words if w.group()[0].isupper())
    if not caps or max(caps.values()) < MIN_REPEATS:
        return None
    best = max((r for n in (3, 2) for r in _runs(text, words, n)), key=lambda r: len(r[1]),
               default=None)
    if best is None or len(best[1]) < MIN_REPEATS:
        return None
    n, run = best
    label = text[words[run[0]].start():words[run[0] + n - 1].end()]
    entry_words = min(b - a for a, b in zip(run, run[1:]))
    end = words[run[-1]].end()
    for w in words[run[-1] + 1:run[-1] + entry_words]:
        if _PUNCT.search(text[end:w.start()]):
            break
        end = w.end()
    return label, [words[i].start() for i in run], end
