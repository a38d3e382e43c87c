"""Termbases in TBX (TBX-Basic, ISO 30042): the Persian and English terms of each concept, with the
English terms' administrative status (preferred / admitted / deprecated / superseded).

Both TBX 2 (`<martif>`: termEntry > langSet > tig | ntig) and TBX 3 (`<tbx>`: conceptEntry >
langSec > termSec) are read, with the hardened XML reader of the bilingual inputs. A term with no
status counts as admitted. The shipped termbase is `pipeline/rules/data/medical_fa_en.tbx`;
`termbases:` in params.yaml adds the user's own."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from pipeline.ingest.decode import DecodeError, decode
from pipeline.ingest.xmlsafe import Element, XMLInputError, parse
from pipeline.rules.translation.quantities import normalise

SHIPPED = "medical_fa_en.tbx"
DEPRECATED = {"deprecatedTerm-admn-sts", "supersededTerm-admn-sts", "deprecated", "superseded",
              "forbidden", "obsolete"}


class TermbaseError(ValueError):
    pass


@dataclass
class Entry:
    id: str
    source: list[str] = field(default_factory=list)  # Persian terms
    approved: list[str] = field(default_factory=list)  # English preferred/admitted, preferred first
    deprecated: list[str] = field(default_factory=list)
    reference: str = ""


@dataclass
class Termbase:
    entries: list[Entry]

    def __post_init__(self) -> None:
        self.source_patterns = [(e, _fa_pattern(e.source)) for e in self.entries if e.source]
        dep = [(t, e) for e in self.entries for t in e.deprecated]
        self.deprecated_pattern = _en_pattern([t for t, _ in dep]) if dep else None
        self.by_deprecated = {t.casefold(): e for t, e in dep}

    def __add__(self, other: "Termbase") -> "Termbase":
        return Termbase(self.entries + other.entries)


def _fa_pattern(terms: list[str]) -> re.Pattern:
    # a Persian term, also in the plural (-ها, -های) or with the ezafe/adjectival -ی after a
    # vowel; spaces and ZWNJ count the same
    alts = []
    for t in sorted(terms, key=len, reverse=True):
        body = r"\s*".join(re.escape(w) for w in normalise(t).split())
        alts.append(body + (r"(?:ی|ها|های|\s*ای)?" if t[-1] in "او" else r"(?:\s*ها|\s*های)?"))
    letters = r"\u0621-\u064A\u067E\u0686\u0698\u06A9\u06AF\u06CC"
    return re.compile(rf"(?<![{letters}])(?:{'|'.join(alts)})(?![{letters}])")


def _en_pattern(terms) -> re.Pattern:
    return _en_pattern_cached(tuple(terms))


@lru_cache(maxsize=1024)
def _en_pattern_cached(terms: tuple[str, ...]) -> re.Pattern:
    alts = [r"[\s-]+".join(re.escape(w) for w in t.split()) + r"(?:s|es)?"
            for t in sorted(terms, key=len, reverse=True)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w-])", re.IGNORECASE)


def approved_in(entry: Entry, target: str) -> bool:
    """Whether the target (inline codes read as spaces) has one of the entry's approved terms."""
    return bool(entry.approved) and bool(_en_pattern(entry.approved).search(normalise(target)))


def _lang(el: Element) -> str:
    return (el.attrs.get("xml:lang") or "").lower().split("-")[0]


def _terms(lang_el: Element) -> list[tuple[str, str]]:
    out = []
    for holder in lang_el.children:
        if not isinstance(holder, Element) or holder.name not in ("tig", "ntig", "termSec"):
            continue
        term = next(holder.iter("term"), None)
        if term is None or not term.text().strip():
            continue
        status = next((n.text().strip() for n in holder.iter("termNote")
                       if n.attrs.get("type") == "administrativeStatus"), "")
        out.append((term.text().strip(), status))
    return out


def parse_tbx(text: str, where: str) -> Termbase:
    try:
        root = parse(text)
    except XMLInputError as e:
        raise TermbaseError(f"{where}: line {e.line}: {e.problem}") from None
    if root.name not in ("martif", "tbx"):
        raise TermbaseError(f"{where}: not a TBX file (root element <{root.name}>)")
    entries = []
    for concept in [*root.iter("termEntry"), *root.iter("conceptEntry")]:
        e = Entry(concept.attrs.get("id", f"#{len(entries) + 1}"))
        refs = [x.text().strip() for x in concept.iter("xref")] + \
               [n.text().strip() for n in concept.findall("note")]
        e.reference = "; ".join(r for r in refs if r)
        for ls in [*concept.findall("langSet"), *concept.findall("langSec")]:
            for term, status in _terms(ls):
                if _lang(ls) == "fa":
                    e.source.append(term)
                elif _lang(ls) == "en":
                    if status in DEPRECATED:
                        e.deprecated.append(term)
                    elif status.startswith("preferred"):
                        e.approved.insert(0, term)
                    else:
                        e.approved.append(term)
        entries.append(e)
    return Termbase(entries)


def load(paths: list[str] | None = None) -> Termbase:
    """The shipped termbase plus the user's (`termbases:` in params.yaml)."""
    tb = parse_tbx(files("pipeline.rules.data").joinpath(SHIPPED).read_text(encoding="utf-8"),
                   SHIPPED)
    for p in paths or []:
        try:
            text, _ = decode(Path(p).read_bytes())
        except (OSError, DecodeError) as e:
            raise TermbaseError(f"{p}: cannot be read: {e}") from e
        tb = tb + parse_tbx(text, str(p))
    return tb
