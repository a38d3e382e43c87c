from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# The naming verb is found first (cheap); the term is read backwards from it.
_VERB = re.compile(r"\b(?:known\s+as|called|referred\s+to\s+as|named)\s+(?P<aliases>[^.;:!?()]{2,160})",
                   re.IGNORECASE)
_TERM_BEFORE = re.compile(
    r"(?<![\w'-])(?P<term>[^\W\d][\w'-]*(?:\s+[\w'-]+){0,4}?)\s*,?\s+(?:(?:is|are)\s+)?"
    r"(?:(?:also|commonly|often|usually|sometimes)\s+)*$", re.IGNORECASE)
_LOOKBACK = 100
_QUOTED = re.compile(r"[\"“”']([^\"“”']{1,60})[\"“”']")
_SPLIT = re.compile(r"\s*(?:,\s*(?:or\s+)?|\s+or\s+)\s*")
_END = re.compile(r"\s+(?:and|which|that|because|in|is|are|refers?|means?)\s", re.IGNORECASE)
_ARTICLES = {"a", "an", "the"}
MAX_ALIAS_WORDS = 5


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"[\w'-]+", phrase.lower()) if w not in _ARTICLES)


def _aliases(text: str) -> list[tuple[int, int]]:
    """Spans (within `text`) of the names given after "known as": quoted names, or else up to
    three short unquoted names separated by "or" or commas."""
    quoted = []
    pos = 0
    for m in _QUOTED.finditer(text):
        if text[pos:m.start()].strip(" ,").lower() not in ("", "or"):
            break
        quoted.append((m.start(1), m.end(1)))
        pos = m.end()
    if quoted:
        return quoted
    end = _END.search(text)
    head = text[:end.start()] if end else text
    spans, pos = [], 0
    for part in _SPLIT.split(head)[:3]:
        start = head.find(part, pos)
        pos = start + len(part)
        if part and len(part.split()) <= MAX_ALIAS_WORDS:
            spans.append((start, pos))
    return spans


class CircularNaming(Rule):
    """The names a text gives for a term collapse into each other or into the term itself.

    What it does
    Reads "X is (also/commonly) known as / called Y or Z" and reports it when a name given
    restates X (Y is X, or only part of X) or when one name is just part of another (Y "sudden
    muscle ache" and Z "muscle ache").

    Why is this bad?
    The source gave two distinct names, usually a lay term and a medical one; the machine
    translation rendered both with the same English words, so the sentence defines the term by
    itself and the reader never learns the other name.

    Example
    Runner's knee is commonly known as "knee pain of runners" or "knee pain".

    Use instead
    Runner's knee is commonly known as patellofemoral pain syndrome.

    Severity
    Minor: the sentence is uninformative rather than wrong (MQM Accuracy/Mistranslation).

    References
    MQM core typology, Accuracy/Mistranslation: https://themqm.org/error-types-2/typology/
    """

    code = "TR013"
    name = "circular-naming"
    category = "translation"
    severity = "minor"
    mqm_type = "Accuracy/Mistranslation"

    def check(self, ctx):
        for seg in ctx.segments:
            for m in _VERB.finditer(seg.text):
                window = seg.text[max(0, m.start() - _LOOKBACK):m.start()]
                before = _TERM_BEFORE.search(window)
                if before is None:
                    continue
                term = _words(before.group("term"))
                base = m.start("aliases")
                spans = _aliases(m.group("aliases"))
                names = [_words(m.group("aliases")[s:e]) for s, e in spans]
                problem = None
                for i, name in enumerate(names):
                    if name and set(name) <= set(term):
                        problem = f'"{" ".join(name)}" only restates the term being defined'
                        break
                    for other in names[i + 1:]:
                        if name and other and (set(name) <= set(other) or set(other) <= set(name)):
                            problem = (f'the names "{" ".join(name)}" and "{" ".join(other)}" '
                                       "collapse into one another")
                            break
                    if problem:
                        break
                if problem is None:
                    continue
                start = seg.start + m.start()
                end = seg.start + base + spans[-1][1]
                if ctx.text[end:end + 1] in "\"”'":
                    end += 1
                yield Match(start, end,
                            f"Circular naming: {problem}; the source most likely gave two "
                            "different terms (a lay name and a medical one).",
                            evidence={"term": " ".join(term), "names": [" ".join(n) for n in names]},
                            confidence=0.7)
