from __future__ import annotations

from pipeline.rules.base import Match, Rule

# conjunctions that open a clause of time or condition, whose verb English puts in the present
_OPENERS = frozenset({"when", "whenever", "after", "before", "until", "till", "once", "if",
                      "unless", "as soon as"})
# words after which "when"/"if" opens an indirect question, where "will" is right ("we do not
# know when it will heal", "ask if the pain will stop")
_QUESTION_GOVERNORS = frozenset({"know", "knows", "knew", "ask", "asks", "asked", "wonder",
                                 "wonders", "tell", "tells", "told", "decide", "decides", "sure",
                                 "idea", "predict", "predicts", "determine", "determines", "see",
                                 "check", "unclear", "clear", "certain", "question", "doubt",
                                 "say", "says", "explain", "explains", "show", "shows", "estimate",
                                 "depends", "depend", "whether", "about"})
# "a time when people will ...": "when" after a noun of time opens a relative clause
_TIME_NOUNS = frozenset({"time", "times", "day", "days", "moment", "period", "year", "years",
                         "era", "age", "point", "stage", "future"})
# "when necessary, I will ask": a reduced clause, then the main clause
_REDUCED = frozenset({"necessary", "possible", "needed", "required", "appropriate", "ready"})
MAX_SUBJECT = 5


class FutureInTimeClause(Rule):
    """"Will" in a clause of time or condition: "when the septum will grow", "after the swelling
    will go down", "if the pain will continue".

    What it does
    Finds "when", "after", "before", "until", "once", "as soon as", "if" or "unless" followed by a
    short subject and "will" + a verb, in a statement (not a question). English puts the verb of
    such a clause in the present ("when the septum grows"). Indirect questions after "know",
    "ask", "wonder", "sure", "decide" ("we do not know when it will heal"), "when" after a noun
    of time ("a time when people will ..."), a reduced clause ("when necessary, I will ask") and
    the polite "if you will" pass.

    Why is this bad?
    Persian uses the future or the subjunctive in these clauses, and machine translation renders
    it with "will"; in English the clause then reads as broken.

    Example
    When the swelling will go down, the patient can start the exercises.

    Use instead
    When the swelling goes down, the patient can start the exercises.

    Severity
    Minor: the meaning survives (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Future: present simple in time clauses (when, after, until): https://dictionary.cambridge.org/grammar/british-grammar/future-time-clauses
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR077"
    name = "future-in-time-clause"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        for seg in ctx.segments:
            toks = seg.tokens
            if seg.text.rstrip().endswith("?"):
                continue
            for i, tok in enumerate(toks):
                low = tok.text.lower()
                size = 3 if low == "as" and [t.text.lower() for t in toks[i:i + 3]] == ["as", "soon", "as"] else 1
                opener = "as soon as" if size == 3 else low
                if opener not in _OPENERS:
                    continue
                if any(t.text.lower() in _QUESTION_GOVERNORS for t in toks[max(0, i - 4):i]):
                    continue  # an indirect question: "we do not know when it will heal", "ask
                    # your doctor if it will stop"
                if opener == "when" and i and toks[i - 1].text.lower() in _TIME_NOUNS:
                    continue
                k = i + size
                start = k
                if k < len(toks) and toks[k].text.lower() in _REDUCED:
                    continue
                while k < len(toks) and k - start < MAX_SUBJECT and \
                        toks[k].tag in ("DT", "PRP", "PRP$", "JJ", "NN", "NNS", "NNP", "CD", "POS"):
                    k += 1
                if k == start or k + 1 >= len(toks):
                    continue
                span = toks[start:k]
                if any(t.tag in ("DT", "PRP$", "PRP") and any(u.tag.startswith("NN") for u in span[:j])
                       for j, t in enumerate(span)):
                    continue  # "before the operation the doctor will ask": a preposition, then
                    # the main clause's subject
                will, verb = toks[k], toks[k + 1]
                if will.text.lower() not in ("will", "'ll", "\u2019ll") or verb.tag != "VB":
                    continue
                if opener == "if" and toks[start].text.lower() == "you" and k == start + 1 and \
                        verb.text.lower() in ("allow", "excuse", "permit", "bear", "forgive"):
                    continue  # "if you will allow me"
                yield Match(will.start, verb.end,
                            f'"{will.text} {verb.text}" after "{opener}": a clause of time or '
                            "condition takes the present in English "
                            f'("{opener} ... {verb.text}s" or "{verb.text}").', confidence=0.7)
