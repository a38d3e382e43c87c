from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import FINITE_TAGS

_SEMICOLONS = (";", "\u061b")


class SemicolonAfterPhrase(Rule):
    """A semicolon after a phrase that is not a clause: "For example; smokers are not good
    candidates", "Due to the high cost of treatment; we recommend ...".

    What it does
    Finds a semicolon whose left side (from the start of the sentence, or from the semicolon
    before it) has no finite verb, while its right side (up to the next semicolon or the end of
    the sentence) is a clause with one: an opening phrase, a connective or a subordinate phrase
    was cut off from its clause by a semicolon where English writes a comma (or nothing). A
    series of phrases separated by semicolons ("Monday: 9 to 12; Tuesday: 10 to 2"), a list
    after a colon and a semicolon between two clauses pass.

    Why is this bad?
    Persian writers use the semicolon "؛" after an opening phrase or a connective, and machine
    translation keeps it. In English a semicolon joins two independent clauses or separates the
    items of a series; after "For example" or a "Due to ..." phrase it breaks the sentence in two
    and the reader looks for a clause that is not there.

    Example
    For example; heavy smokers are not good candidates for an implant.

    Use instead
    For example, heavy smokers are not good candidates for an implant.

    Severity
    Minor: the meaning survives (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed. (University of Chicago Press, 2017), 6.57-6.60 (a
    semicolon joins independent clauses or separates the items of a series).
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR072"
    name = "semicolon-after-phrase"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            marks = [k for k, t in enumerate(toks) if t.text in _SEMICOLONS]
            if not marks:
                continue
            bounds = [-1, *marks, len(toks)]
            for n, k in enumerate(marks):
                left = toks[bounds[n] + 1:k]
                right = toks[k + 1:bounds[n + 2]]
                words = [t for t in left if t.text[:1].isalnum()]
                if not words or any(t.text == ":" for t in toks[:k]):
                    continue  # nothing before it, or the items of a list after a colon
                if any(t.tag in FINITE_TAGS for t in left) or left[0].tag == "VB":
                    continue  # a clause (an imperative too): a semicolon may join it
                if n > 0 or not any(t.tag in FINITE_TAGS for t in right):
                    continue  # a series of phrases, or no clause after it
                yield Match(toks[k].start, toks[k].end,
                            f'The semicolon after "{ctx.text[left[0].start:left[-1].end]}" cuts a '
                            "phrase off from its clause: a semicolon joins two clauses; write a "
                            "comma here.", suggestion=",", confidence=0.7)
