"""Generated article files for the robustness suite and for `benchmarks/fuzz.py`.

`article(src)` builds one file (name and bytes) from a source of choices: `HypothesisSource`
(inside a hypothesis test, so that failures shrink) or `RandomSource` (a seeded random.Random,
for the long fuzz run). The files mix what machine-translated Persian pages hold: Persian and
Arabic script, Persian and Arabic-Indic digits, RTL and zero-width marks, emoji, HTML entities and
leftover markup, list markers, front matter, every line ending (LF, CRLF, a lone CR) and the
encodings the reader accepts (UTF-8 with and without BOM, UTF-16, Windows-1256), plus deliberately
broken markup (unclosed tags and comments, deep nesting) and occasional long runs.

Bilingual files too: XLIFF 1.2 and 2.0 and TMX 1.4b (units with the same text in Persian and
English, inline codes, character references, CDATA, comments, empty or missing targets,
`translate="no"`, now and then broken XML), and paired text files (`NAME.en.txt` with its
`NAME.fa.txt` partner in `Generated.partner`: the pair is read from disk, `write()`).
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

WORDS = ["muscle", "pain", "the", "and", "of", "knee", "physiotherapy", "treatment", "cramps",
         "stiffness", "neck", "Tehran", "Dr.", "e.g.", "vitamin", "laser", "LLLT", "or", "is",
         "patients", "exercise", "daily", "helps", "can", "be", "very", "good", "In", "This",
         "Muscle", "Rest:", "are:-", "pain,", "pain.", "spasm.The", "(", ")", "[", "]", "\"",
         "\u201cquoted\u201d", "-", "1-", "2.", ":", "?", "!", "...", "and...", "the the",
         "stiffness and stiffness", "neck, , back", "www.example.com", "https://x.org/%d9%81%db",
         "a@b.ir", "10%", "3-5", "mg", "U.S.A.", "O'Brien", "don't", "self-injection"]
PERSIAN = ["\u062a\u0647\u0631\u0627\u0646", "\u062f\u0631\u062f", "\u0641\u06cc\u0632\u06cc\u0648\u062a\u0631\u0627\u067e\u06cc",
           "\u06a9\u0644\u06cc\u0646\u06cc\u06a9", "\u0645\u06cc\u200c\u0634\u0648\u062f"]
DIGITS = ["\u06f1\u06f2", "\u06f3\u06f4\u06f5", "\u0661\u0662", "\u0660", "12", "\u06f1\u06f4\u06f0\u06f2/\u06f0\u06f5/\u06f1\u06f0"]
MARKS = ["\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u202c", "\u2066", "\u2069",
         "\ufeff", "\u00a0", "\u2028", "\u2029", "\u0085", "\t", "\u3000"]
ODD = ["\U0001F600", "\u00e9", "e\u0301", "\u0640", "\ufdfa", "\u2014", "\u2026", "\u00b0C",
       "&amp;", "&nbsp;", "&#1578;", "&#x67E;", "&bogus;", "&", "&#", "<br>", "</p>", "<b>x</b>",
       "<!-- c -->", "<a href=\"x\">link</a>", "*", "**bold**", "`code`", "[t](u)", "#", ">",
       "|", "\\", "%20", "\x0b", "\x0c", "\u00ad"]
LONG = ["(" * 300, "!" * 250, "a" * 500, "a." * 150, "\u0645" * 300, "http://" * 40, "x)" * 150,
        "a'" * 200, ":-" * 120, "- " * 100, "the " * 120]
NEWLINES = ["\n", "\n", "\n", "\r\n", "\r"]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1256"]


class RandomSource:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def choice(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p


class HypothesisSource:
    def __init__(self, data):
        from hypothesis import strategies as st

        self.data, self.st = data, st

    def integer(self, lo: int, hi: int) -> int:
        return self.data.draw(self.st.integers(lo, hi))

    def choice(self, seq):
        return self.data.draw(self.st.sampled_from(seq))

    def chance(self, p: float) -> bool:
        return self.data.draw(self.st.integers(0, 999)) < p * 1000


def _word(src) -> str:
    r = src.integer(0, 99)
    if r < 62:
        return src.choice(WORDS)
    if r < 72:
        return src.choice(PERSIAN)
    if r < 78:
        return src.choice(DIGITS)
    if r < 88:
        return src.choice(ODD)
    if r < 98:
        return src.choice(WORDS) + src.choice(MARKS) + src.choice(WORDS)
    return src.choice(LONG)


def _line(src, max_words: int = 14) -> str:
    sep = " " if src.chance(0.9) else src.choice(["", "  ", "\t", "\u00a0", "\u200c"])
    return sep.join(_word(src) for _ in range(src.integer(0, max_words)))


def _front_matter(src, nl: str) -> str:
    kind = src.integer(0, 9)
    if kind < 6:
        return ""
    if kind < 8:
        title = _line(src, 5).replace(":", " ").replace("\"", "'").replace("#", " ").strip()
        return f"---{nl}title: \"{title}\"{nl}published: 2024-0{src.integer(1, 9)}-01{nl}---{nl}"
    if kind == 8:
        return f"---{nl}a: &x [1, 2]{nl}b: [*x, *x]{nl}---{nl}"  # aliases: refused
    return f"---{nl}title: [unclosed{nl}---{nl}"


def _txt(src) -> str:
    out = []
    for _ in range(src.integer(1, 10)):
        r = src.integer(0, 9)
        prefix = "" if r < 6 else src.choice(["- ", "1- ", "2. ", "\u2022 ", "\u06f1. ", "Study time: "])
        out.append(prefix + _line(src))
    return "\0".join(out)


def _md(src) -> str:
    out = []
    for _ in range(src.integer(1, 10)):
        r = src.integer(0, 11)
        if r == 0:
            out.append("#" * src.integer(1, 3) + " " + _line(src, 6))
        elif r < 3:
            depth = src.integer(0, 12) if src.chance(0.2) else src.integer(0, 2)
            out.append("  " * depth + src.choice(["- ", "* ", "1. "]) + _line(src))
        elif r == 3:
            out.append("> " * src.integer(1, 24 if src.chance(0.2) else 3) + _line(src))
        elif r == 4:
            out.append("| " + " | ".join(_line(src, 3) for _ in range(3)) + " |")
        elif r == 5:
            out.append("")
        else:
            out.append(_line(src))
    return "\0".join(out)


def _html(src) -> str:
    parts = ["<!doctype html><html lang=\"en\"><head><title>", _line(src, 5).replace("<", " "),
             "</title><style>p{}</style></head><body>"]
    if src.chance(0.5):
        parts.append("<nav><a href=\"/\">Home</a></nav>")
    wrap = src.chance(0.6)
    if wrap:
        parts.append("<article>")
    for _ in range(src.integer(1, 8)):
        tag = src.choice(["p", "p", "li", "h2", "div", "td"])
        inner = _line(src)
        if src.chance(0.3):
            inner = inner + " <b>" + _line(src, 3) + "</b> " + _line(src, 3)
        parts.append(f"<{tag}>" + "\0".join([inner] + [_line(src, 4)] * src.integer(0, 1))
                     + f"</{tag}>")
    if wrap:
        parts.append("</article>")
    if src.chance(0.15):
        parts.append(src.choice(["<!-- never closed ", "<a href=\"x", "<p", "</", "<script>var x",
                                 "<![CDATA[ x", "&#x"]) + _line(src, 4))
    parts.append("</body></html>")
    return "\0".join(parts) if src.chance(0.5) else "".join(parts)


_CODES12 = ['<x id="{n}"/>', '<ph id="{n}">&lt;br/&gt;</ph>', '<bpt id="{n}">&lt;b&gt;</bpt>',
            '<ept id="{n}">&lt;/b&gt;</ept>', '<it id="{n}" pos="open">&lt;i&gt;</it>']
_CODES20 = ['<ph id="{n}"/>', '<sc id="{n}"/>', '<ec startRef="{n}"/>', '<cp hex="200C"/>']
_CODESTMX = ['<ph x="{n}">&lt;br/&gt;</ph>', '<bpt i="{n}">&lt;b&gt;</bpt>',
             '<ept i="{n}">&lt;/b&gt;</ept>', '<it pos="begin">&lt;i&gt;</it>']
_CONTAINER = {"xliff12": "g", "xliff20": "pc", "tmx": "hi"}


def _inline(src, text: str, codes: list[str], container: str) -> str:
    """`text` as XML content: escaped, with inline codes, a container, a character reference,
    a CDATA section or a comment now and then."""
    words = text.split(" ")
    out = []
    for k, w in enumerate(words):
        w = escape(w)
        r = src.integer(0, 29)
        if r == 0:
            w = src.choice(codes).format(n=k + 1) + w
        elif r == 1:
            w = f'<{container} id="{k + 1}">{w}</{container}>' if container != "hi" else \
                f"<hi>{w}</hi>"
        elif r == 2:
            w += src.choice(["&#1578;", "&#x67E;", "&amp;", "&lt;", "&#x200C;"])
        elif r == 3:
            w = f"<![CDATA[{words[k].replace(']]>', '')}]]>"  # raw text: CDATA is not parsed
        elif r == 4:
            w += "<!-- c -->"
        out.append(w)
    return " ".join(out)


def _units(src) -> list[tuple[str, str]]:
    return [(" ".join(src.choice(PERSIAN) for _ in range(src.integer(1, 5))), _line(src))
            for _ in range(src.integer(1, 8))]


def _xliff(src, v2: bool) -> str:
    kind = "xliff20" if v2 else "xliff12"
    codes = _CODES20 if v2 else _CODES12
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\0']
    if v2:
        parts.append('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
                     'srcLang="fa" trgLang="en">\0<file id="f1">\0')
    else:
        parts.append('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\0'
                     '<file original="x.html" source-language="fa" target-language="en" '
                     'datatype="html"><body>\0')
    for n, (fa, en) in enumerate(_units(src), 1):
        no = ' translate="no"' if src.chance(0.05) else ""
        uid = f"u{n}" if not src.chance(0.05) else "u1"  # a repeated id now and then
        source = _inline(src, fa, codes, _CONTAINER[kind])
        r = src.integer(0, 19)
        target = "" if r == 0 else "<target/>" if r == 1 else \
            f"<target>{_inline(src, en, codes, _CONTAINER[kind])}</target>"
        if v2:
            notes = "<notes><note>n</note></notes>" if src.chance(0.2) else ""
            parts.append(f'<unit id="{uid}"{no}>{notes}<segment><source>{source}</source>'
                         f'{target}</segment></unit>\0')
        else:
            parts.append(f'<trans-unit id="{uid}"{no}>\0<source>{source}</source>\0{target}'
                         f'</trans-unit>\0')
    parts.append("</file></xliff>" if v2 else "</body></file></xliff>")
    return "".join(parts)


def _tmx(src) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\0<tmx version="1.4">\0<header srclang="fa" '
             'datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" '
             'creationtoolversion="1" o-tmf="x"/>\0<body>\0']
    for n, (fa, en) in enumerate(_units(src), 1):
        target = "" if src.chance(0.05) else \
            f'<tuv xml:lang="en-US"><seg>{_inline(src, en, _CODESTMX, "hi")}</seg></tuv>'
        parts.append(f'<tu tuid="t{n}"><tuv xml:lang="fa"><seg>'
                     f'{_inline(src, fa, _CODESTMX, "hi")}</seg></tuv>\0{target}</tu>\0')
    parts.append("</body></tmx>")
    return "".join(parts)


def _broken_xml(src, text: str) -> str:
    """Now and then, XML that a reader must refuse with a clear error (never crash on)."""
    if not src.chance(0.1):
        return text
    r = src.integer(0, 4)
    if r == 0:
        return text[:src.integer(0, len(text))]  # cut short
    if r == 1:
        return text.replace("<body>", '<!DOCTYPE x [<!ENTITY a "aaaa">]><body>&a;', 1)
    if r == 2:
        return text.replace("</target>", "", 1)
    if r == 3:
        return text.replace("<", "<<", 1)
    return text.replace("&#", "&#xZZ;", 1)


@dataclass
class Generated:
    name: str
    data: bytes
    text: str  # what was encoded (the file as a reader decodes it)
    partner: tuple[str, bytes] | None = None  # the Persian half of a pair (name, bytes)

    def write(self, folder: Path) -> Path:
        """The file (and its partner) in `folder`; the article's path."""
        path = Path(folder) / self.name
        path.write_bytes(self.data)
        if self.partner:
            (Path(folder) / self.partner[0]).write_bytes(self.partner[1])
        return path


