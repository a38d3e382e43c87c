from __future__ import annotations

from itertools import groupby

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.stray_capital import CAPITALISED_FUNCTION_WORDS, MAX_TITLE_CASE_SHARE

# What the word before the capital may be: the end of a heading or a sentence is a noun, an
# adjective, a participle, a number or an adverb, never an article, a preposition, a
# conjunction or a title ("the Buddha", "in Physical Therapy", "says Professor").
_ENDS = {"NN", "NNS", "JJ", "VBN", "VBG", "RB", "CD"}
# What the capitalised word may be tagged: a common noun, adjective or gerund of the next
# sentence's subject (spaCy tags most mid-sentence capitals NNP)
_STARTS = {"NN", "NNS", "NNP", "NNPS", "JJ", "VBG"}
_MIN_ZIPF = 3.0
_FINITE = {"VBZ", "VBP", "VBD", "MD"}
_HEADING_START = {"NN", "NNS", "NNP", "JJ", "VBG", "VBN"}
_HEADING_END = {"NN", "NNS"}
# what may stand between the capitalised word and its verb: the rest of the subject
_SUBJECT = {"NN", "NNS", "NNP", "NNPS", "JJ", "VBG", "HYPH", "RB", "IN", "DT", "PRP$"}
_OPENS = {"CC", "WRB", "WDT", "WP"}  # words that open a clause inside a sentence
_SUBORDINATORS = {"that", "because", "if", "while", "although", "though", "since", "unless",
                  "whether", "as", "so", "once", "after", "before", "until"}
_MAX_SUBJECT = 5


def _two_units(toks, segs, k: int, after: int) -> bool:
    """Whether the words before toks[k] and from toks[k] on are two units: a heading (no finite
    verb, opening with a noun, adjective or gerund and ending with a noun) or a clause (with a
    finite verb) before, and a clause whose subject starts at toks[k] and reaches its finite
    verb within a few words after."""
    seg = next(s for s in segs if s.start <= toks[k].start < s.end)
    left = [t for t in toks[:k] if t.start >= seg.start]
    if not left:
        return False
    j = after
    while j < len(toks) and j - after < _MAX_SUBJECT and toks[j].tag in _SUBJECT:
        j += 1
    if j >= len(toks) or toks[j].tag not in _FINITE:
        return False
    finite = [n for n, t in enumerate(left) if t.tag in _FINITE]
    if finite:
        # a clause glued to the next one: the word before the capital ends the clause (not an
        # attributive adjective, "the southern Indian peninsula"), and no new clause opened
        # after the verb ("..., but today Judaism is", "reported that two Israelis had")
        if left[-1].tag not in _ENDS or left[-1].tag == "JJ" and len(left) > 1 and \
                left[-2].tag not in ("NN", "NNS", "RB") and not left[-2].tag.startswith("VB"):
            return False
        return not any(t.tag in _OPENS or t.text == "," or t.text.lower() in _SUBORDINATORS
                       for t in left[finite[-1] + 1:])
    return left[0].tag in _HEADING_START and left[-1].tag in _HEADING_END and \
        not any(t.text == "," for t in left)


class HeadingGluedToSentence(Rule):
    """A heading or a sentence glued to the next sentence: "Diet after surgery Fatty meals may ...".

    What it does
    Finds a common English word (a noun, an adjective, a gerund) written with a capital letter in
    mid-sentence, right after a lower-case noun, adjective, adverb or number with nothing but a
    space between them, followed by a lower-case word and, within a few words, by the finite
    verb of the clause it opens, when the words before it are a unit of their own: a clause
    with its own finite verb (a full stop was lost: "The swelling goes down in a week Gentle
    exercise can start"), or a heading that opens with a noun, adjective or gerund, ends with
    a noun and has no verb (a line break was lost: "Unsafe clinics Non-specialists do not know
    the dose"). Capitalised function words are TR006's. Names and proper adjectives inside a
    phrase pass ("the southern Indian peninsula", "By this time Lindsay had"), and so do titles
    before a name ("Professor Jalali") and lines in Title Case.

    Why is this bad?
    The reader runs a heading into the sentence below it and has to find where one ends and the
    other begins; search engines and screen readers lose the heading.

    Example
    Recovery after knee surgery Walking with crutches is needed for two weeks.

    Use instead
    Recovery after knee surgery
    Walking with crutches is needed for two weeks.

    Severity
    Minor: a layout error; the words are all there (MQM Fluency/Punctuation).

    References
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    W3C WAI, Headings: https://www.w3.org/WAI/tutorials/page-structure/headings/
    """

    code = "TR039"
    name = "heading-glued-to-sentence"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        text = ctx.text
        for _, segs in groupby(ctx.segments, key=lambda s: s.block):
            segs = list(segs)
            if segs[0].block_kind not in ("paragraph", "list_item"):
                continue
            toks = [t for s in segs for t in s.tokens]
            words = [t for t in toks if t.text.isalpha()]
            if not words or sum(w.text[0].isupper() for w in words) / len(words) > MAX_TITLE_CASE_SHARE:
                continue
            for k in range(1, len(toks) - 1):
                prev, tok = toks[k - 1], toks[k]
                word, last, after = tok.text, tok, k + 1
                if toks[after].text == "-" and after + 2 < len(toks) \
                        and text[tok.end:toks[after + 1].start] == "-":
                    last = toks[after + 1]  # "Non-specialists": spaCy splits the hyphen
                    word, after = text[tok.start:last.end], after + 2
                nxt = toks[after] if after < len(toks) else None
                if len(word) < 3 or not word[0].isupper() or not word[1:].replace("-", "").islower() \
                        or word in CAPITALISED_FUNCTION_WORDS or tok.tag not in _STARTS:
                    continue
                if prev.tag not in _ENDS or not prev.text[:1].islower() or len(prev.text) < 2 \
                        or text[prev.end:tok.start] != " ":
                    continue
                if nxt is None or not nxt.text.isalpha() or not nxt.text.islower():
                    continue
                if not _two_units(toks, segs, k, after):
                    continue
                head = word.lower().split("-")[-1]
                if head not in vocab.dictionary or vocab.frequency(head) < _MIN_ZIPF:
                    continue
                yield Match(tok.start, last.end,
                            f'"{word}" starts a new sentence in mid-sentence, after "{prev.text}": '
                            "a heading or a sentence was glued to it (a lost line break or full "
                            "stop).",
                            suggestion=f"{prev.text}.\n{word}",
                            evidence={"previous": prev.text}, confidence=0.6)
