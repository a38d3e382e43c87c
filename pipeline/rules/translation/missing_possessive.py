from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns
from pipeline.rules.translation.clauses import can_be_verb

_FINITE = ("VBZ", "VBP", "VBD", "MD")


class MissingPossessive(Rule):
    """A plural noun of people used as the owner of the next noun without its apostrophe:
    "women health", "children teeth", "the patients blood pressure".

    What it does
    Finds a plural noun of people from the list in pipeline/rules/data/grammar_patterns.yaml
    ("women", "children", "patients", ...) followed at once by a common noun it owns, with no
    apostrophe: "services for women health", "children teeth". Another noun of people after it
    makes an ordinary compound ("women surgeons", "men nurses"), and times and ages pass ("patients aged
    65", "men today"). When the sentence has no other finite verb and the noun can be a verb
    ("Children play outside"), it is read as the verb and passes.

    Why is this bad?
    Persian names the owner after the thing owned ("salamat-e zanan", health of women); machine
    translation keeps the two nouns and drops the English possessive, so "women health" reads
    as a broken heading and "the patients blood pressure" as two phrases.

    Example
    Our clinic offers services for women health and checks children teeth.

    Use instead
    Our clinic offers services for women's health and checks children's teeth.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Possession ('s): https://dictionary.cambridge.org/grammar/british-grammar/possession-john-s-car-a-friend-of-mine
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR044"
    name = "missing-possessive"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        data = grammar_patterns.load()
        for seg in ctx.segments:
            toks = seg.tokens
            finite = [k for k, t in enumerate(toks) if t.tag in _FINITE]
            for i in range(len(toks) - 1):
                owner, noun = toks[i], toks[i + 1]
                low = noun.text.lower()
                if owner.text.lower() not in data["people_plurals"] or \
                        owner.tag not in ("NNS", "NNP", "NNPS") or \
                        noun.tag not in ("NN", "NNS") or not noun.text.isalpha() or \
                        low in data["not_owned"] or low in data["people_plurals"] or \
                        ctx.text[owner.end:noun.start] != " ":
                    continue  # "women surgeons", "men nurses": people of two kinds, no owner
                if not finite and can_be_verb(low):
                    continue  # "Children play outside": the noun is the sentence's verb
                end = noun.end
                k = i + 2
                while k + 1 < len(toks) and toks[k].tag == "HYPH" and toks[k].start == end:
                    end = toks[k + 1].end  # "men self-confidence"
                    k += 2
                owned = ctx.text[noun.start:end]
                mark = "'s" if not owner.text.lower().endswith("s") else "'"
                yield Match(owner.start, end,
                            f'"{owner.text} {owned}" lacks the possessive: "{owner.text}{mark} '
                            f'{owned}".', suggestion=f"{owner.text}{mark} {owned}",
                            evidence={"owner": owner.text.lower(), "owned": owned},
                            confidence=0.7)
