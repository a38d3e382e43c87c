"""A hardened XML reader that keeps exact offsets: the tree of a bilingual file (XLIFF, TMX, TBX)
with every element and every run of character data located in the file's decoded text.

Parsing is Expat's (the standard library's `pyexpat`), locked down the way defusedxml locks it
down, and stricter:
- a DTD internal subset (`<!DOCTYPE x [ ... ]>`), and so any entity declaration, is refused before
  anything is declared: no entity expansion ("billion laughs"), no external entity (XXE);
- an external DTD is never loaded; a DOCTYPE naming one is refused unless it names one of the
  standard DTDs of these formats (tmx14.dtd, xliff.dtd, ...), which are then ignored;
- parameter entities are never parsed, external entity references are refused.
A refusal or a syntax error raises `XMLInputError` with the line, before any text is kept.

Offsets: Expat reports each event's byte index in the UTF-8 text it was given; they are turned
into character offsets of `file_text` (BOM included). A run of character data is `verbatim` when
the file holds exactly its text there; a character reference, `&amp;` and friends, or a CRLF line
end (XML reads it as LF) is a non-verbatim run whose file span covers what the file holds.
"""
from __future__ import annotations

import xml.parsers.expat as expat
from dataclasses import dataclass, field

XML_NS = "http://www.w3.org/XML/1998/namespace"
# DOCTYPE system identifiers that these formats' files name by tradition; never loaded.
STANDARD_DTDS = ("tmx11.dtd", "tmx12.dtd", "tmx13.dtd", "tmx14.dtd", "tmx14b.dtd", "xliff.dtd",
                 "TBXcoreStructV02.dtd", "TBXBasiccoreStructV02.dtd")
STANDARD_DTD_URLS = ("http://www.oasis-open.org/committees/xliff/documents/xliff.dtd",)


class XMLInputError(ValueError):
    """A malformed or refused XML file; `line` is 1-based."""

    def __init__(self, line: int, problem: str):
        super().__init__(f"line {line}: {problem}")
        self.line = line
        self.problem = problem


@dataclass(slots=True)
class Text:
    start: int  # file offsets
    end: int
    value: str

    @property
    def verbatim(self) -> bool:
        return self.end - self.start == len(self.value)


@dataclass(slots=True)
class Element:
    name: str  # local name
    ns: str
    attrs: dict[str, str]  # local names; xml:lang and other xml: attributes keep the prefix
    start: int  # offset of "<"
    tag_end: int  # offset just after the start tag's ">"
    line: int
    end: int = -1  # offset just after the end tag (== tag_end for an empty element)
    children: list = field(default_factory=list)  # Element | Text

    def find(self, name: str) -> "Element | None":
        return next((c for c in self.children if isinstance(c, Element) and c.name == name), None)

    def findall(self, name: str) -> list["Element"]:
        return [c for c in self.children if isinstance(c, Element) and c.name == name]

    def iter(self, name: str):
        for c in self.children:
            if isinstance(c, Element):
                if c.name == name:
                    yield c
                yield from c.iter(name)

    def text(self) -> str:
        return "".join(c.value if isinstance(c, Text) else c.text() for c in self.children)

    @property
    def empty(self) -> bool:
        return self.end == self.tag_end


def _local(name: str) -> tuple[str, str]:
    ns, _, local = name.rpartition(" ")
    return local, ns


def _attr_name(name: str) -> str:
    local, ns = _local(name)
    return f"xml:{local}" if ns == XML_NS else local


def _tag_end(text: str, start: int) -> int:
    """Offset just after the '>' that closes the tag starting at `start` (quotes respected)."""
    quote = ""
    i = start + 1
    n = len(text)
    while i < n:
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == ">":
            return i + 1
        i += 1
    return n