def bilingual(src) -> Generated:
    """One generated bilingual file: XLIFF 1.2 or 2.0, TMX, or a paired text file."""
    fmt = src.choice(["xliff12", "xliff20", "tmx", "paired"])
    nl = src.choice(NEWLINES[:4])
    if fmt == "paired":
        units = _units(src)
        if src.chance(0.1):  # paragraph counts that differ: refused, naming both files
            units.append(("", "one more line"))
        units = [(f, e) for f, e in units if e.strip() or src.chance(0.1)]
        en = nl.join(e for _, e in units) + nl
        fa = nl.join(f for f, _ in units if f) + nl
        enc = src.choice(["utf-8", "utf-8", "utf-16"])
        data = en.encode(enc)
        try:
            fa_data = fa.encode(src.choice(["utf-8", "cp1256"]))
        except UnicodeEncodeError:
            fa_data = fa.encode("utf-8")
        return Generated("case.en.txt", data, data.decode(enc), partner=("case.fa.txt", fa_data))
    body = _xliff(src, fmt == "xliff20") if fmt != "tmx" else _tmx(src)
    text = _broken_xml(src, body.replace("\0", nl))
    if src.chance(0.2):
        text = "\ufeff" + text
    if src.chance(0.15):
        data = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
        text = data.decode("utf-16")
    else:
        data = text.encode("utf-8")
    return Generated("case.tmx" if fmt == "tmx" else src.choice(["case.xlf", "case.xliff"]),
                     data, text)


