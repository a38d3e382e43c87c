from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.word_lists import word_lists

_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"}
# Words too common to tell two sentences apart.
_LIGHT = {"be", "have", "do", "can", "may", "will", "should", "must", "would", "could", "also",
          "very", "so", "then", "there", "here", "not", "more", "most", "such", "other", "this",
          "that", "these", "those", "it", "its", "one", "get", "make", "usually", "only", "well",
          "about", "around", "just", "even", "still", "much", "many", "way", "however",
          "therefore", "thus", "hence", "moreover", "furthermore", "addition"}
# Derivational endings stripped so that "removal" and "removing", "weakness" and "weaken" meet.
_SUFFIX = re.compile(r"(?:ations?|ments?|ness|ities|ity|ing|ions?|ed|en|al|ly|er|es|s|e)$")
MIN_SHARED = 4
MIN_SHARE_OF_SHORTER = 0.75
MIN_SHARE_OF_SHORTER_BRACKETED = 0.6  # a sentence in brackets after its source: an alternative
MIN_SHARE_OF_LONGER = 0.55  # more than half: a short sentence that shares one term and a verb is no repeat
WINDOW = 3  # sentences back within the paragraph, plus the end of the block before
MIN_LABEL_FREE = 12  # tokens from which an unpunctuated line counts as a sentence, not a label


def stems(tokens) -> frozenset[str]:
    """The content words of a sentence, lemmatised and stripped of derivational endings."""
    out = set()
    for t in tokens:
        if t.pos not in _CONTENT_POS or not t.text[:1].isalnum():
            continue
        lemma = t.lemma.lower()
        if lemma in _LIGHT:
            continue
        stem = _SUFFIX.sub("", lemma) if len(lemma) > 5 else lemma
        out.add(stem[:7])
    return frozenset(out)


_NAMING = re.compile(r"\b(?:called|named|known\s+as|referred\s+to\s+as|termed)\b", re.IGNORECASE)
MAX_TERM_WORDS = 4


def doubled_term(seg) -> tuple[int, int] | None:
    """Token span of a term rendered twice around "or" ("the synovial fluid, or synovial fluid",
    "overuse of the forearm muscles or overuse of forearm muscles"): the same two to four content
    words on both sides, determiners aside. Left to TR002 when both sides are the same words
    ("skeletal muscle or skeletal muscle"), and to TR013 after a naming verb ("called X or X")."""
    toks = seg.tokens
    for o, tok in enumerate(toks):
        if tok.text.lower() != "or" or o == 0:
            continue
        left_end = o - 1 if toks[o - 1].text == "," else o
        left = []
        k = left_end - 1
        while k >= 0 and toks[k].pos != "PUNCT" and len(left) < MAX_TERM_WORDS:
            if toks[k].pos in _CONTENT_POS:
                left.append(k)
            k -= 1
        right = [k for k in range(o + 1, min(len(toks), o + 2 * MAX_TERM_WORDS))
                 if toks[k].pos in _CONTENT_POS]
        for n in range(MAX_TERM_WORDS, 1, -1):
            if len(left) < n or len(right) < n:
                continue
            a = [toks[k].lemma.lower() for k in reversed(left[:n])]
            b = [toks[k].lemma.lower() for k in right[:n]]
            gap = toks[right[0]:right[n - 1] + 1]
            first, last = left[n - 1], right[n - 1]
            same = [t.text.lower() for t in toks[first:left_end]] == \
                [t.text.lower() for t in toks[o + 1:last + 1]]
            if a == b and not same and all(t.pos in _CONTENT_POS | {"DET", "ADP"} for t in gap) \
                    and not _NAMING.search(seg.text[:toks[first].start - seg.start]):
                return first, last + 1
    return None


def _sentence(seg) -> bool:
    """Whether the segment is a sentence, not a label: it ends with a sentence mark, or is long
    (a teaser paragraph that lost its full stop)."""
    return seg.text.rstrip().endswith((".", "!", "?", ")")) or len(seg.tokens) >= MIN_LABEL_FREE