class _Offsets:
    """Byte index in the UTF-8 encoding of `text` -> character offset (events come in order)."""

    def __init__(self, data: bytes):
        self.data = data
        self.byte = 0
        self.char = 0

    def __call__(self, b: int) -> int:
        if b < self.byte:  # not expected; recount from the start
            self.byte = self.char = 0
        self.char += len(self.data[self.byte:b].decode("utf-8"))
        self.byte = b
        return self.char


def parse(file_text: str) -> Element:
    """The root element of `file_text` (the file as decoded, BOM included)."""
    data = file_text.encode("utf-8")
    p = expat.ParserCreate(encoding="UTF-8", namespace_separator=" ")
    p.buffer_text = False
    p.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    to_char = _Offsets(data)
    stack: list[Element] = []
    root: list[Element] = []

    def refuse(problem: str):
        raise XMLInputError(p.CurrentLineNumber, problem)

    def doctype(name, system_id, public_id, has_internal_subset):
        if has_internal_subset:
            refuse(f"the DOCTYPE of <{name}> has an internal subset ([...]); DTD declarations "
                   f"and entities are not allowed in bilingual files (refused, nothing expanded)")
        if system_id and system_id not in STANDARD_DTDS + STANDARD_DTD_URLS:
            refuse("the DOCTYPE names an external DTD; external DTDs are never loaded, and only "
                   "the formats' standard DTD names (tmx14.dtd, xliff.dtd, ...) are accepted")

    def entity_decl(name, *_):
        refuse("an entity declaration; entities are not allowed in bilingual files (refused)")

    def external_ref(context, base, system_id, public_id):
        refuse("an external entity reference; refused, nothing was loaded")

    def start(name, attrs):
        c = to_char(p.CurrentByteIndex)
        local, ns = _local(name)
        el = Element(local, ns, {_attr_name(k): v for k, v in attrs.items()}, c,
                     _tag_end(file_text, c), p.CurrentLineNumber)
        if stack:
            stack[-1].children.append(el)
        else:
            root.append(el)
        stack.append(el)

    def end(name):
        el = stack.pop()
        c = to_char(p.CurrentByteIndex)
        if file_text[el.tag_end - 2] == "/" and c <= el.tag_end:
            el.end = el.tag_end
        else:
            el.end = _tag_end(file_text, c)

    def chars(value):
        if not stack:
            return
        c = to_char(p.CurrentByteIndex)
        if file_text.startswith(value, c):
            end_ = c + len(value)
        elif value == "\n" and file_text.startswith("\r", c):
            end_ = c + (2 if file_text.startswith("\r\n", c) else 1)
        elif file_text.startswith("&", c):
            end_ = file_text.index(";", c) + 1
        else:  # Expat reported text the file does not hold there: keep it non-verbatim, empty span
            end_ = c
        stack[-1].children.append(Text(c, end_, value))

    p.StartDoctypeDeclHandler = doctype
    p.EntityDeclHandler = entity_decl
    p.UnparsedEntityDeclHandler = entity_decl
    p.ExternalEntityRefHandler = external_ref
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    try:
        p.Parse(data, True)
    except expat.ExpatError as e:
        raise XMLInputError(e.lineno, f"not well-formed XML: {expat.ErrorString(e.code)} "
                                      f"(column {e.offset + 1})") from None
    if not root:
        raise XMLInputError(1, "no root element")
    return root[0]


def sniff_root(head: str) -> str | None:
    """The local name of the root element from the first characters of a file, or None."""
    i = 0
    n = len(head)
    while i < n:
        j = head.find("<", i)
        if j < 0 or j + 1 >= n:
            return None
        nxt = head[j + 1]
        if nxt in "?!":  # declaration, comment, DOCTYPE
            close = head.find("-->", j) + 3 if head.startswith("<!--", j) else head.find(">", j) + 1
            if close <= 0:
                return None
            i = close
            continue
        name = ""
        for ch in head[j + 1:]:
            if ch.isspace() or ch in "/>":
                break
            name += ch
        return name.rpartition(":")[2] or None
    return None
