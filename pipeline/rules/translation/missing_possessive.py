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
    ("Children play outside"), it is read as the verb and passes. A singular noun of people
    after a determiner (`people_singulars`: "the patient skin", "the child teeth") is reported
    when the next word is a body part the knowledge base names and ends the noun phrase
    ("the patient skin type", "baby teeth" and "mother tongue" pass).

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
        parts = _body_parts(ctx.resources.knowledge)
        for seg in ctx.segments:
            yield from _singular_owner(ctx, seg.tokens, data["people_singulars"], parts)
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


_DETERMINERS = {"the", "a", "an", "this", "that", "each", "every", "your", "our", "his", "her",
                "their", "my", "its", "any"}


_PARTS: list = [None, frozenset()]  # the knowledge base last read, and its body parts


def _body_parts(kb) -> frozenset[str]:
    """The one-word names and synonyms of the knowledge base's anatomy ("skin", "teeth"), read
    once per knowledge base."""
    if _PARTS[0] is kb:
        return _PARTS[1]
    names = set()
    for concept in kb.concepts.values():
        if concept.get("type") == "anatomy":
            for name in [concept.get("name", ""), *(concept.get("synonyms") or [])]:
                if name.isalpha():
                    names.add(name.lower())
    _PARTS[:] = [kb, frozenset(names)]
    return _PARTS[1]


def _singular_owner(ctx, toks, owners, parts):
    """"the patient skin": a determiner, a singular noun of people and a body part it owns,
    ending the noun phrase ("the patient skin type" is a compound and passes)."""
    for i in range(1, len(toks) - 1):
        det, owner, part = toks[i - 1], toks[i], toks[i + 1]
        after = toks[i + 2] if i + 2 < len(toks) else None
        if owner.text.lower() not in owners or owner.tag not in ("NN", "JJ") \
                or det.text.lower() not in _DETERMINERS or part.text.lower() not in parts \
                or not part.tag.startswith("NN") or ctx.text[owner.end:part.start] != " " \
                or after is not None and (after.tag.startswith("NN") or after.tag == "HYPH"
                                          or after.text in ("'s", "’s")):
            continue
        yield Match(owner.start, part.end,
                    f'"{owner.text} {part.text}" lacks the possessive: "{owner.text}\'s '
                    f'{part.text}".', suggestion=f"{owner.text}'s {part.text}",
                    evidence={"owner": owner.text.lower(), "owned": part.text},
                    confidence=0.7)
