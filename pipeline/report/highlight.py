"""Turn a text and overlapping spans into a flat, properly nested token stream for a template.

Spans may nest or cross. Each span opens once as its *primary* element. When a span ends while a
span opened after it is still open (they cross), the later one is closed with it and reopened
right after as a *continuation*. So every span has exactly one primary element (what the report
counts, focuses and links to) and zero or more continuations, and the markup is always well
formed. The template escapes the text pieces."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    key: str  # what the template renders the element for (e.g. "f3", or "p120-180")
    start: int
    end: int


@dataclass(frozen=True)
class Token:
    kind: str  # "text", "open", "close"
    text: str = ""
    span: Span | None = None
    continuation: bool = False


def tokens(text: str, spans: list[Span]) -> list[Token]:
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.key))
    rank = {s.key: i for i, s in enumerate(order)}
    cuts = sorted({0, len(text)} | {s.start for s in spans} | {s.end for s in spans})
    out: list[Token] = []
    stack: list[Span] = []
    pending = list(order)
    for i, pos in enumerate(cuts):
        ending = [s for s in stack if s.end <= pos]
        if ending:
            # close from the top down to the deepest span that ends here; reopen the survivors
            depth = min(stack.index(s) for s in ending)
            survivors = [s for s in stack[depth:] if s.end > pos]
            for s in reversed(stack[depth:]):
                out.append(Token("close", span=s))
            del stack[depth:]
            for s in sorted(survivors, key=lambda s: rank[s.key]):
                out.append(Token("open", span=s, continuation=True))
                stack.append(s)
        while pending and pending[0].start == pos:
            s = pending.pop(0)
            out.append(Token("open", span=s))
            if s.end == s.start:
                out.append(Token("close", span=s))  # an empty span: a point marker
            else:
                stack.append(s)
        if i + 1 < len(cuts):
            out.append(Token("text", text=text[pos:cuts[i + 1]]))
    out.extend(Token("close", span=s) for s in reversed(stack))
    return out
