from __future__ import annotations

from pipeline.rules.base import Match, Rule

# subjects that speak of every member of a group
_UNIVERSAL_DETERMINERS = {"all", "every"}
_UNIVERSAL_PRONOUNS = {"everyone", "everybody"}
# the verbs whose "not" makes the sentence say "none" where "not all" was meant; modals of
# obligation pass ("all patients should not eat": none of them should)
_AUXILIARIES = {"is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would",
                "ca", "wo"}  # "ca"/"wo": "can't" and "won't" as spaCy splits them
_NOT = {"not", "n't"}
# what a subject's noun phrase is made of ("all types of hair loss", "all of these symptoms")
_PHRASE = {"DT", "PDT", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP$", "POS", "HYPH"}
# prepositions inside a subject's phrase ("all patients with diabetes")
_PREPOSITIONS = {"of", "in", "with", "on", "at", "for", "from", "after", "before", "over", "under",
                 "during", "about", "without"}
_NOUNS = {"NN", "NNS", "NNP", "NNPS"}
_OBJECT_PRONOUNS = {"them", "us", "you", "these", "those"}
# where a clause can start: the sentence's start, or after these
_CLAUSE_OPENERS = {",", ";", ":", "but", "and", "so", "however"}
_WINDOW = 8


class NegatedUniversal(Rule):
    """"All X are not ...": a negated verb after "all" or "every", where English says "not all".

    What it does
    Finds a clause whose subject is "all ...", "every ...", "everyone" or "everybody" and whose
    verb ("is", "are", "do", "can", ...) is negated: "All moles are not dangerous", "Every
    cough does not need antibiotics". Modals of obligation pass ("All patients should not
    eat": none of them may), as do "all" inside a phrase ("after all", "all in all", "almost
    all"), "all this/that" and a "not" inside a relative clause ("all patients who do not
    respond ...").

    Why is this bad?
    Persian negates the verb ("hame-ye khal-ha khatarnak nistand", literally "all moles are
    not dangerous") where English negates the quantifier ("not all moles are dangerous").
    Rendered word by word, the English says "no mole is dangerous", the opposite of what was
    meant, or leaves the reader to guess.

    Example
    All moles are not dangerous, but some need a biopsy.

    Use instead
    Not all moles are dangerous, but some need a biopsy.

    Severity
    Minor: usually read as meant, but it can be read as the opposite (MQM Accuracy/Ambiguity
    through a word-order error; reported as Fluency/Grammar).

    References
    Merriam-Webster, Usage notes, "All ... not" (negation of "all"): https://www.merriam-webster.com/dictionary/all
    Cambridge Dictionary, Grammar, All: https://dictionary.cambridge.org/grammar/british-grammar/all
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR079"
    name = "negated-universal"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i, tok in enumerate(toks):
                if not _opens_clause(toks, i):
                    continue
                negation = _negated_verb(toks, i)
                if negation is None:
                    continue
                verb, neg = negation
                subject = ctx.text[tok.start:toks[verb - 1].end]
                fixed = f"Not {subject[:1].lower()}{subject[1:]}" if tok.text.lower() != "every" \
                    else f"Not every {subject.split(None, 1)[1]}"
                yield Match(tok.start, toks[neg].end,
                            f'"{ctx.text[tok.start:toks[neg].end]}" negates the verb, so it reads '
                            f'as "none": when "not all" is meant, English writes "{fixed} '
                            f'{_positive(toks[verb].text)} ..."; when none is meant, "none of ..." '
                            f'or "no ...".',
                            suggestion=f"{fixed} {_positive(toks[verb].text)}", confidence=0.6)


def _opens_clause(toks, i: int) -> bool:
    low = toks[i].text.lower()
    if low not in _UNIVERSAL_DETERMINERS | _UNIVERSAL_PRONOUNS:
        return False
    return i == 0 or toks[i - 1].text.lower() in _CLAUSE_OPENERS


def _negated_verb(toks, i: int) -> tuple[int, int] | None:
    """(verb, not) when toks[i] opens a universal subject whose verb is negated."""
    k = i + 1
    if toks[i].text.lower() in _UNIVERSAL_DETERMINERS:
        while k < len(toks) and k - i <= _WINDOW and _in_subject(toks, k):
            k += 1
        head = toks[k - 1]
        if k == i + 1 or not (head.tag in _NOUNS or head.tag == "VBZ" or
                              head.text.lower() in _OBJECT_PRONOUNS):
            return None  # "all this does not mean ...", "after all, it does not"
    if k + 1 >= len(toks) or toks[k].text.lower() not in _AUXILIARIES or \
            toks[k + 1].text.lower() not in _NOT:
        return None
    return k, k + 1


def _in_subject(toks, k: int) -> bool:
    tok, low = toks[k], toks[k].text.lower()
    if low in _PREPOSITIONS:
        return True  # "all lumps in the breast", "all of these symptoms"
    if low in _OBJECT_PRONOUNS:
        return toks[k - 1].text.lower() == "of"  # "all of them"
    if tok.tag == "VBZ" and toks[k - 1].text.lower() in _UNIVERSAL_DETERMINERS:
        return True  # a plural the tagger took for a verb: "all lumps in the breast"
    return tok.tag in _PHRASE and low not in ("this", "that")


def _positive(verb: str) -> str:
    """The verb of "can't", "won't", "don't" without its negation ("can", "will", "do")."""
    return {"ca": "can", "wo": "will"}.get(verb.lower(), verb)
