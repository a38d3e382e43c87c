"""Per-article report fragments: what the report stage makes from one article and its findings
(its findings.jsonl lines, findings.csv rows, SARIF results, summary entry and verdict, fix list
rows, rule-page occurrences, the digest of its page and of its annotated XLIFF copy), cached so
that a re-audit assembles the unchanged articles' parts by concatenation and builds only the
changed ones, without reading their texts and segments out of the stage tables (issue 14).

A fragment's key is a hash of everything its parts depend on (`Keys.unit`):
- the release (`release_key`): the package's code, rule docs, policy and CSP (the pages'
  `release_digest`), the installed packages, this format;
- the article's rows in articles.parquet, blocks.parquet and segments_scored.parquet, and its
  findings' rows in findings.parquet (`row_hashes`: pandas' hash of each row, as `BatchCache`);
- the reviews and waivers of those findings, the cross-article passages they link to and those
  that point into the article, and the article's SARIF artifact URI.
The release-wide numbers in the SARIF results (the rule's and the artifact's index) are not in
the key: the results are kept with placeholders (`Sarif`), filled in when assembled. Where an
article sits in the read order is not in it either: the stage adds it.

Only an article whose findings are all its own and that is its source's owner has a fragment
(an article that failed a step, findings of an article not in the release, two articles of one
source: built every time), and only when every part was made (no failed page, fix list or XLIFF
copy). Entries are the cache's checked pickles (`<cache_dir>/report/<key[:2]>/<key>.pickle`,
`pipeline/cache.py`): one that does not verify is warned about and built again."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from pipeline import cache

FORMAT = 1
_SLOT = re.compile(r'"(ruleIndex|index)": (-\d+)(?=[,\n}])')
ARTIFACT = -1  # the placeholder of the artifact's index; a rule's: -(its place in `rules` + 1)


def release_key(pages_release: str) -> str:
    h = hashlib.sha256(f"report fragments {FORMAT}\n{pages_release}\n".encode())
    h.update(cache.package_versions().encode())
    return h.hexdigest()


def row_hashes(frame, column: str) -> dict[str, bytes]:
    """Each value of `column` in `frame` and the hashes of its rows, in order, with the
    frame's columns and types (bytes)."""
    if frame is None or not len(frame):
        return {}
    import pandas as pd

    head = json.dumps([[str(c), str(t)] for c, t in frame.dtypes.items()]).encode()
    hashes = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    return {value: head + hashes[rows].tobytes()
            for value, rows in frame.groupby(column, sort=False).indices.items()}


class Sarif:
    """One article's SARIF results as dumped, the rule's and the artifact's index left as
    placeholders: `parts` of text between `slots` (None: the artifact's; or the rule's place
    in `rules`)."""

    def __init__(self, text: str, rules: list[str], count: int):
        self.parts, self.slots = [], []
        pos = 0
        for m in _SLOT.finditer(text):
            self.parts.append(text[pos:m.start(2)])
            self.slots.append(None if m[1] == "index" else -int(m[2]) - 1)
            pos = m.end(2)
        self.parts.append(text[pos:])
        self.rules, self.count = rules, count

    def fill(self, rule_index: dict[str, int], artifact: int) -> str:
        out = [self.parts[0]]
        for slot, part in zip(self.slots, self.parts[1:]):
            out.append(str(artifact if slot is None else rule_index[self.rules[slot]]))
            out.append(part)
        return "".join(out)


def path(settings: dict, key: str) -> Path:
    return Path(f"{settings['cache_dir']}/report/{key[:2]}/{key}.pickle")


def get(settings: dict, key: str, source: str) -> dict | None:
    """The fragment, or None (none, or one that does not verify: warned, built again)."""
    return cache._read(path(settings, key), f"for {source} (report)")


def put(settings: dict, key: str, fragment: dict, source: str) -> None:
    cache._write(Path(settings["cache_dir"]), path(settings, key), fragment, f"for {source}")


def unit_key(release: str, aid: str, rows: bytes, findings: bytes, reviews: list,
             links: list, passages: list, uri: str) -> str:
    h = hashlib.sha256(f"{release}\0{aid}\0{uri}\0".encode("utf-8", "surrogatepass"))
    h.update(hashlib.sha256(rows).digest() + hashlib.sha256(findings).digest())
    h.update(repr((reviews, links, passages)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()
