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
    not a verb's object: "for patients that", "Athletes that"; or "that" after a common noun of
    things: "a method that its use is growing"; but after "idea", "fact", "way" or "age", the
    nouns of `content_clause_nouns` in pipeline/rules/data/grammar_patterns.yaml, or after a verb
    that takes a "that" clause, "informed the parents that", "stated in the leaflet that", "that"
    opens a content clause or stands for "when"/"how"), then "their", "his", "her" or "its"
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
        data = grammar_patterns.load()
        people, content = data["people_plurals"], data["content_clause_nouns"]
        for seg in ctx.segments:
            toks = seg.tokens
            for i in relative_with_pronoun(toks, _POSSESSIVES, people, content):
                rel, pron = toks[i], toks[i + 1]
                if i + 3 < len(toks) and _linking_verb_after(toks, i + 2):
                    yield Match(rel.start, pron.end,
                                f'"{rel.text} {pron.text}": the relative clause keeps the '
                                f'possessive of the noun it describes; English writes "whose".',
                                suggestion="whose", evidence={"relative": rel.text.lower(),
                                                              "pronoun": pron.text.lower()},
                                confidence=0.8)


_NOUNS = ("NN", "NNS", "NNP", "NNPS")


def relative_with_pronoun(toks, pronouns, people, content, after_comma: bool = False,
                          not_after=frozenset(), after_those: bool = True):
    """Each i where toks[i] is "who", "which" or "that" opening a relative clause on the noun
    before it (or, with `after_those`, on "those"; with `after_comma`, "who"/"which" after a noun
    and a comma) and
    toks[i + 1] is one of `pronouns`; nouns in `not_after` (lemma or word) end no relative
    clause here."""
    for i in range(1, len(toks) - 2):
        low = toks[i].text.lower()
        if low not in _RELATIVES or toks[i + 1].text.lower() not in pronouns:
            continue
        before = toks[i - 1]
        if after_comma and before.text == "," and i >= 2 and low != "that":
            before = toks[i - 2]  # "Botox, which it relaxes ..."
        if not (before.tag in _NOUNS or after_those and before.text.lower() == "those") \
                or before.text.lower() in not_after or before.lemma.lower() in not_after:
            continue
        if low == "that" and not (people_relative(toks, i, people) or thing_relative(toks, i, content)):
            continue
        yield i


def people_relative(toks, i: int, people) -> bool:
    """Whether "that" at toks[i] opens a relative clause on a plural noun of people that is not
    a verb's object ("for patients that", "Smokers that"): after a noun such as "idea" or "report",
    or after "informed the parents", "that" opens a content clause ("the idea that their ...")."""
    if toks[i - 1].text.lower() not in people:
        return False
    k = i - 2
    while k >= 0 and toks[k].tag in ("JJ", "JJR", "JJS", "DT", "PDT", "CD", "NN", "HYPH"):
        k -= 1
    return k < 0 or toks[k].tag in ("IN", ",", ":") or toks[k].text == ";"


def thing_relative(toks, i: int, content) -> bool:
    """Whether "that" at toks[i] opens a relative clause on the common noun before it: not when
    the noun names what a content clause spells out, or a time, place or manner ("the fact
    that", "in a way that": the list `content_clause_nouns`), nor when a verb that takes a
    "that" clause comes first in the clause ("told the nurse that her ...", "stated in their
    advertisements that their ..."), nor when the "noun" is such a verb misread ("the report
    states that its ...")."""
    noun = toks[i - 1]
    if noun.tag not in ("NN", "NNS") or not noun.text.isalpha() or not noun.text.islower() \
            or noun.text in content or noun.lemma.lower() in content \
            or noun.tag == "NNS" and _verb_stem(noun.text.lower()) in _THAT_VERBS:
        return False
    for k in range(i - 2, max(-1, i - 2 - _BACK), -1):
        tok = toks[k]
        if tok.text in (",", ";", ":", "(") or tok.text.lower() in _RELATIVES:
            break
        if tok.tag.startswith("VB") and tok.lemma.lower() in _THAT_VERBS:
            return False
    return True


def _verb_stem(word: str) -> str:
    """"states" -> "state", "teaches" -> "teach", "says" -> "say"."""
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


_BACK = 8  # words back from the noun to look for a verb that takes a "that" clause
# verbs that take a "that" clause, with or without a person first ("told the nurse that ...")
_THAT_VERBS = {"tell", "inform", "assure", "reassure", "remind", "warn", "convince", "persuade",
               "notify", "show", "teach", "promise", "advise", "ask", "satisfy", "alert",
               "explain", "say", "state", "write", "mention", "report", "signal", "prove",
               "demonstrate", "claim", "mean", "suggest", "indicate", "note", "argue", "believe",
               "think", "know", "find", "add", "hope", "fear", "reveal", "confirm", "assume",
               "ensure", "require", "insist", "agree", "admit", "announce", "declare",
               "emphasize", "emphasise", "stress", "predict", "recommend", "realize", "realise",
               "remember", "understand", "feel", "expect", "guarantee", "imply", "maintain",
               "notice", "observe", "recognize", "recognise", "reply", "decide", "determine",
               "conclude", "estimate", "establish", "discover", "learn", "see", "hear", "read",
               "check", "verify", "assert", "deny", "doubt", "acknowledge", "point", "bear"}


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
