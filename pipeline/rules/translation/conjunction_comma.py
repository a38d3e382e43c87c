from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import clause_data

_FINITE = ("VBP", "VBZ", "VBD", "MD")
# a "that" after one of these is a determiner or a pronoun, never a conjunction
_TAGS = ("IN", "RB", "WRB")
# the first word of an insertion ("as expected", "in winter", "of course", "however")
_INSERTION_OPENERS = ("IN", "RB", "RBR", "WRB", "VBN", "TO")
MAX_CLAUSE = 25  # tokens searched for the clause's verb


class CommaAfterConjunction(Rule):
    """A comma straight after a subordinating conjunction, before its clause: "because, the
    doctors are trained", "whereas, in Iran it costs less".

    What it does
    Finds a conjunction that never takes a comma before its own clause ("because", "although",
    "whereas", "since", "while", "unless", "until", "if", "that" ...; the list is data in
    pipeline/rules/data/grammar_clauses.yaml) followed by a comma and then by a clause: words
    up to a finite verb with no second comma before it. A comma that opens an insertion and is
    closed by another before the clause goes on ("although, as expected, the pain ...", "we
    know that, for most patients, ...") passes, and so do the words used as something else
    ("for a while,", "that, in short, is why", "ever since,", a pronoun "that").

    Why is this bad?
    Persian puts a comma after its conjunctions ("zira,", "dar hali ke,") and machine
    translation keeps it. In English the comma cuts the conjunction off from the clause it
    introduces, and the sentence reads as broken.

    Example
    The clinic is popular because, its surgeons are experienced. Treatment costs $6,000 in
    Europe whereas, in Iran it costs less.

    Use instead
    The clinic is popular because its surgeons are experienced. Treatment costs $6,000 in
    Europe, whereas in Iran it costs less.

    Severity
    Minor: the meaning is clear (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.26-6.28 (commas with dependent clauses)
    Cambridge Dictionary, Grammar, Conjunctions: https://dictionary.cambridge.org/grammar/british-grammar/conjunctions
    """

    code = "TR061"
    name = "comma-after-conjunction"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        data = clause_data.load()
        words, initial = data["no_comma_after"], data["initial_no_comma_after"]
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 2):
                conj, comma = toks[i], toks[i + 1]
                low = conj.text.lower()
                opens = i == 0 and low in initial and conj.tag in ("CC", "RB")
                if not opens and (low not in words or conj.tag not in _TAGS) or comma.text != "," \
                        or low == "that" and conj.tag != "IN" \
                        or i > 0 and toks[i - 1].text.lower() in ("ever", "even", "only"):
                    continue
                if not _clause_follows(toks, i + 2) \
                        or low == "that" and toks[i + 2].tag in ("IN", "WRB", "WDT", "WP"):
                    continue  # "believe that, because ...": "that" is a pronoun
                yield Match(conj.start, comma.end,
                            f'No comma after "{conj.text}": it opens the clause that follows, '
                            "and the comma cuts it off.",
                            suggestion=conj.text, evidence={"conjunction": low}, confidence=0.8)


def _clause_follows(toks, k: int) -> bool:
    """Whether toks[k:] is a clause that reaches its finite verb before any other comma (not an
    insertion closed by a comma, and not a conjunction or the sentence end straight away)."""
    if k >= len(toks) or toks[k].tag in ("CC", ",", ".", ":") or not toks[k].text[0].isalnum():
        return False
    finite = False
    for t in toks[k:k + MAX_CLAUSE]:
        if t.tag == "," and toks[k].tag in _INSERTION_OPENERS:
            return False  # "although, as the doctor said, the operation ..."
        if t.tag in (".", ":") or t.text in ("(", ")", ";"):
            break
        if t.tag == ",":
            break
        finite = finite or t.tag in _FINITE
    return finite