def article(src, bilingual_share: float = 0.0) -> Generated:
    """One generated article file (a bilingual one with probability `bilingual_share`)."""
    if bilingual_share and src.chance(bilingual_share):
        return bilingual(src)
    fmt = src.choice(["txt", "txt", "md", "html"])
    nl_mode = src.integer(0, 3)  # 0-2: one line ending throughout, 3: mixed
    fixed = src.choice(NEWLINES)
    body = {"txt": _txt, "md": _md, "html": _html}[fmt](src)
    pieces = body.split("\0")
    text = pieces[0]
    for p in pieces[1:]:
        text += (src.choice(NEWLINES) if nl_mode == 3 else fixed) + p
    if fmt != "html":
        text = _front_matter(src, fixed) + text
    if src.chance(0.7):
        text += fixed
    encoding = src.choice(ENCODINGS)
    if encoding == "cp1256":
        try:
            data = text.encode("cp1256")
        except UnicodeEncodeError:
            encoding = "utf-8"
    if encoding == "utf-8-sig":
        text = "\ufeff" + text.lstrip("\ufeff")
        encoding = "utf-8"
    if encoding != "cp1256":
        data = text.encode(encoding)
        if encoding == "utf-16":
            text = data.decode("utf-16")
    return Generated(f"case.{fmt}", data, text)
