from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import can_be_verb

_WH = {"how", "why", "when", "where", "what", "which", "whom", "whose"}
_HOW_DEGREE = {"long", "much", "many", "often", "old", "soon", "far", "early", "late", "big", "large",
               "serious", "painful", "effective", "safe", "common"}
_NOUN_PHRASE = ("DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "HYPH", "POS")
_SUBJECT_PRONOUNS = {"it", "they", "he", "she", "we", "this", "that", "these", "those"}
_FINITE = ("VBZ", "VBP", "VBD", "MD")
_OPENERS = {"and", "or", "but"}
MIN_TOKENS = 4


class UninvertedQuestion(Rule):
    """A question that keeps the order of a statement: "How rhinoplasty is done?", "Why back
    pain happens?", "Up to what age the surgery can be performed?".

    What it does
    Reads sentences that end with a question mark and open (or open a clause after "and", "or"
    or a comma) with a question word: "how", "why", "when", "where", "what", "which", with what
    belongs to it ("how long", "how many sessions", "what age", "which of these", "in which
    cases", "up to what age"). When a noun phrase or a subject pronoun follows and then the
    verb or its auxiliary ("How rhinoplasty is done?"), the subject stands before the verb as
    in a statement, where English inverts them or uses "do" ("How is rhinoplasty done?", "Why
    does back pain happen?"). A question whose question word is the subject passes ("What
    causes back pain?", "Which doctor treats sciatica?", "How many patients need surgery?"),
    and so do inverted questions, indirect questions inside a sentence ("Do you know how it is
    done?"), headings without a question mark ("How the body heals") and tag questions ("...,
    doesn't it?").

    Why is this bad?
    Persian asks a question with the word order of the statement ("chera kamar dard ijad
    mishavad?", literally "why back pain happens?"); machine translation keeps it, and FAQ
    pages, where every heading is a question, are full of it.

    Example
    How long the recovery takes after rhinoplasty?

    Use instead
    How long does the recovery take after rhinoplasty?

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Questions: wh-questions (word order): https://dictionary.cambridge.org/grammar/british-grammar/questions-wh-questions
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR091"
    name = "uninverted-question"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            if len(toks) < MIN_TOKENS or not seg.text.rstrip().endswith("?") or _tag_question(toks):
                continue
            for start in _clause_starts(toks):
                found = _uninverted(toks, start)
                if found is None:
                    continue
                first, verb = found
                yield Match(toks[first].start, toks[verb].end,
                            f'The question keeps the order of a statement ("{toks[first].text} ... '
                            f'{toks[verb].text}"): English puts the auxiliary before the subject, or '
                            f'uses "do" ("How is it done?", "Why does it happen?").',
                            evidence={"subject": toks[first].text.lower(), "verb": toks[verb].text.lower()},
                            confidence=0.75)
                break


def _clause_starts(toks):
    """Where a question may start: the sentence's first word, after an opening preposition
    ("In which cases", "Up to what age"), and after "and"/"or"/"but" or a comma."""
    yield _after_prepositions(toks, 0)
    if toks[0].text.lower() not in _WH and toks[0].tag not in ("MD", "VBZ", "VBP", "VBD"):
        return  # "Tell us where it was and what they saw?": questions inside a request
    for i, t in enumerate(toks[:-2]):
        # the last clause only ("..., and when he was dying, ...?" is a clause of time), and
        # not a relative clause ("..., towards which we have ...", "and with whom we ...")
        if (t.text.lower() in _OPENERS or t.text == ",") and not any(u.text == "," for u in toks[i + 1:]) \
                and toks[i + 1].text.lower() in _WH - {"which", "whom", "whose"}:
            yield i + 1


def _after_prepositions(toks, k: int) -> int:
    j = k
    while j < len(toks) and j - k < 2 and (toks[j].tag in ("IN", "TO") or toks[j].text.lower() == "up") \
            and toks[j].text.lower() not in _WH:
        j += 1
    return j if j < len(toks) and toks[j].text.lower() in _WH else k


def _uninverted(toks, k: int):
    """(first word of the subject, the verb) when the question word at toks[k] is followed by a
    subject and then its verb, else None."""
    if k >= len(toks) or toks[k].text.lower() not in _WH:
        return None
    wh = toks[k].text.lower()
    j = k + 1
    noun_after_wh = False
    if wh == "how" and j < len(toks) and toks[j].text.lower() in _HOW_DEGREE:
        j += 1
        if toks[j - 1].text.lower() in ("many", "much") and j < len(toks) and toks[j].tag in ("NN", "NNS"):
            j += 1  # "how many sessions": the noun belongs to the question word
    elif wh in ("what", "which", "whose"):
        if j < len(toks) and toks[j].text.lower() == "of":
            j += 1  # "which of these exercises"
            while j < len(toks) and toks[j].tag in _NOUN_PHRASE:
                j += 1
        else:
            while j < len(toks) and toks[j].tag == "JJ" and j - k <= 2:
                j += 1
            if j < len(toks) and toks[j].tag in ("NN", "NNS"):
                j += 1  # "what age", "which cases": one noun belongs to the question word
                noun_after_wh = True
            if j < len(toks) and toks[j].text.lower() == "of":
                j += 1  # "what kind of doctor"
                while j < len(toks) and toks[j].tag in _NOUN_PHRASE:
                    j += 1
    if j < len(toks) - 1 and toks[j].text == ",":
        j += 1  # "Up to what age, rhinoplasty can be done?"
    if j >= len(toks) or toks[j].tag in _FINITE or toks[j].tag.startswith("VB"):
        return None  # inverted ("how is"), or the question word is the subject ("what causes")
    first = j
    if toks[j].text.lower() in _SUBJECT_PRONOUNS and toks[j].tag in ("PRP", "DT"):
        j += 1
    else:
        while j < len(toks) and toks[j].tag in _NOUN_PHRASE:
            j += 1
        if j == first:
            return None
        # "Which doctor treats": the question word's own noun, read as a subject; "of" phrases
        # after the subject ("the cost of the operation") belong to it
        while j + 1 < len(toks) and toks[j].text.lower() == "of" and toks[j + 1].tag in _NOUN_PHRASE:
            j += 1
            while j < len(toks) and toks[j].tag in _NOUN_PHRASE:
                j += 1
    while j < len(toks) and toks[j].tag == "RB" and toks[j].text.lower() not in ("not", "n't"):
        j += 1
    if j < len(toks) and toks[j].tag in _FINITE:
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if nxt is not None and (nxt.tag == "PRP" or nxt.tag in ("DT", "PRP$") and toks[j].tag in ("MD", "VBP", "VBZ")
                                and toks[j].lemma.lower() in ("do", "can", "will", "should", "must", "may", "would", "could")):
            return None  # "What programming language should I learn?": a compound after the question word
        if any(t.text == "," for t in toks[j + 1:]):
            return None  # "When Christians loved ..., ...?": a clause of time before the question
        if noun_after_wh and toks[j].tag != "MD" and toks[j].lemma.lower() not in ("be", "have", "do"):
            return None  # "What vitamin deficiency causes cramps?": a compound that is the subject
        return first, j
    last = j - 1
    if last > first and toks[last].tag == "NNS" and can_be_verb(toks[last].text) \
            and toks[last - 1].tag in ("NN", "JJ") and not any(t.tag in _FINITE for t in toks[j:]):
        return first, last  # "How much the operation costs?": the verb, read as a plural noun
    return None


def _tag_question(toks) -> bool:
    """"..., doesn't it?", "..., isn't it?": a statement with a tag."""
    tail = [t.text.lower() for t in toks[-5:]]
    return "," in tail and any(w in ("n't", "not") for w in tail)
