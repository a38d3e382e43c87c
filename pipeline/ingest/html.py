"""Extract an article's text from an HTML page with the standard library's HTML parser, keeping a
map from every character of the extracted text back to its offset in the page source.

Main content: when the page has <article> (or else <main>), only text inside it is kept; page
chrome is always dropped (script, style, nav, header, footer, aside, form, ...). Block elements
become blocks (h1-h6 headings, li list items, p/div/td paragraphs); the <title> is the title.

Bounded work: the standard library's parser (as of Python 3.11.7) rescans the rest of the page
for every construct left unterminated at the end (`close()`), which is quadratic ("<a b=\"" x
3000 takes seconds, 120 KB of unclosed constructs over half a minute). The page is therefore fed
once and never closed: what the parser could not finish is where the page ends inside an
unterminated tag, comment or declaration, and, as in a browser, that construct swallows the rest
of the page; the reader warns, naming the line. Before feeding, a `&` that the parser would stall
on (a malformed "&#", an entity name running into the end) is hidden from it; the text itself is
always read from the page source at the parser's positions, so it is never altered."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from pipeline.ingest.structure import FURNITURE
from pipeline.model import Block
from pipeline.offsets import OffsetMap, ViewBuilder, line_col, line_starts

SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
        "button", "select", "iframe", "svg", "canvas", "object", "embed", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
BLOCK_KIND = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
              "h6": "heading", "li": "list_item", "dt": "list_item", "dd": "paragraph",
              "p": "paragraph", "div": "paragraph", "section": "paragraph", "td": "paragraph",
              "th": "paragraph", "blockquote": "paragraph", "pre": "paragraph",
              "figcaption": "paragraph", "caption": "paragraph", "tr": "paragraph",
              "article": "paragraph", "main": "paragraph", "body": "paragraph", "br": None,
              "ul": None, "ol": None, "table": None}
_WS = re.compile(r"\s+")
_ENTITY = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")
# the page's language; the scan stops at the next "<html" ("<html <html <html ..." was quadratic)
_LANG = re.compile(r"<html(?:(?!<html)[^>])*?\blang=[\"']?([A-Za-z-]+)", re.IGNORECASE)
# a "&" the standard parser would stop at (see its `charref` and `entityref` patterns)
_STALLING_AMP = re.compile(r"&(?=#|[a-zA-Z]|\Z)(?!#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F])"
                           r"(?![a-zA-Z][-.a-zA-Z0-9]*[^a-zA-Z0-9])")
_CONSTRUCT = (("<!--", "comment"), ("<![", "marked section"), ("<!", "declaration"),
              ("<?", "processing instruction"), ("</", "end tag"), ("<", "tag"))


def _newline_starts(text: str) -> list[int]:
    """Line starts as the parser counts lines (getpos): at LF only, not at a lone CR."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


