from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns

_RELATIVES = {"that", "who", "which"}
_POSSESSIVES = {"their", "his", "her", "its"}
_PHRASE = ("JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH", "CD", "VBN", "VBG")
# verbs that take no object: after them the relative word cannot be the object of the clause
_LINKING = {"is", "are", "was", "were", "'s", "’s", "become", "becomes", "became", "seem",
            "seems", "seemed", "remain", "remains", "remained", "look", "looks", "get", "gets"}
_REACH = 5  # words of the noun phrase after the possessive


class ResumptivePossessive(Rule):
    """A relative clause that keeps a possessive pronoun where English has "whose": "patients
    that their body fat is resistant", "children who their parents are smokers".

    What it does
    Finds a noun followed by "who" or "which" (or "that" after a plural noun of people that is
    not a verb's object: "for patients that", "Athletes that"; after "idea", "report" or
    "informed the parents" "that" opens a content clause), then "their", "his", "her" or "its"
    and a noun phrase whose verb links it to a description ("is", "are", "has been", "becomes",
    "seems", or a modal with "be"). Then the relative word has no role in its clause: English
    writes "whose" ("patients whose body fat is resistant"). A clause whose verb takes the
    relative word as its object passes ("the patients that their doctors referred", "children
    who their parents bring early"), and so does a possessive later in the clause ("people who
    say their pain is severe").

    Why is this bad?
    Persian relative clauses keep a pronoun for the noun they describe ("bimarani ke
    charbi-ye badan-eshan ...", literally "patients that their body fat ..."). Machine
    translation carries it over; in English the clause does not parse and reads as broken.

    Example
    This surgery is for patients that their body fat is resistant to diet.

    Use instead
    This surgery is for patients whose body fat is resistant to diet.

    Severity
    Minor: the meaning can be worked out (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Relative pronouns (whose): https://dictionary.cambridge.org/grammar/british-grammar/relative-pronouns
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR065"
    name = "resumptive-possessive"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        people = grammar_patterns.load()["people_plurals"]
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(1, len(toks) - 3):
                rel, pron = toks[i], toks[i + 1]
                if rel.text.lower() not in _RELATIVES or pron.text.lower() not in _POSSESSIVES:
                    continue
                if not (toks[i - 1].tag in ("NN", "NNS", "NNP", "NNPS")
                        or toks[i - 1].text.lower() == "those"):
                    continue
                if rel.text.lower() == "that" and not _people_relative(toks, i, people):
                    continue
                if _linking_verb_after(toks, i + 2):
                    yield Match(rel.start, pron.end,
                                f'"{rel.text} {pron.text}": the relative clause keeps the '
                                f'possessive of the noun it describes; English writes "whose".',
                                suggestion="whose", evidence={"relative": rel.text.lower(),
                                                              "pronoun": pron.text.lower()},
                                confidence=0.8)


def _people_relative(toks, i: int, people) -> bool:
    """Whether "that" at toks[i] opens a relative clause on a plural noun of people that is not
    a verb's object ("for patients that", "Smokers that"): after a noun such as "idea" or "report",
    or after "informed the parents", "that" opens a content clause ("the idea that their ...")."""
    if toks[i - 1].text.lower() not in people:
        return False
    k = i - 2
    while k >= 0 and toks[k].tag in ("JJ", "JJR", "JJS", "DT", "PDT", "CD", "NN", "HYPH"):
        k -= 1
    return k < 0 or toks[k].tag in ("IN", ",", ":") or toks[k].text == ";"


def _linking_verb_after(toks, k: int) -> bool:
    """Whether the noun phrase from toks[k] is followed by a linking verb ("is", "has been",
    "can be")."""
    j = k
    while j < len(toks) and j - k < _REACH and toks[j].tag in _PHRASE:
        j += 1
    if j == k or not any(t.tag.startswith("NN") for t in toks[k:j]) or j >= len(toks):
        return False
    if any(a.tag == "NNS" and b.tag == "NN" for a, b in zip(toks[k:j], toks[k + 1:j])):
        return False  # "parents that their children trust are": a verb read as a noun
    verb = toks[j].text.lower()
    nxt = toks[j + 1].text.lower() if j + 1 < len(toks) else ""
    if verb in _LINKING:
        return True
    if verb in ("has", "have", "had") and nxt == "been":
        return True
    return toks[j].tag == "MD" and nxt == "be"