def _restates(seg) -> bool:
    """Whether the sentence announces a deliberate restatement ("In other words, ...")."""
    openers = word_lists()["restatement_openers"]
    head = " ".join(t.text.lower() for t in seg.tokens[:5]).replace(" ,", ",")
    return any(head.startswith(o + ",") or head.startswith(o + " ") for o in openers)


class RepeatedRendering(Rule):
    """The same sentence rendered twice, once more garbled than the other.

    What it does
    Compares each sentence of running text (paragraphs, list items, and a title of more than one
    sentence) with the few sentences before it in the same paragraph and at the end of the block
    before (a paragraph or the teaser above the body; a heading restated by the sentence under it
    is ordinary writing and is not compared, nor is a label without a full stop): when they
    share at least four content words (lemmas, derivational endings stripped: "removal" meets
    "removing") making up three quarters of the shorter sentence and half of the longer, the later
    sentence is reported as a second rendering of the earlier one. A sentence in brackets is
    also compared with the two sentences before it together, and needs only 60% of the shorter
    (a parenthesised alternative translation).
    Questions and their answers, and deliberate restatements ("In other words, ...") pass. It
    also reports a term given twice around "or", determiners aside ("the synovial fluid, or
    synovial fluid"); a single word doubled is TR002's, and "called X or X" is TR013's.

    Why is this bad?
    The translator or the machine translation produced two versions of one source sentence and
    both were published: the reader meets the same statement twice, usually once in garbled
    English, and wonders whether the second says something new.

    Example
    Dry needling releases trigger points in tight muscles. Dry needling releases the points of
    trigger in the muscles that are tight.

    Use instead
    Dry needling releases trigger points in tight muscles.

    Severity
    Minor: nothing is lost, but the text is padded and partly garbled (MQM Accuracy/Addition).

    References
    MQM core typology, Accuracy/Addition: https://themqm.org/error-types-2/typology/
    """

    code = "TR031"
    name = "repeated-rendering"
    category = "translation"
    severity = "minor"
    mqm_type = "Accuracy/Addition"

    def check(self, ctx):
        segs = ctx.segments
        bags = [stems(s.tokens) for s in segs]
        for seg in segs:
            span = doubled_term(seg)
            if span is not None:
                first, last = seg.tokens[span[0]], seg.tokens[span[1] - 1]
                yield Match(first.start, last.end,
                            f'"{ctx.text[first.start:last.end]}" gives the same term twice, '
                            'joined by "or": two renderings of one source term were both kept.',
                            confidence=0.75)
        for i, seg in enumerate(segs):
            if seg.block_kind not in ("paragraph", "list_item", "title") or len(bags[i]) < MIN_SHARED \
                    or seg.text.rstrip().endswith("?") or not _sentence(seg) or _restates(seg):
                continue
            earlier = [j for j in range(max(0, i - WINDOW), i)
                       if segs[j].block in (seg.block, seg.block - 1)
                       and (segs[j].block == seg.block or segs[j].block_kind not in ("heading", "title"))
                       and _sentence(segs[j])
                       and not segs[j].text.rstrip().endswith("?")]
            candidates = [(j, bags[j]) for j in earlier]
            bracketed = seg.text.lstrip().startswith("(")
            if bracketed and len(earlier) >= 2:
                candidates.append((earlier[-2], bags[earlier[-2]] | bags[earlier[-1]]))
            share = MIN_SHARE_OF_SHORTER_BRACKETED if bracketed else MIN_SHARE_OF_SHORTER
            for j, bag in reversed(candidates):
                shared = bags[i] & bag
                if len(shared) >= MIN_SHARED \
                        and len(shared) >= share * min(len(bag), len(bags[i])) \
                        and len(shared) >= MIN_SHARE_OF_LONGER * max(len(bag), len(bags[i])):
                    end = seg.start + len(seg.text.rstrip())
                    yield Match(seg.start, end,
                                f'This sentence repeats "{_short(segs[j].text.strip())}" in other '
                                "words: two renderings of one source sentence were both kept.",
                                evidence={"repeats": segs[j].text.strip(),
                                          "shared": sorted(shared)}, confidence=0.7)
                    break


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."
