from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data

_OBJECTS = frozenset(("me", "you", "us", "him", "her", "them", "out"))  # "tell you", "find out"
_ADVERB_WH = frozenset(("how", "when", "where", "why"))
_SUBJECT_WH = frozenset(("what", "which", "who"))
_HOW_WORDS = frozenset(("much", "many", "long", "often", "old"))  # "how much is the cost"
_FINITE_BE = frozenset(("is", "are", "was", "were"))
_PLURAL_BE = frozenset(("are", "were"))
_DETERMINERS = ("DT", "PRP$")
_NOUNS = ("NN", "NNS", "NNP", "NNPS")


class InvertedEmbeddedQuestion(Rule):
    """A question inside a sentence with the word order of a direct question: "to know what are
    the complications", "we explain how is the recovery".

    What it does
    Finds a verb that introduces an indirect question (pipeline/rules/data/grammar_words.yaml
    `question_embedding_verbs`: "know", "explain", "ask", "wonder", "tell", "see" ...; an object
    pronoun or "out" may follow it: "tells you", "find out") followed by a question word and a
    finite "be" that comes before its subject, a noun phrase opened by a determiner: "how/when/
    where/why (how much, how long ...) is the ...", and "what/which/who are the ..." (the plural
    verb shows that the noun phrase after it, not the question word, is the subject). "what is
    the matter" passes, as the question word may be the subject of a singular "is"; so do "what
    is causing", "what is best" and direct questions ("How is the recovery?").

    Why is this bad?
    English puts an indirect question in statement order: "what the complications are", "how
    the recovery is". Persian does not change the order of a question when it is embedded, and
    machine translation keeps the direct-question order.

    Example
    If you want to know what are the complications of this surgery, read on.

    Use instead
    If you want to know what the complications of this surgery are, read on.

    Severity
    Minor: the meaning is clear (MQM Fluency/Word order).

    References
    M. Swan, Practical English Usage, 3rd ed., Oxford University Press 2005 (indirect speech: questions keep statement order)
    Cambridge Dictionary, Grammar, Reported speech: indirect speech (reported questions): https://dictionary.cambridge.org/grammar/british-grammar/reported-speech-indirect-speech
    MQM core typology, Fluency/Word order: https://themqm.org/error-types-2/typology/
    """

    code = "TR096"
    name = "inverted-embedded-question"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Word order"

    def check(self, ctx):
        verbs = grammar_data.load()["question_embedding_verbs"]
        for seg in ctx.segments:
            toks = seg.tokens
            for j, tok in enumerate(toks):
                if not tok.tag.startswith("VB") or tok.lemma.lower() not in verbs:
                    continue
                found = _inverted(toks, j + 1)
                if found is None:
                    continue
                wh, be, end = found
                subject = ctx.text[toks[be + 1].start:toks[end].end]
                question = ctx.text[toks[wh].start:toks[be - 1].end]
                yield Match(toks[wh].start, toks[end].end,
                            f'An indirect question keeps statement order: "{question} '
                            f'{subject} {toks[be].text}", not "{question} {toks[be].text} '
                            f'{subject}".', suggestion=f"{question} {subject} {toks[be].text}",
                            evidence={"verb": tok.text, "question_word": toks[wh].text.lower()},
                            confidence=0.65)


def _inverted(toks, k: int) -> tuple[int, int, int] | None:
    """(question word, "be", last token of the subject) of an inverted indirect question that
    starts at or just after token k, or None."""
    if k < len(toks) and toks[k].text.lower() in _OBJECTS:
        k += 1
    if k >= len(toks):
        return None
    wh = k
    low = toks[wh].text.lower()
    if low == "how" and k + 1 < len(toks) and toks[k + 1].text.lower() in _HOW_WORDS:
        k += 1
    be = k + 1
    if be + 2 >= len(toks) or toks[be].text.lower() not in _FINITE_BE or \
            toks[be + 1].tag not in _DETERMINERS:
        return None
    if not (low in _ADVERB_WH or low in _SUBJECT_WH and toks[be].text.lower() in _PLURAL_BE):
        return None
    end = be + 2
    while end < len(toks) and end - be <= 4 and toks[end].tag not in _NOUNS:
        if toks[end].tag not in ("JJ", "JJS", "JJR", "RBS", "RB", "CD", "HYPH"):
            return None
        end += 1
    if end >= len(toks) or toks[end].tag not in _NOUNS:
        return None
    while end + 1 < len(toks) and toks[end + 1].tag in _NOUNS:
        end += 1
    return wh, be, _of_phrase(toks, end)


def _of_phrase(toks, end: int) -> int:
    """The end of the subject with one "of" phrase after its noun ("the complications of this
    surgery"), or `end` when none follows."""
    k = end + 1
    if k + 1 >= len(toks) or toks[k].text.lower() != "of":
        return end
    k += 1
    while k < len(toks) and toks[k].tag in ("DT", "PRP$", "JJ", "CD", "HYPH"):
        k += 1
    if k >= len(toks) or toks[k].tag not in _NOUNS:
        return end
    while k + 1 < len(toks) and toks[k + 1].tag in _NOUNS:
        k += 1
    return k
