from __future__ import annotations

from pipeline.rules.base import Match, Rule

# prepositions that take a noun phrase, and the conjunction that takes a clause in their place
_PREPOSITIONS = {("due", "to"): "because", ("because", "of"): "because",
                 ("owing", "to"): "because", ("despite",): "although",
                 ("in", "spite", "of"): "although"}
# the words of a noun phrase before its head, and the head
_NP_MODIFIERS = ("DT", "PDT", "PRP$", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS",
                 "HYPH", "POS", "VBN")
_HEADS = ("NN", "NNS", "NNP", "NNPS", "PRP")
_DETERMINERS = ("DT", "PDT", "PRP$")
# the finite verbs that show a clause: forms of "be", "have" and "do" and modals, which the
# tagger does not confuse with plural nouns or participles ("due to the drug costs")
_FINITE_AUXILIARIES = {"is", "are", "was", "were", "has", "have", "had", "does", "do", "did"}
_NOUN_AFTER_IN_ORDER_TO = ("DT", "PRP$", "NN", "NNS", "JJ", "PDT")
MAX_PHRASE = 6


class PrepositionBeforeClause(Rule):
    """A preposition used as a conjunction before a whole clause: "due to the muscles are
    weak", "despite the surgery is simple", and "in order to" before a noun ("in order to the
    preparation of the skin").

    What it does
    Finds "due to", "because of", "owing to", "despite" and "in spite of" followed by a noun
    phrase (or a subject pronoun; the phrase may end in an "of" phrase) and a finite form of
    "be", "have" or "do" or a modal: a subject and its verb, which a preposition cannot take.
    The suggestion is the conjunction ("because", "although"); inside a sentence the verb must
    be followed by its complement, not by a participle (there it may be the sentence's own
    verb). Also "in order to" followed by a determiner, an adjective or a
    noun instead of a verb ("for" is suggested). Passing: a noun phrase alone ("due to the
    weakness of the muscles"), a relative clause inside it ("because of the drugs the patient
    takes", "due to the patients who came late"), an -ing clause ("due to the muscles being
    weak"), "the fact that" and "in order to" with a verb.

    Why is this bad?
    Persian "be dalil-e" ("because of") and "ba vojud-e" ("despite") open both noun phrases and
    clauses ("be dalil-e inke ..."), and machine translation keeps the preposition before the
    clause. The sentence is ungrammatical and may be read in two ways.

    Example
    The pain increases due to the muscles are weak. Despite the surgery is simple, rest is
    needed.

    Use instead
    The pain increases because the muscles are weak. Although the surgery is simple, rest is
    needed.

    Severity
    Minor: the meaning is recoverable (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, "Due to": https://dictionary.cambridge.org/grammar/british-grammar/due-to
    Cambridge Dictionary, Grammar, "Despite and in spite of": https://dictionary.cambridge.org/grammar/british-grammar/despite-and-in-spite-of
    Cambridge Dictionary, Grammar, "In order to": https://dictionary.cambridge.org/grammar/british-grammar/in-order-to
    """

    code = "TR087"
    name = "preposition-before-clause"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            words = [t.text.lower() for t in toks]
            for i in range(len(toks)):
                for phrase, conjunction in _PREPOSITIONS.items():
                    end = i + len(phrase)
                    opens = i == 0 or toks[i - 1].tag in (",", "CC", ":")
                    if tuple(words[i:end]) == phrase and _clause_follows(toks, end, opens):
                        shown = seg.text[toks[i].start - seg.start:toks[end - 1].end - seg.start]
                        right = conjunction.capitalize() if shown[0].isupper() else conjunction
                        yield Match(toks[i].start, toks[end - 1].end,
                                    f'"{shown}" takes a noun phrase, but a subject and its verb '
                                    f'follow: English opens a clause with "{right}".',
                                    suggestion=right, evidence={"preposition": shown.lower()},
                                    confidence=0.75)
                if tuple(words[i:i + 3]) == ("in", "order", "to") and i + 3 < len(toks) \
                        and toks[i + 3].tag in _NOUN_AFTER_IN_ORDER_TO \
                        and words[i + 3] not in ("not", "better", "further"):
                    shown = seg.text[toks[i].start - seg.start:toks[i + 2].end - seg.start]
                    yield Match(toks[i].start, toks[i + 2].end,
                                f'"{shown}" is followed by a verb in English ("in order to '
                                f'prepare"), not by a noun phrase: "for" takes a noun phrase.',
                                suggestion="for", evidence={"preposition": "in order to"},
                                confidence=0.75)


def _noun_phrase(toks, j: int) -> tuple[int | None, int]:
    """(head, end) of the noun phrase at toks[j]; a determiner after its first word opens
    another phrase ("a fever the patient had": a relative clause), which ends it."""
    k = j
    while k < len(toks) and k - j < MAX_PHRASE and toks[k].tag in _NP_MODIFIERS \
            and (k == j or toks[k].tag not in _DETERMINERS):
        k += 1
    return (k - 1 if k > j else None), k


def _clause_follows(toks, j: int, opens: bool) -> bool:
    """Whether toks[j:] opens with a noun phrase (or a subject pronoun) and a finite verb.
    Inside a sentence (`opens` false) the verb may be the sentence's own, after a phrase that
    ends with the preposition ("mechanisms by which cells die due to the protein have been
    identified"): there the verb must be followed by its complement, not by a participle."""
    if j < len(toks) and toks[j].tag == "PRP":
        head, k = j, j + 1  # "due to it is"
    else:
        head, k = _noun_phrase(toks, j)
        if head is not None and k + 1 < len(toks) and toks[k].text.lower() == "of":
            head, k = _noun_phrase(toks, k + 1)  # "due to the blood supply of the tendon is"
    if head is None or toks[head].tag not in _HEADS or toks[head].text.lower() == "fact":
        return False
    if k < len(toks) and toks[k].tag == "RB":
        k += 1
    if k >= len(toks) or not (toks[k].tag == "MD" or toks[k].text.lower() in _FINITE_AUXILIARIES):
        return False
    if opens:
        return True
    nxt = k + 1
    while nxt < len(toks) and toks[nxt].tag == "RB":
        nxt += 1
    return nxt < len(toks) and toks[nxt].tag not in ("VBN", "VBG", "VB", "MD", ".", ",")
