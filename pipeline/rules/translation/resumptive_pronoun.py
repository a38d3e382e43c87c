from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns
from pipeline.rules.translation.resumptive_possessive import relative_with_pronoun

_SUBJECTS = {"it", "they", "he", "she"}
_OBJECT_START = ("DT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "CD", "PDT")
_BE = {"be", "is", "are", "was", "were", "been", "being", "'s"}
# nouns after which "that"/"which" may stand for "when", "where" or "how" ("the first time that it
# happened", "the way that it works"): the clause then has no gap to fill, and is still English
_ADJUNCT_NOUNS = {"way", "time", "times", "day", "days", "year", "years", "moment", "place", "point", "extent",
                  "degree", "reason", "case", "cases", "stage", "manner", "period", "age", "week", "month",
                  "hour", "night", "morning", "evening", "season", "date", "situation",
                  "level", "rate", "speed"}
# verbs that take no object: "which it happens", "who they live" leave nothing for the relative
# word to be but the subject
_INTRANSITIVE = {"happen", "occur", "arise", "exist", "appear", "originate", "die", "live", "remain", "seem",
                 "emerge", "belong", "recover", "sleep", "cough", "sneeze", "bleed", "swell", "ache"}
# verbs with two objects: in the passive one is left ("the exercises which they are shown")
_TWO_OBJECTS = {"give", "show", "tell", "send", "offer", "teach", "ask", "pay", "promise", "lend", "award",
                "grant", "allow", "deny", "charge", "owe", "bring", "hand", "prescribe", "sell", "recommend"}
# time words that follow a verb without being its object ("the patient that he saw yesterday")
_TIME_WORDS = {"yesterday", "today", "tomorrow", "tonight", "now", "daily", "weekly", "monthly", "yearly"}


class ResumptivePronoun(Rule):
    """A relative clause that repeats its subject as a pronoun: "a tape that it is used for
    injuries", "patients who they have diabetes", "a drug which it relaxes the muscles".

    What it does
    Finds a noun followed by "who", "which" or "that" and then "it", "they", "he" or "she",
    where the clause after the pronoun is already complete, so the relative word can only be its
    subject and the pronoun says the subject a second time:
    - a verb with its own object ("which it relaxes the muscles", "who they have diabetes");
    - a passive ("that it is used for sports injuries", "who they are born early"; not a verb of
      two objects, "the exercises which they are shown"), or "be" with an adjective ("which it
      is common in clinics"; not "to" after it: "a rule which it is important to follow");
    - a verb that takes no object ("which it happens", "who they live in the city").
    A clause with a gap passes: the object missing ("the patient that he saw yesterday", "the
    cream which they use at the clinic"), a preposition left at the end ("the method which it is
    based on"). "That" passes where it opens a content clause ("the fact that it is used", "said
    that it is important": the nouns of `content_clause_nouns` in
    pipeline/rules/data/grammar_patterns.yaml and verbs that take a "that" clause) or stands
    for "when" or "how" ("the first time that it happened", "the way that it works"), and so do
    "in which", "by whom" and the other relative words after a preposition.

    Why is this bad?
    Persian relative clauses keep a pronoun for the noun they describe ("navari ke an baraye
    ... estefade mishavad", literally "a tape that it for ... is used"). Machine translation
    carries it over; in English the clause reads as broken.

    Example
    Kinesio tape is a tape that it is used for sports injuries.

    Use instead
    Kinesio tape is a tape that is used for sports injuries.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Relative pronouns: https://dictionary.cambridge.org/grammar/british-grammar/relative-pronouns
    Swan, Practical English Usage (4th ed.), 2016, relatives: "the relative pronoun replaces a personal
    pronoun" (not "the man who he ...")
    """

    code = "TR090"
    name = "resumptive-pronoun"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        data = grammar_patterns.load()
        people, content = data["people_plurals"], data["content_clause_nouns"]
        for seg in ctx.segments:
            toks = seg.tokens
            # not after "those": "those that they ..." has a pronoun, not a noun, before the clause
            for i in relative_with_pronoun(toks, _SUBJECTS, people, content, after_comma=True,
                                           not_after=_ADJUNCT_NOUNS, after_those=False):
                rel, pron = toks[i], toks[i + 1]
                low = rel.text.lower()
                if _complete_clause(toks, i + 2):
                    yield Match(rel.start, pron.end,
                                f'"{rel.text} {pron.text}": the relative clause says its subject twice; '
                                f'English drops "{pron.text}" ("{rel.text} ...").',
                                suggestion=rel.text, evidence={"relative": low, "pronoun": pron.text.lower()},
                                confidence=0.75)


def _complete_clause(toks, k: int) -> bool:
    """Whether the words from toks[k] (after "that it", "who they") make a clause with no gap for
    the relative word to fill but the subject's."""
    while k < len(toks) and toks[k].tag in ("MD", "RB") and toks[k].text.lower() not in ("not", "n't"):
        k += 1
    if k >= len(toks) or not toks[k].tag.startswith("VB"):
        return False
    verb = toks[k]
    if verb.text.lower() in _BE or verb.lemma.lower() == "have" and _at_tag(toks, k + 1, "VBN"):
        j = k + 1
        while j < len(toks) and (toks[j].text.lower() in _BE or toks[j].tag == "RB"):
            j += 1
        if j >= len(toks):
            return False
        comp = toks[j]
        if comp.tag == "VBN":  # "is used for sports injuries", "are born early"; not "is based on."
            return comp.lemma.lower() not in _TWO_OBJECTS and not _stranded(toks, j + 1)
        if comp.tag in ("JJ", "JJR") and verb.text.lower() in _BE:
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            return nxt is None or nxt.tag != "TO" and nxt.text.lower() not in ("for", "enough")
        return False
    if verb.lemma.lower() in _INTRANSITIVE:
        return not _stranded(toks, k + 1)
    return _object_follows(toks, k + 1)


def _at_tag(toks, k: int, tag: str) -> bool:
    return k < len(toks) and toks[k].tag == tag


def _object_follows(toks, k: int) -> bool:
    """A noun phrase right after the verb: its object ("relaxes the muscles", "have diabetes")."""
    if k >= len(toks) or toks[k].tag not in _OBJECT_START or toks[k].text.lower() in _TIME_WORDS:
        return False
    j = k
    while j < len(toks) and toks[j].tag in _OBJECT_START:
        if toks[j].tag.startswith("NN"):
            return toks[j].text.lower() not in _TIME_WORDS and toks[j].lemma.lower() not in _ADJUNCT_NOUNS
        j += 1
    return False


def _stranded(toks, k: int) -> bool:
    """A preposition with nothing after it in its clause ("the city which they live in.", "the
    drug that it was replaced by in 2010")."""
    return k < len(toks) and toks[k].tag in ("IN", "RP") and (
        k + 1 >= len(toks) or toks[k + 1].tag in (".", ",", ":", "IN", "CC"))
