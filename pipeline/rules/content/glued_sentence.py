from __future__ import annotations

import bisect
import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import alternation, load

# word, sentence-end mark, word: "complications.muscle", "occur.The", "tendonitis?Study".
# The look-behind starts a match only where a word starts: a later start inside the same word
# could only find the same match, and trying each one made a long word quadratic.
_GLUE = re.compile(r"(?<![^\W_])(?P<left>[^\W_]+[)\]\"\u201d']?)(?P<mark>[.?!])(?P<right>[^\W\d_][\w'-]*)")
_END_PUNCT = re.compile(r"[.!?:;]")
MAX_HEADING_WORDS = 8


@lru_cache(maxsize=1)
def _lists():
    glue, meta = load("glue"), load("metadata")
    labels = alternation(meta["reading_time_labels"] + meta["other_labels"])
    return (set(glue["abbreviations"]), set(glue["domain_or_file_suffixes"]),
            re.compile(rf"(?:{labels})\s*:", re.IGNORECASE))


_RUN = re.compile(r"\S+")


class _Runs:
    """The runs without white space of a block, to find a match's token, and how many words
    follow a position, by binary search: scanning the text around every match was quadratic
    in a long run ("a.a.a.a...")."""

    def __init__(self, text: str):
        self.text = text
        self.spans = [m.span() for m in _RUN.finditer(text)]
        self.starts = [s for s, _ in self.spans]
        self.last_end_punct = max((m.start() for m in _END_PUNCT.finditer(text)), default=-1)
        self._url_like: dict[int, bool] = {}

    def url_like(self, pos: int) -> bool:
        """Whether the token holding `pos` is a URL, an e-mail, "e.g.", "U.S.A.", ..."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i not in self._url_like:
            token = self.text[slice(*self.spans[i])]
            self._url_like[i] = (any(s in token for s in ("/", "@", "://", "www."))
                                 or token.count(".") > 1 + (token[-1] == "."))
        return self._url_like[i]

    def words_from(self, pos: int) -> int:
        """len(text[pos:].split()) for a `pos` inside a run."""
        return len(self.starts) - bisect.bisect_right(self.starts, pos) + 1


class SentenceGluedToPrevious(Rule):
    """A sentence or heading glued to the previous sentence: no space or line break after a full stop.

    What it does
    Finds a sentence end (".", "?" or "!") followed directly by a word, as in "spasm.The cause"
    or "its complications.muscle stimulation". When the glued words run to the end of the
    paragraph without a sentence end of their own, they are reported as a heading that lost its
    line break; otherwise as a missing space. Abbreviations ("e.g.", "Dr.Smith"), initials,
    decimals, domain names ("Nobt.ir"), URLs, e-mail addresses and file names are left alone, and
    page metadata glued after a sentence ("?Study time:") is left to CO008.

    Why is this bad?
    The page lost its structure when it was scraped: a heading now reads as the last words of the
    previous paragraph, and two sentences run together. Readers stumble, screen readers read the
    words as one, and spell checkers and sentence splitters treat the pair as one token.

    Example
    Strong muscles can prevent spasm and reduce its complications.muscle stimulation

    Use instead
    Strong muscles can prevent spasm and reduce its complications.
    Muscle stimulation

    Severity
    Minor: the words are all there and the meaning survives, but the layout is broken where the
    reader sees it (MQM Design/Markup; a plain missing space is MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.11 (one space, not two, after a period):
    https://www.chicagomanualofstyle.org/book/ed17/part2/ch06/psec011.html
    MQM core typology, Design and markup: https://themqm.org/error-types-2/typology/
    """

    code = "CO002"
    name = "sentence-glued-to-previous"
    category = "content"
    severity = "minor"
    mqm_type = "Design/Markup"

    def check(self, ctx):
        abbreviations, suffixes, metadata = _lists()
        for block in ctx.blocks:
            text = block.text
            runs = None
            for m in _GLUE.finditer(text):
                left, mark, right = m.group("left"), m.group("mark"), m.group("right")
                word = left.rstrip(")]\"\u201d'")
                runs = runs or _Runs(text)
                if runs.url_like(m.start()):
                    continue  # URL, e-mail, "e.g.", "U.S.A.", "www.x.com"
                if (len(word) < 2 or word.lower() in abbreviations or (word.isupper() and word.isalpha())
                        or (len(word) == 2 and word[0].isupper())):
                    continue  # initials, abbreviations, acronyms ("Dr.Smith", "Vl.Bukovsky", "ASP.Net")
                if right.isupper() or metadata.match(text, m.start("right")):
                    continue  # "Ph.D", "Node.JS"; "?Study time:" belongs to CO008
                if right.islower() and (mark != "." or right in suffixes or len(right) < 3
                                        or not word.isalpha() or len(word) < 3):
                    continue  # domain and file names: "Nobt.ir", "report.pdf"
                heading = (runs.words_from(m.start("right")) <= MAX_HEADING_WORDS
                           and runs.last_end_punct < m.start("right"))
                rest = text[m.start("right"):] if heading else ""
                start = block.start + m.start()
                if heading:
                    message = (f"The heading \"{rest.strip()}\" is glued to the end of the previous "
                               f"sentence (lost line break).")
                    suggestion = f"{left}{mark}\n{right[0].upper()}{right[1:]}"
                else:
                    message = f"No space after \"{mark}\": the next sentence is glued to this one."
                    suggestion = f"{left}{mark} {right}"
                yield Match(start, block.start + m.end(), message, suggestion=suggestion,
                            evidence={"kind": "heading" if heading else "sentence"},
                            confidence=0.9 if right[0].isupper() or heading else 0.7)
