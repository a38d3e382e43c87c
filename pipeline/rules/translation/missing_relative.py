from __future__ import annotations

from pipeline.rules.base import Match, Rule

_BE = {"is", "are", "was", "were"}
_NOUN_PHRASE = {"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "HYPH", "CD"}
# nouns whose "is" may take a clause without "that": "the problem is a patient needs care"
_CLAUSE_NOUNS = {"problem", "reason", "fact", "point", "result", "idea", "truth", "answer",
                 "rule", "thing", "worry", "concern", "risk", "chance", "hope", "advantage",
                 "benefit", "danger", "difference", "question", "belief", "view", "assumption"}


class MissingRelativePronoun(Rule):
    """A relative clause with no "that" or "which" after "is a ...": "It is a charity centre
    provides free care", "Botox is a protein relaxes the muscles".

    What it does
    Finds "is", "are", "was" or "were", then "a" or "an" and a noun phrase, followed at once by
    a verb in the present tense ("provides", "relax"; not "is"/"are", which ends a clause in the
    subject: "the claim that no man is a waste is ..."): the verb of a relative clause whose
    "that"/"which" was lost. A clause after nouns such as "problem", "reason" or "fact" passes
    ("the problem is a patient needs care": a clause with "that" left out, which English
    allows).

    Why is this bad?
    Persian joins a relative clause with "ke", which machine translation sometimes drops, and
    English cannot leave out a relative pronoun that is the subject of its clause: the sentence
    reads as two clauses run together.

    Example
    It is a charity centre provides free care for cancer patients.

    Use instead
    It is a charity centre that provides free care for cancer patients.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Relative pronouns (a subject relative pronoun cannot be left out): https://dictionary.cambridge.org/grammar/british-grammar/relative-pronouns
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR084"
    name = "missing-relative-pronoun"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(1, len(toks) - 3):
                be, art = toks[i], toks[i + 1]
                if be.text.lower() not in _BE or art.text.lower() not in ("a", "an") or \
                        toks[i - 1].text.lower() in _CLAUSE_NOUNS:
                    continue
                k = i + 2
                while k < len(toks) and k - i <= 6 and toks[k].tag in _NOUN_PHRASE:
                    k += 1
                if k == i + 2 or k >= len(toks) or toks[k - 1].tag not in ("NN", "NNS", "NNP") \
                        or toks[k].tag not in ("VBZ", "VBP") or toks[k].text.lower() in _BE:
                    continue  # "the claim that no man is a waste is ...": the main verb
                noun = toks[k - 1]
                yield Match(noun.start, toks[k].end,
                            f'"{noun.text} {toks[k].text}": the relative clause after '
                            f'"{noun.text}" has lost its "that" (or "which"/"who"): "{noun.text} '
                            f'that {toks[k].text} ...".',
                            suggestion=f"{noun.text} that {toks[k].text}", confidence=0.7)
