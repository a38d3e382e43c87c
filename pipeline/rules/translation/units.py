"""What the source-aware rules (TR050-TR057) share: the translation units of a bilingual article
(blocks with a `source_text`), and the test for a unit left untranslated."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pipeline.ingest.bilingual import CODE_BASE, CODE_LAST, EMPTY_MARK, is_code_char, strip_codes
from pipeline.model import Block
from pipeline.rules.base import registry, select

ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF"
                           r"\uFE70-\uFEFF]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u024F]")
_INVISIBLE = dict.fromkeys(map(ord, "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069\ufeff\u0640"), None)
_WS = re.compile(r"\s+")


@dataclass
class UnitView:
    block: Block
    source: str  # the source, inline codes kept as their private-use characters
    target: str  # the block's text (view)

    @property
    def start(self) -> int:
        return self.block.start

    @property
    def end(self) -> int:
        return self.block.end

    @property
    def unit_id(self) -> str | None:
        return self.block.align_id

    @property
    def empty(self) -> bool:
        return not strip_codes(self.target).strip()


def units(ctx) -> list[UnitView]:
    """The bilingual units of the article (empty for a monolingual article)."""
    return [UnitView(b, b.source_text, b.text) for b in ctx.blocks if b.source_text is not None]


@lru_cache(maxsize=8192)
def plain(text: str) -> str:
    """For comparisons: NFKC, no inline codes, no ZWNJ/bidi marks/tatweel, white space collapsed."""
    text = strip_codes(unicodedata.normalize("NFKC", text)).translate(_INVISIBLE)
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def untranslated(source: str, target: str) -> str | None:
    """Why the target is not a translation of a Persian source, or None: the source copied, or a
    target whose letters are mostly Persian/Arabic."""
    src, tgt = plain(source), plain(target)
    if not tgt or len(ARABIC_LETTER.findall(src)) < 2:
        return None
    if tgt.casefold() == src.casefold():
        return "copied"
    arabic = len(ARABIC_LETTER.findall(tgt))
    latin = len(LATIN_LETTER.findall(tgt))
    if arabic >= 2 and arabic > latin:
        return "persian"
    return None


def is_selected(ctx, code: str) -> bool:
    """Whether rule `code` runs in this run (a rule that defers to another asks first)."""
    settings = getattr(getattr(ctx, "resources", None), "settings", None)
    if not settings or code not in registry():
        return False
    cfg = settings.get("rules") or {}
    return bool(select([code], cfg.get("select", ["ALL"]), cfg.get("ignore", [])))


def code_chars(text: str) -> list[str]:
    return [c for c in text if is_code_char(c)]


_MARKED = re.compile(f"[{re.escape(chr(CODE_BASE))}-{re.escape(chr(CODE_LAST))}"
                     f"{re.escape(EMPTY_MARK)}]")


def shown(text: str, codes: dict | None = None, limit: int = 120) -> str:
    """A unit's text for a message or the fix list: inline codes as their markup (or {n})."""
    if not _MARKED.search(text):  # most text has no inline code (one pass in C, not per char)
        s = text.strip()
        return s if len(s) <= limit else s[:limit - 1] + "…"
    out = []
    for c in text:
        if is_code_char(c):
            info = (codes or {}).get(c)
            out.append(info["markup"] if info else f"{{{ord(c) - 0xE000 + 1}}}")
        elif c != EMPTY_MARK:
            out.append(c)
    s = "".join(out).strip()
    return s if len(s) <= limit else s[:limit - 1] + "…"
