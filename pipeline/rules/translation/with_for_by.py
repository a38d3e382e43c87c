from __future__ import annotations

from pipeline.rules.base import Match, Rule

# what shows that the -ing form after "with" has an object: "using this method", "doing them"
_OBJECT_START = ("DT", "PRP$", "PRP", "CD", "PDT")
# -ing forms of verbs that always take an object, so that a noun after them is their object
# ("With doing exercises"), where "With increasing age" is an adjective and its noun
_TRANSITIVE = frozenset(("using", "doing", "taking", "performing", "applying", "sending",
                         "wearing", "following", "observing", "eating", "drinking", "giving",
                         "making", "receiving", "injecting", "prescribing", "removing",
                         "placing", "undergoing", "choosing", "avoiding", "consuming"))


class WithForBy(Rule):
    """A clause of means opened by "with" and an -ing form: "With using this method, the pain
    is reduced", where English says "By using".

    What it does
    Finds "With" at the start of a sentence or after a comma, followed by an -ing form that has
    an object: a determiner, a pronoun or a number right after it ("With using this method",
    "With taking a painkiller"), or a noun after a verb that always takes one ("With doing
    exercises"). "With increasing age", "With regard to" and "with" after a word it completes
    ("help with using the inhaler", "associated with using") pass.

    Why is this bad?
    Persian "ba" means both "with" and "by", and "ba estefade az" (by using) comes out as "with
    using". English gives the means of an action with "by" + -ing.

    Example
    With using this method, the pain is reduced.

    Use instead
    By using this method, the pain is reduced.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, By (how something is done): https://dictionary.cambridge.org/grammar/british-grammar/by
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR097"
    name = "with-for-by"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 2):
                w, verb, nxt = toks[i], toks[i + 1], toks[i + 2]
                if w.text.lower() != "with" or not (i == 0 or toks[i - 1].text == ","):
                    continue
                if verb.tag != "VBG" or not verb.text.islower():
                    continue
                if not (nxt.tag in _OBJECT_START or verb.text in _TRANSITIVE and
                        nxt.tag in ("NN", "NNS", "JJ")):
                    continue
                by = "By" if w.text[0].isupper() else "by"
                yield Match(w.start, verb.end,
                            f'"{w.text} {verb.text}" gives the means of an action: English '
                            f'says "{by} {verb.text}".', suggestion=f"{by} {verb.text}",
                            evidence={"word": verb.text}, confidence=0.7)
