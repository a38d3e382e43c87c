"""Copy pyspellchecker's English dictionary (its words; the audit never uses the counts) into the
package (pipeline/data/spellchecker/en_words.txt.gz), with its licence beside it.

pyspellchecker ships a dozen languages (7 MB installed); the audit reads only the English word set
(pipeline/rules/vocabulary.py). One word a line, sorted.

    pip install 'pyspellchecker==0.9.1' && python scripts/vendor_spellchecker.py
"""
from __future__ import annotations

import gzip
import sys
from importlib.metadata import distribution, version
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "spellchecker"


def main() -> int:
    try:
        from spellchecker import SpellChecker
    except ImportError:
        sys.exit("pyspellchecker is not installed: pip install 'pyspellchecker==0.9.1'")
    words = sorted(SpellChecker(language="en").word_frequency.dictionary)
    if any(not w or w != w.strip() or "\n" in w for w in words):
        sys.exit("a word is empty or holds white space: one word a line cannot hold it")
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "en_words.txt.gz", "wb") as raw:  # mtime 0: the same bytes every time
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(("\n".join(words) + "\n").encode("utf-8"))
    dist = distribution("pyspellchecker")
    licence = next((f for f in dist.files or [] if f.name == "LICENSE"), None)
    text = licence.read_text() if licence else ""
    (OUT / "LICENCE.txt").write_text(
        f"en_words.txt.gz: the words of pyspellchecker {version('pyspellchecker')}'s English dictionary "
        "(spellchecker/resources/en.json.gz;\nhttps://github.com/barrust/pyspellchecker), one a line, "
        "written by scripts/vendor_spellchecker.py.\npyspellchecker built it from the OpenSubtitles "
        "2018 corpus (OPUS, http://opus.nlpl.eu/OpenSubtitles2018.php;\nwww.opensubtitles.org) "
        "and publishes it under its MIT licence:\n\n" + text, encoding="utf-8")
    print(f"wrote {OUT / 'en_words.txt.gz'} ({(OUT / 'en_words.txt.gz').stat().st_size / 1e6:.1f} MB, "
          f"{len(words)} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
