"""Copy wordfreq's English "large" word list into the package (pipeline/data/wordfreq/large_en.txt.gz)
with its licence and credits (LICENCE.txt beside it).

The audit uses only English frequencies; the wordfreq package ships about 40 languages (58 MB
installed, with its dependencies ftfy, langcodes, msgpack). The list keeps wordfreq's own layout:
line k (k >= 1, after the header line) holds, space-separated and in wordfreq's order, the words
whose frequency rounds to -(k-1) centibels, i.e. 10 ** (-(k-1) / 100) (wordfreq's `cB_to_freq`).
pipeline/frequencies.py reads it. The data is under CC BY-SA 4.0 (share-alike applies to this file).

    pip install 'wordfreq==3.1.1' && python scripts/vendor_wordfreq.py
"""
from __future__ import annotations

import gzip
import sys
from importlib.metadata import metadata, version
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "wordfreq"


def main() -> int:
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is not installed: pip install 'wordfreq==3.1.1'")
    buckets = wordfreq.get_frequency_list("en", "large")
    if any(" " in w or "\n" in w for bucket in buckets for w in bucket):
        sys.exit("a word holds a space or a line break: the layout cannot hold it")
    header = f"# wordfreq {version('wordfreq')} large_en; line k+2 = words at -k centibels (CC BY-SA 4.0)"
    OUT.mkdir(parents=True, exist_ok=True)
    text = "\n".join([header, *(" ".join(bucket) for bucket in buckets)]) + "\n"
    with open(OUT / "large_en.txt.gz", "wb") as raw:  # mtime 0: the same bytes every time
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(text.encode("utf-8"))
    readme = metadata("wordfreq")["Description"] or ""
    licence = readme[readme.index("## License"):readme.index("## Citing wordfreq")].strip()
    if "## Citations to work" in readme:  # the SUBTLEX authors must be credited
        licence += "\n\n" + readme[readme.index("## Citations to work"):].strip()
    (OUT / "LICENCE.txt").write_text(
        f"large_en.txt.gz: the English 'large' word list of wordfreq {version('wordfreq')} "
        "(Robyn Speer, https://github.com/rspeer/wordfreq; data/large_en.msgpack.gz), rewritten as\n"
        "text by scripts/vendor_wordfreq.py (the same words and frequencies). This file is licensed\n"
        "under the Creative Commons Attribution-ShareAlike 4.0 licence\n"
        "(https://creativecommons.org/licenses/by-sa/4.0/); the rest of clinic-audit is not.\n\n"
        "Cite: Robyn Speer. (2022). rspeer/wordfreq: v3.0 (v3.0.2). Zenodo.\n"
        "https://doi.org/10.5281/zenodo.7199437\n\n"
        "wordfreq's licence and credits, as it states them:\n\n" + licence + "\n", encoding="utf-8")
    size = (OUT / "large_en.txt.gz").stat().st_size / 1e6
    print(f"wrote {OUT / 'large_en.txt.gz'} ({size:.1f} MB, {sum(map(len, buckets))} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
