"""Independent checks of an audited article's offsets, shared by the property tests and
benchmarks/fuzz.py: every block, sentence, token and finding must point at the place in the
file that holds its text, with the line and column an editor would count."""
from __future__ import annotations

import html
import re
import signal
import threading
from contextlib import contextmanager

from pipeline.offsets import PLAIN

_TAG = re.compile(r"<[^>]*>")
_WS = re.compile(r"\s+")
_BREAK = re.compile(r"\r\n|\r|\n")


class Timeout(BaseException):
    pass


@contextmanager
def deadline(seconds: float):
    """Fail (Timeout) when the block runs longer than `seconds`; independent of the pipeline's
    own time budget, so that a hang is caught even where that budget is missing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise Timeout(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, counting LF, CRLF and a lone CR as line ends."""
    line, start = 1, 0
    for m in _BREAK.finditer(text, 0, offset):
        line, start = line + 1, m.end()
    return line, offset - start + 1


# the view reads the curly single quotes and the no-break space as their plain forms
# (pipeline/offsets.py PLAIN)
_TYPOGRAPHY = str.maketrans(PLAIN)


def _plain(text: str) -> str:
    return _BREAK.sub("\n", text).translate(_TYPOGRAPHY)


def _rendered(source: str) -> str:
    return _WS.sub(" ", html.unescape(_TAG.sub("", source)).translate(_TYPOGRAPHY)).strip()


_CDATA_MARK = re.compile(r"<!\[CDATA\[|\]\]>")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_CP = re.compile(r'<cp\s+hex="([0-9A-Fa-f]+)"\s*/>')
_CODE_EMPTY = re.compile(r"<(?:ph|bpt|ept|it|ut|x|bx|ex|sc|ec)\b[^>]*/>")
_CODE_FULL = re.compile(r"<(ph|bpt|ept|it|ut)\b[^>]*>.*?</\1>", re.DOTALL)
_VIEW_CODES = re.compile("[\ue000-\uf8ff\ufffc]")


def _markup_text(part: str) -> str:
    part = _COMMENT.sub("", part)
    part = _CP.sub(lambda m: "&#x%s;" % m.group(1), part)
    part = _CODE_FULL.sub("", _CODE_EMPTY.sub("", part))
    return html.unescape(_TAG.sub("", part))


def _xml_rendered(file_text: str, start: int, end: int) -> str:
    """The text a bilingual file's span holds: inline codes (and their content) and other
    markup removed, references resolved, CDATA taken as it is (a span may start or end inside
    a CDATA section)."""
    source = file_text[start:end]
    marks = list(_CDATA_MARK.finditer(source))
    inside = file_text.rfind("<![CDATA[", 0, start) > file_text.rfind("]]>", 0, start)
    out, pos = [], 0
    for m in marks:
        piece = source[pos:m.start()]
        out.append(piece if inside else _markup_text(piece))
        inside, pos = m.group() != "]]>", m.end()
    tail = source[pos:]
    out.append(tail if inside else _markup_text(tail))
    return _WS.sub(" ", "".join(out).translate(_TYPOGRAPHY)).strip()


def problems(article, findings) -> list[str]:
    """What is wrong with the offsets of `article` (segmented) and its `findings`; empty when
    everything points where it should."""
    out: list[str] = []
    ft = article.file_text
    is_html = article.format == "html"
    is_xml = article.format in ("xliff", "tmx")

    def same(kind: str, view_text: str, s: int, e: int) -> None:
        fs, fe = article.file_span(s, e)
        if not 0 <= fs <= fe <= len(ft):
            out.append(f"{kind} {view_text!r}: file span {fs}-{fe} outside the file")
            return
        got = ft[fs:fe]
        if is_xml:
            plain = _WS.sub(" ", _VIEW_CODES.sub("", view_text)).strip()
            ok = not plain or _xml_rendered(ft, fs, fe) == plain  # an empty target: anywhere
        else:
            ok = (_rendered(got) == _WS.sub(" ", view_text).strip()) if is_html else \
                (_plain(got) == view_text)
        if not ok:
            out.append(f"{kind} {view_text!r} maps to {got!r} at {fs}-{fe}")

    for b in article.blocks:
        if article.text[b.start:b.end] != b.text:
            out.append(f"block {b.text!r} is not the view at {b.start}-{b.end}")
        same("block", b.text, b.start, b.end)
    for seg in article.segments:
        if article.text[seg.start:seg.end] != seg.text:
            out.append(f"sentence {seg.text!r} is not the view at {seg.start}-{seg.end}")
        same("sentence", seg.text, seg.start, seg.end)
        for t in seg.tokens:
            same("token", t.text, t.start, t.end)
    for f in findings:
        if ft[f.start:f.end] != f.text:
            out.append(f"{f.rule_id} finding {f.text!r} is not the file at {f.start}-{f.end}")
        if (f.line, f.column) != line_col(ft, f.start):
            out.append(f"{f.rule_id} finding at {f.start} says {f.line}:{f.column}, the file "
                       f"says {line_col(ft, f.start)}")
    return out
