from __future__ import annotations

from pipeline.rules.base import Match, Rule

# quantifiers that need "of" before a determined noun phrase ("most of the patients"); "all",
# "both" and "half" do not ("all the patients", "both the knees", "half the dose")
# ("either the X or the Y" is a correlative; "how much the world changes" an adverb)
_QUANTIFIERS = {"one", "some", "many", "most", "several", "each", "few", "any", "none"}
_DETERMINERS = {"the", "these", "those", "my", "your", "his", "her", "its", "our", "their"}
# verbs after which the quantifier is the complement, not an object ("is one the best")
_LINKING = {"be", "become", "remain"}
# "take one the next morning", "another the night before": a time phrase, not a partitive
_TIME_NOUNS = {"day", "night", "morning", "evening", "afternoon", "week", "month", "year",
               "weekend"}
_TIME_ADJECTIVES = {"next", "following", "previous"}


class QuantifierWithoutOf(Rule):
    """A quantifier before "the", "these" or a possessive with no "of": "one the most famous
    surgeons", "most the patients", "each these methods".

    What it does
    Finds "one", "some", "many", "most", "several", "each", "few", "any" or "none" followed
    at once by "the", "these", "those" or a possessive ("my", "their", ...) and a word of its
    noun phrase. "All", "both" and "half" pass ("all
    the patients", "half the dose"), as do "none the worse" (a comparative), a time phrase
    ("take one the next morning") and a quantifier after a verb, which is its object ("the
    nurse gives each the same dose").

    Why is this bad?
    Persian joins the quantifier to its noun with the ezafe ("yeki az mashhur-tarin
    jarrahan", "aksar-e bimaran"); machine translation drops the "az" or renders the ezafe as
    nothing, and English loses the "of" it needs before a determined noun phrase.

    Example
    He is one the most famous surgeons in Iran. Most the patients recover quickly.

    Use instead
    He is one of the most famous surgeons in Iran. Most of the patients (or: Most patients)
    recover quickly.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Determiners used as pronouns ("some of the", "most of the"): https://dictionary.cambridge.org/grammar/british-grammar/determiners-used-as-pronouns
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR081"
    name = "quantifier-without-of"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 2):
                quant, det, nxt = toks[i], toks[i + 1], toks[i + 2]
                if quant.text.lower() not in _QUANTIFIERS or \
                        det.text.lower() not in _DETERMINERS or \
                        nxt.tag in ("JJR", "RBR") or not nxt.text[:1].isalnum():
                    continue  # "none the worse", "the" at the end of a phrase
                prev = toks[i - 1] if i > 0 else None
                if prev is not None and (prev.tag.startswith("VB") and
                                         prev.lemma.lower() not in _LINKING or
                                         prev.text.lower() in ("of", "to", "than")):
                    continue  # "gives each the same dose": the quantifier is an object
                words = {t.text.lower() for t in toks[i + 2:i + 5]}
                if det.text.lower() == "the" and (words & _TIME_NOUNS or
                                                  nxt.text.lower() in _TIME_ADJECTIVES):
                    continue  # "take one the next morning", "another the day before"
                fixed = f"{quant.text} of {det.text}"
                yield Match(quant.start, det.end,
                            f'"{quant.text} {det.text}" needs "of": "{fixed} ...".',
                            suggestion=fixed, confidence=0.8)
