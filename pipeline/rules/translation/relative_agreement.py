from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import number_agreement

_RELATIVE = {"who", "which", "that"}
# singular nouns that British English may treat as plural ("the team who have")
_GROUPS = {"team", "family", "group", "committee", "government", "public", "couple", "majority",
           "minority", "number", "pair", "couple", "board", "council", "class", "company"}


# "one of the surgeons who has": the verb may agree with the word before "of"
_PART = {"one", "each", "any", "none", "range", "series", "number", "set", "list", "kind", "type",
         "variety", "group", "combination", "mix", "couple", "pair", "majority", "rest", "part"}


def _counted_part(toks, i: int) -> bool:
    """The noun toks[i] sits in an "of" phrase after a word that counts or groups it."""
    for k in range(max(1, i - 4), i):
        if toks[k].text.lower() == "of" and toks[k - 1].text.lower() in _PART:
            return True
    return False


class RelativeClauseAgreement(Rule):
    """A relative clause whose verb does not agree with the noun it describes: "patients who
    has", "the devices which is", "a person who have".

    What it does
    Finds a noun followed at once by "who", "which" or "that" and a present-tense verb of the
    other number: a plural noun (spaCy's NNS) with a third-person singular verb (VBZ: "has",
    "is", "strengthens"), or a singular noun (NN) with a plural present verb (VBP: "have",
    "are", "need"). Passing: a noun inside an "of" phrase ("one of the surgeons who has", "a
    range of treatments that is", where the verb may agree with the first noun), nouns that are
    the same in the plural or name a group ("staff", "the team who have"), and relative clauses
    after a comma ("..., which is why").

    Why is this bad?
    Persian verbs agree loosely with inanimate and collective subjects, and machine translation
    picks the verb form of a relative clause without looking back at its noun. The reader
    stumbles, and may attach the clause to the wrong noun.

    Example
    Those patients who has had the operation need a check-up. A person who have diabetes should
    check their feet.

    Use instead
    Those patients who have had the operation need a check-up. A person who has diabetes should
    check their feet.

    Severity
    Minor: the meaning is usually clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Relative pronouns: https://dictionary.cambridge.org/grammar/british-grammar/relative-pronouns
    Cambridge Dictionary, Grammar, Subject-verb agreement (concord): https://dictionary.cambridge.org/grammar/british-grammar/concord
    """

    code = "TR048"
    name = "relative-clause-agreement"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        invariant = number_agreement.load()["same_in_plural"]
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 2):
                noun, rel, verb = toks[i], toks[i + 1], toks[i + 2]
                if rel.text.lower() not in _RELATIVE or rel.tag not in ("WP", "WDT"):
                    continue
                low = noun.text.lower()
                plural = noun.tag == "NNS" and noun.lemma.lower() != low and verb.tag == "VBZ"
                singular = noun.tag == "NN" and verb.tag == "VBP" and not low.endswith("s")
                if not (plural or singular) or low in invariant or low in _GROUPS \
                        or not noun.text.isalpha() \
                        or _counted_part(toks, i):
                    continue
                want = "plural" if plural else "singular"
                yield Match(noun.start, verb.end,
                            f'"{verb.text}" does not agree with "{noun.text}": the noun is '
                            f'{want}, so the verb of its relative clause must be {want} too.',
                            evidence={"noun": low, "verb": verb.text.lower()}, confidence=0.75)