class _Extractor(HTMLParser):
    def __init__(self, source: str, container: str | None):
        super().__init__(convert_charrefs=False)
        self.src = source
        self.lines = _newline_starts(source)
        self.container = container
        self.depth_in_container = 0 if container else 1
        self.skip_depth = 0
        self.stack: list[str] = []
        self.view = ViewBuilder()
        self.blocks: list[tuple[str, int, int]] = []  # kind, view start, view end
        self.cur_kind: list[str] = []
        self.block_start: int | None = None
        self.title_parts: list[tuple[str, int, int]] = []
        self.in_title = False

    # -- positions ----------------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _keeping(self) -> bool:
        return self.skip_depth == 0 and self.depth_in_container > 0

    # -- block handling -----------------------------------------------------------------------
    def _break(self) -> None:
        """End the current block, if it has text."""
        if self.block_start is not None and self.view.length > self.block_start:
            kind = self.cur_kind[-1] if self.cur_kind else "paragraph"
            self.blocks.append((kind, self.block_start, self.view.length))
        self.block_start = None

    def _text(self, text: str, start: int, end: int, verbatim: bool) -> None:
        if self.in_title:
            self.title_parts.append((text, start, end))
            return
        if not self._keeping():
            return
        # Collapse white space; a run of white space becomes one space mapped to the whole run.
        pos = 0
        for m in _WS.finditer(text) if verbatim else ():
            self._emit(text[pos:m.start()], start + pos, verbatim=True)
            if self.block_start is not None and self.view.length > self.block_start \
                    and self.view.last_char() != " ":
                self.view.replaced(" ", start + m.start(), start + m.end())
            pos = m.end()
        if verbatim:
            self._emit(text[pos:], start + pos, verbatim=True)
        else:
            self._emit(text, start, end=end, verbatim=False)

    def _emit(self, text: str, start: int, end: int | None = None, verbatim: bool = True) -> None:
        if not text:
            return
        if self.block_start is None:
            if self.view.length:
                self.view.replaced("\n", start, start)
            self.block_start = self.view.length
        if verbatim:
            self.view.verbatim(text, start)
        else:
            self.view.replaced(text, start, end if end is not None else start)

    # -- parser callbacks ---------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag == "title" and not self.title_parts:
            self.in_title = True
        if tag in SKIP and tag != "head":
            self.skip_depth += 1 if tag not in VOID else 0
        if self.container and tag == self.container:
            self.depth_in_container += 1
        if tag in BLOCK_KIND:
            self._break()
            kind = BLOCK_KIND[tag]
            if kind:
                self.cur_kind.append(kind)
                self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in BLOCK_KIND:
            self._break()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in BLOCK_KIND:
            self._break()
            if BLOCK_KIND[tag] and tag in self.stack:
                while self.stack:
                    t = self.stack.pop()
                    self.cur_kind.pop()
                    if t == tag:
                        break
        if tag in SKIP and tag != "head" and self.skip_depth:
            self.skip_depth -= 1
        if self.container and tag == self.container and self.depth_in_container:
            self.depth_in_container -= 1

    def handle_data(self, data):
        start = self._offset()
        text = self.src[start:start + len(data)]  # the source, not the parser's (sanitised) copy
        self._text(text, start, start + len(text), verbatim=True)

    def _ref(self, length: int):
        """A character reference the parser consumed: `length` characters ("&" + its name, or
        "&#" + digits) and a ";" after them if there is one. The parser's idea of a name is wider
        than HTML's ("&U.S.A." is one name to it): what _ENTITY does not take is plain text."""
        start = self._offset()
        end = start + length + (1 if self.src.startswith(";", start + length) else 0)
        m = _ENTITY.match(self.src, start, end)
        stop = m.end() if m else start + 1
        raw = self.src[start:stop]
        text = html.unescape(raw)
        # an unknown name ("&bogus;") stays as written: keep it verbatim, character for character
        self._text(text, start, stop, verbatim=text == raw)
        if stop < end:
            self._text(self.src[stop:end], stop, end, verbatim=True)

    def handle_entityref(self, name):
        self._ref(1 + len(name))

    def handle_charref(self, name):
        self._ref(2 + len(name))


def _container(source: str) -> str | None:
    low = source.lower()
    for tag in ("article", "main"):
        if f"<{tag}" in low:
            return tag
    return None


def _unterminated(p: _Extractor, source: str) -> str | None:
    """A warning when the parser stopped before the end of the page, naming what and where."""
    tail = p.rawdata
    if not tail.strip():
        return None
    start = len(source) - len(tail)
    line, _ = line_col(line_starts(source), start)
    if p.cdata_elem:
        what = f"an unclosed <{p.cdata_elem}>"
    else:
        what = "an unterminated " + next(n for prefix, n in _CONSTRUCT if tail.startswith(prefix)) \
            if tail.startswith("<") else "an incomplete character reference"
    return (f"the page ends inside {what} that starts at line {line}; as in a browser, the rest "
            f"of the page is not text, and is not audited")


def extract(source: str) -> tuple[str, OffsetMap, list[Block], dict, list[str]]:
    """Return (view text, offset map, blocks, metadata found in the page, warnings)."""
    p = _Extractor(source, _container(source))
    p.feed(_STALLING_AMP.sub("x", source))  # same length: positions are the source's
    warning = _unterminated(p, source)
    p._break()
    view, omap = p.view.build()
    blocks: list[Block] = []
    for kind, s, e in p.blocks:
        text = view[s:e].strip()
        if not text:
            continue
        lead = len(view[s:e]) - len(view[s:e].lstrip())
        s2 = s + lead
        if kind == "paragraph" and FURNITURE.match(text):
            kind = "furniture"
        blocks.append(Block(index=len(blocks), kind=kind, start=s2, end=s2 + len(text), text=text))
    meta = {}
    title = _WS.sub(" ", html.unescape("".join(t for t, _, _ in p.title_parts))).strip()
    if title:
        meta["title"] = title
    m = _LANG.search(source)
    if m:
        meta["language"] = m.group(1)
    # The first heading of the content is the article's title when no <h1> came before it.
    for b in blocks:
        if b.kind == "heading":
            b.kind = "title"
            break
    return view, omap, blocks, meta, [warning] if warning else []
