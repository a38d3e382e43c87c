from __future__ import annotations

from pipeline.rules.base import Match, Rule

_NEGATIVE = {"none", "nobody", "nothing", "neither", "never", "nowhere"}
_NOT = {"not", "n't", "never"}
# words that end the negative phrase before its verb: a clause or comparison of its own begins
_CLAUSE = {"that", "because", "if", "although", "though", "while", "since", "unless", "whether",
           "as", "than", "so", "after", "before", "until", "once", "where", "when", "why", "how",
           "which", "who", "whom", "whose", "what", "but", "and", "or", "nor", "yet"}
_PHRASE = ("DT", "PDT", "CD", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP$", "POS", "IN",
           "RB", "VBN", "VBG", "HYPH")
_WINDOW = 8


class DoubleNegation(Rule):
    """A negative subject with a negated verb: "None of the tests cannot show the tear",
    "Nobody does not like ...", "Never don't take ...".

    What it does
    Finds a negative word that opens a clause's subject or the clause itself ("none", "nobody",
    "nothing", "neither", "no one", "no" + noun, "never") whose first verb, within eight words
    and inside the same clause, is negated as well ("cannot", "does not", "don't"). The
    negative phrase may hold a determiner, adjectives, nouns and a prepositional phrase ("none
    of the tests"); a comma, a conjunction, a relative pronoun or a subordinator ("that",
    "who", "because") ends it, so a negated verb in another clause passes ("There is no doubt
    that the drug does not suit everyone", "None of the patients who did not exercise ...").
    "No" followed by a comma ("No, it does not") is an answer, not a determiner, and passes.

    Why is this bad?
    Persian has negative concord: it negates the verb as well as the pronoun ("hich kas
    nemidanad", literally "nobody does not know"), and machine translation keeps both
    negatives. In standard English two negatives cancel out, so the sentence says the opposite
    of what was meant ("None of the tests cannot show the tear" reads as "every test can").

    Example
    None of the tests cannot show the tear clearly. Never don't take two doses at once.

    Use instead
    None of the tests can show the tear clearly. Never take two doses at once.

    Severity
    Major: the sentence can be read as the opposite of what it means (MQM Accuracy/Mistranslation
    through a grammar error; reported as Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Negation: https://dictionary.cambridge.org/grammar/british-grammar/negation
    Merriam-Webster, double negative: https://www.merriam-webster.com/dictionary/double%20negative
    """

    code = "TR046"
    name = "double-negation"
    category = "translation"
    severity = "major"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks)):
                end = _negated_verb(toks, i)
                if end is not None:
                    text = ctx.text[toks[i].start:toks[end].end]
                    yield Match(toks[i].start, toks[end].end,
                                f'"{text}" negates twice: with "{toks[i].text}" the verb needs '
                                f'no "not" (in English two negatives cancel out).',
                                evidence={"negative": toks[i].text.lower()}, confidence=0.8)


def _opens_negative(toks, i: int) -> bool:
    low, nxt = toks[i].text.lower(), toks[i + 1] if i + 1 < len(toks) else None
    if low in _NEGATIVE:
        return True
    return low == "no" and toks[i].tag == "DT" and nxt is not None \
        and nxt.tag in ("NN", "NNS", "JJ", "JJR", "JJS") and nxt.text.lower() != "longer"


def _negated_verb(toks, i: int) -> int | None:
    """Index of the "not" that negates the first verb after the negative word toks[i]."""
    if not _opens_negative(toks, i):
        return None
    for k in range(i + 1, min(len(toks) - 1, i + 1 + _WINDOW)):
        tok = toks[k]
        if tok.tag.startswith("VB") or tok.tag == "MD":
            if tok.tag in ("VBN", "VBG") and toks[i].text.lower() != "never":
                continue  # "no one trained in ..." : a participle inside the phrase
            after = toks[k + 1]
            return k + 1 if after.text.lower() in _NOT else None
        if tok.text.lower() in _CLAUSE or tok.tag not in _PHRASE:
            return None
    return None
