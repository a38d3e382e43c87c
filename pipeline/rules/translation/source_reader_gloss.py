from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

_LANG = r"(?:English|Latin)(?!\s+(?:America|Channel|Quarter|speaking))(?:\s+language)?"
_NAMING = r"(?:called|named|known\s+as|termed|referred\s+to\s+as)"
_WORD = r"[\w'’\"“”-]+"
_TERM = rf"(?:{_WORD}\s+){{0,5}}?{_WORD}"  # the term a gloss names: one to six words
_NAMED_IN_LANGUAGE = [
    # "which in English is called X", "that in Latin is known as X"
    rf"\b(?:which|that|who)\s+(?:is\s+)?(?:also\s+)?in\s+(?:the\s+)?{_LANG}\s*,?\s+(?:is\s+)?(?:also\s+)?{_NAMING}\s+{_TERM}(?=\s*[,.;:)]|\s+(?:and|or|is|are)\b)",
    # "(is) called X in English", "known as X in Latin"
    rf"\b(?:(?:is|are|was|were)\s+)?(?:also\s+)?{_NAMING}\s+(?:(?!in\b){_WORD}\s+){{0,5}}?(?!in\b){_WORD}\s+in\s+(?:the\s+)?(?:medical\s+)?{_LANG}\b",
    # "known in English as X", "called in Latin X"
    rf"\b(?:known|called|named|termed|referred\s+to)\s+in\s+(?:the\s+)?{_LANG}\s+(?:as\s+)?{_TERM}(?=\s*[,.;:)]|\s+(?:and|or|is|are)\b)",
    # "In English, this condition is known as", "in English it is called"
    rf"\bin\s+(?:the\s+)?{_LANG}\s*,?\s+(?:(?:this|the|it|these|they|such)\s+(?:\w+\s+){{0,2}}?)?(?:is|are)\s+(?:also\s+)?{_NAMING}",
    # "(in English: X)", "(English: X)", "(in Latin, X)"
    rf"\(\s*(?:in\s+(?:{_LANG})\s*[:,]?|(?:{_LANG})\s*:)\s*[^()\n]{{0,59}}?[^\W\d_][^()\n]{{0,59}}\)",
    # "X, or in English Y"
    rf"\bor\s+in\s+(?:{_LANG})\s*,?\s+{_TERM}(?=\s*[,.;:)])",
    # "the English name of this condition", "whose English name is", "with the English term X"
    rf"\b(?:the|its|their|whose)\s+(?:(?:scientific|medical|official|common)\s+)?(?:{_LANG})\s+(?:name|term|equivalent|word|title)\s+(?:(?:of|for)\s+(?:this|the|it|these|that)\b(?:\s+\w+)?|is\b)(?:\s+{_TERM}(?=\s*[,.;:)]))?",
    rf"\bwith\s+the\s+(?:{_LANG})\s+(?:name|term)\s+{_TERM}(?=\s*[,.;:)])",
    # "the word "sleeve" in English refers to ...": an English word explained to English readers
    rf"\b(?:the\s+)?(?:word|term|expression)\s+{_TERM}\s+in\s+English(?:\s+language)?\s+"
    rf"(?:means|meant|refers\s+to|denotes|is\s+(?:an?\s+)?(?:abbreviation|short\s+for|derived))",
]
_GLOSS = re.compile("|".join(f"(?:{p})" for p in _NAMED_IN_LANGUAGE), re.IGNORECASE)
# where a repeated-term gloss can be: a bracket, or a comma before an alias word
_ANCHOR = re.compile(r"\(|,\s*(?:or|also|known|called|which)\b", re.IGNORECASE)
# the same term repeated as its own gloss: "the synovial fluid (synovial fluid)",
# "the cartilage, or cartilage,", "the scapula, which is also called the scapula"
_REPEATED = re.compile(
    r"(?<![\w-])(?P<term>(?=[^\W\d_])(?:[\w'’-]+\s+){0,4}[\w'’-]+)"
    r"(?:\s*(?P<paren>\(\s*(?P=term)\s*\))"
    r"|\s*,\s*(?P<alias>(?:or|also\s+called|also\s+known\s+as|known\s+as|called"
    r"|which\s+is\s+(?:also\s+)?(?:called|known\s+as|named))\s+(?:the\s+)?(?P=term))"
    r"(?=\s*[,.;:)]|\s*$))",  # "the pine, or the pine against the owl" is a chiasmus
    re.IGNORECASE)


class SourceReaderGloss(Rule):
    """A gloss written for Persian readers: "which in English is called X", "(in English: X)".

    What it does
    Finds phrases that name the English (or Latin) term of something inside the English text:
    "which in English is called ...", "is called ... in English", "known in Latin as ...",
    "(in English: ...)", "(English: ...)", "or in English ...", "the English name of this
    condition", "whose English name is ...", "the word ... in English means ...", and a term
    glossed with itself: "the synovial
    fluid (synovial fluid)", "the cartilage, or cartilage,", "the scapula, which is also called
    the scapula". A plain synonym in brackets ("frozen shoulder (adhesive capsulitis)") and
    talk about languages ("consultations in English") are left alone.

    Why is this bad?
    The Persian article told its readers the English term, often in Latin letters inside the
    Persian sentence. Translated, the gloss says nothing, or repeats the very term the sentence
    already uses, and shows the English reader that the page is a machine translation.

    Example
    Sciatica, which is called sciatica in English, is pain along the sciatic nerve. The synovial
    fluid (synovial fluid) lubricates the joint.

    Use instead
    Sciatica is pain along the sciatic nerve. The synovial fluid lubricates the joint.

    Severity
    Minor: redundant text, not a wrong fact (MQM Accuracy/Addition).

    References
    MQM core typology, Accuracy/Addition: https://themqm.org/error-types-2/typology/
    """

    code = "TR036"
    name = "source-reader-gloss"
    category = "translation"
    severity = "minor"
    mqm_type = "Accuracy/Addition"

    def check(self, ctx):
        text = ctx.text
        lower = text.lower()
        spans = [(m.start(), m.end()) for m in _GLOSS.finditer(text)] \
            if "english" in lower or "latin" in lower else []
        for block in ctx.blocks:  # the repeated-term search only where a bracket or alias is
            if not _ANCHOR.search(block.text):
                continue
            for m in _REPEATED.finditer(block.text):
                part = "paren" if m.group("paren") else "alias"
                spans.append((block.start + m.start(part), block.start + m.end(part)))
        last_end = -1
        for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
            if start < last_end:
                continue  # one gloss, one finding
            last_end = end
            gloss = text[start:end]
            yield Match(start, end, f'"{gloss}" is a gloss for readers of the source: it names '
                        "the English (or Latin) term inside the English text.",
                        suggestion="", evidence={"gloss": gloss}, confidence=0.8)
