from __future__ import annotations

import re
from functools import lru_cache

from pipeline.rules.base import Match, Rule
from pipeline.rules.content._data import alternation, load

# word, sentence-end mark, word: "complications.muscle", "occur.The", "tendonitis?Study"
_GLUE = re.compile(r"(?P<left>[^\W_]+[)\]\"\u201d']?)(?P<mark>[.?!])(?P<right>[^\W\d_][\w'-]*)")
_END_PUNCT = re.compile(r"[.!?:;]")
MAX_HEADING_WORDS = 8


@lru_cache(maxsize=1)
def _lists():
    glue, meta = load("glue"), load("metadata")
    labels = alternation(meta["reading_time_labels"] + meta["other_labels"])
    return (set(glue["abbreviations"]), set(glue["domain_or_file_suffixes"]),
            re.compile(rf"(?:{labels})\s*:", re.IGNORECASE))


def _token(text: str, start: int, end: int) -> str:
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


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
            for m in _GLUE.finditer(text):
                left, mark, right = m.group("left"), m.group("mark"), m.group("right")
                word = left.rstrip(")]\"\u201d'")
                token = _token(text, m.start(), m.end())
                if any(s in token for s in ("/", "@", "://", "www.")) or token.count(".") > 1 + (token[-1] == "."):
                    continue  # URL, e-mail, "e.g.", "U.S.A.", "www.x.com"
                if (len(word) < 2 or word.lower() in abbreviations or (word.isupper() and word.isalpha())
                        or (len(word) == 2 and word[0].isupper())):
                    continue  # initials, abbreviations, acronyms ("Dr.Smith", "Vl.Bukovsky", "ASP.Net")
                if right.isupper() or metadata.match(text, m.start("right")):
                    continue  # "Ph.D", "Node.JS"; "?Study time:" belongs to CO008
                if right.islower() and (mark != "." or right in suffixes or len(right) < 3
                                        or not word.isalpha() or len(word) < 3):
                    continue  # domain and file names: "Nobt.ir", "report.pdf"
                rest = text[m.start("right"):]
                heading = len(rest.split()) <= MAX_HEADING_WORDS and not _END_PUNCT.search(rest)
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
