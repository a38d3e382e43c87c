"""Write what rule TR071 (capitalised common word) knows of English capitalisation
(pipeline/data/casing/):

- lowercase_words.txt.gz: the words English writes in lower case, as Harper's curated dictionary
  knows them;
- proper_words.txt.gz: names English always writes with a capital ("Iran", "Monday", "Botox"):
  words Harper's dictionary flags in lower case and accepts capitalised, less those the
  post-edits write in lower case at least as often as with a capital;
- capitalised_words.txt.gz: words that human English writes with a capital in mid-sentence more
  often than without (nationalities, places, institutions: "French", "China", "Senate"), counted
  in the post-edited English of MLQE-PE's train splits (CC0, training/mlqe-pe/).

Harper's dictionary records each word's capitalisation: its spell check accepts "implant" and
"surgery" but flags "iran", "monday", "botox" and "english", which English writes capitalised. The
audit needs that knowledge for every word of a page, but asking Harper word by word takes about a
minute, so it is asked once here: every word of letters of the shipped wordfreq list at Zipf 2.5
or more is linted in lower case with Harper's SpellCheck alone, and the words it accepts are kept.
A word Harper does not know in either form ("tabriz") is left out: the rule never judges it.
Harper also accepts a few words in lower case that are nearly always names in running text
("french" fries, "china" plates, "roman" type): the counts of the post-edits catch those.

    python scripts/vendor_casing.py   (harper-py as pinned in requirements.lock)
"""
from __future__ import annotations

import bisect
import gzip
import re
import sys
from collections import Counter
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import mlqe, wordlists  # noqa: E402

OUT = ROOT / "pipeline" / "data" / "casing"
MIN_ZIPF = 2.5
CHUNK = 2000


def _flagged(linter, words: list[str]) -> set[str]:
    """The words Harper's spell check flags, each linted alone (blank lines between them)."""
    out: set[str] = set()
    for i in range(0, len(words), CHUNK):
        chunk = words[i:i + CHUNK]
        starts, pos = [], 0
        for w in chunk:
            starts.append(pos)
            pos += len(w) + 2
        for lint in linter.lint("\n\n".join(chunk)):
            out.add(chunk[bisect.bisect_right(starts, lint.span.start) - 1])
    return out


_WORDS = re.compile(r"[A-Za-z]+|[^\sA-Za-z]")
_OPENERS = frozenset('.:!?"(\u201c')  # a capital after these may open a sentence or a quote
MIN_CAPITALISED = 2


def _case_counts() -> tuple[Counter[str], Counter[str]]:
    """How often each word is written capitalised and in lower case in mid-sentence in the
    post-edits of MLQE-PE's train splits."""
    title: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for pair in mlqe.PAIRS:
        for row in mlqe.read(mlqe.DATA_DIR, pair, "train"):
            words = _WORDS.findall(row.pe)
            for before, word in zip(words, words[1:]):
                if not word.isalpha() or before in _OPENERS:
                    continue
                if word.istitle():
                    title[word.lower()] += 1
                elif word.islower():
                    lower[word] += 1
    return title, lower


def _write(name: str, words: list[str]) -> None:
    with open(OUT / name, "wb") as raw:  # mtime 0: the same bytes every time
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(("\n".join(words) + "\n").encode("utf-8"))


def main() -> int:
    import harper

    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config({k: k == "SpellCheck" for k in linter.get_default_lint_config()})
    words = sorted(w for w, f in wordlists.english().items()
                   if w.isascii() and w.isalpha() and len(w) >= 2 and wordlists.zipf(f) >= MIN_ZIPF)
    flagged = _flagged(linter, words)
    lower = sorted(set(words) - flagged)
    candidates = sorted(flagged)
    titled = _flagged(linter, [w.title() for w in candidates])
    proper = sorted(w for w in candidates if w.title() not in titled)
    title, lowered = _case_counts()
    capitalised = sorted(w for w, n in title.items() if n >= MIN_CAPITALISED and n > lowered[w])
    # a name of Harper's that human English writes in lower case at least as often ("electron")
    # is a common word too
    proper = [w for w in proper if lowered[w] < max(1, title[w])]
    OUT.mkdir(parents=True, exist_ok=True)
    _write("lowercase_words.txt.gz", lower)
    _write("capitalised_words.txt.gz", capitalised)
    _write("proper_words.txt.gz", proper)
    (OUT / "LICENCE.txt").write_text(
        f"lowercase_words.txt.gz: the words of the shipped wordfreq list (Zipf >= {MIN_ZIPF}) that the "
        f"spell check of Harper\n(harper-py {version('harper-py')}, Automattic, "
        "https://github.com/Automattic/harper) accepts in lower case,\none a line, written by "
        "scripts/vendor_casing.py. Harper and its dictionary are published under the\n"
        "Apache License 2.0 (https://www.apache.org/licenses/LICENSE-2.0); the word list comes from "
        "wordfreq\n(CC BY-SA 4.0, see pipeline/data/wordfreq/LICENCE.txt).\n\n"
        "proper_words.txt.gz: the words of the same list that Harper's spell check flags in lower case "
        "and accepts\nwith a capital first letter (names), less those MLQE-PE's post-edits (below) write in "
        "lower case\nat least as often, one a line, lower case; same sources and licences.\n\n"
        f"capitalised_words.txt.gz: words written with a capital in mid-sentence more often than "
        f"without (at least {MIN_CAPITALISED}\ntimes) in the post-edited English of MLQE-PE's train "
        "splits (training/mlqe-pe/, CC0 1.0,\nhttps://github.com/sheffieldnlp/mlqe-pe), one a "
        "line, lower case, written by scripts/vendor_casing.py.\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(lower)} of {len(words)} words in lower case, "
          f"{len(capitalised)} capitalised, {len(proper)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
