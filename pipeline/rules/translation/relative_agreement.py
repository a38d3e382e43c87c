from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import number_agreement

_RELATIVE = {"who", "which", "that"}
# singular nouns that British English may treat as plural ("the team who have")
_GROUPS = {"team", "family", "group", "committee", "government", "public", "couple", "majority",
           "minority", "number", "pair", "board", "council", "class", "company", "community",
           "society", "audience", "artillery", "data", "media", "world", "population"}


# "one of the surgeons who has": the verb may agree with the word before "of"
_PART = {"one", "each", "any", "none", "range", "series", "number", "set", "list", "kind", "type",
         "variety", "group", "combination", "mix", "couple", "pair", "majority", "rest", "part"}


def _counted_part(toks, i: int) -> bool:
    """The noun toks[i] sits in an "of" phrase after a word that counts or groups it."""
    for k in range(max(1, i - 6), i):
        if toks[k].text.lower() == "of" and toks[k - 1].text.lower() in _PART:
            return True
    return False


def _after_other_noun(toks, i: int, tag: str, relative: str) -> bool:
    """toks[i] ends a prepositional phrase after a noun of the other number ("people with
    disability who have"), which the relative clause may describe instead; "who" describes
    only a singular noun that can name a person ("the best solution for smokers who suffers")."""
    for k in range(max(1, i - 4), i):
        if toks[k].tag == "IN" and toks[k - 1].tag == tag and \
                (relative != "who" or tag != "NN" or _could_be_person(toks[k - 1])):
            return True
    return False


# endings of nouns that name people ("smoker", "donor", "dentist", "physician", "assistant",
# "someone", "person") and people that have none of them
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "one", "body", "son")
_PERSONS = {"child", "baby", "infant", "adult", "individual", "staff", "relative", "spouse",
            "people", "surgeon", "nurse", "midwife", "wife", "husband", "girl", "boy", "expert",
            "guest", "friend", "colleague", "specialist", "doctor", "physician"}


def _could_be_person(tok) -> bool:
    low = tok.lemma.lower()
    return tok.tag.startswith("NNP") or low in _GROUPS or low in _PERSONS or \
        low.endswith(_PERSON_ENDINGS)


def _demonstrative(toks, i: int, plural: bool) -> bool:
    """toks[i] has "those"/"these" (or "this") before it: "those patients who ..." names the
    people the clause describes, whatever noun comes before."""
    return i > 0 and toks[i - 1].text.lower() in (("those", "these") if plural else ("this",))


# verbs of a "which" that comments on the whole clause before it ("... after three weeks which
# shows that", "... in two sessions which means less pain"), not on the noun
_COMMENTING = {"show", "mean", "indicate", "suggest", "prove", "explain", "make", "cause", "lead",
               "result", "imply", "reflect", "demonstrate", "confirm", "allow", "help", "give",
               "raise", "reduce", "increase", "create", "bring", "seem", "appear", "happen",
               "depend", "matter", "reveal", "contribute", "be", "have"}


def _auxiliary(toks, k: int) -> bool:
    """toks[k] is "is" or "has" before a participle, perhaps after an adverb or two ("devices
    which is used", "muscles which is usually affected"): "which" then
    describes the noun, not the whole clause before it ("... weeks, which shows that ...")."""
    j = k + 1
    while j < len(toks) and j - k <= 2 and toks[j].tag == "RB" and toks[j].text.lower() not in ("not", "n't"):
        j += 1  # "which is usually affected", "that has already been"
    nxt = toks[j] if j < len(toks) else None
    return toks[k].lemma.lower() in ("be", "have") and nxt is not None \
        and nxt.tag in ("VBN", "VBG", "JJ") and not (j > k + 1 and nxt.text.lower() in _NAMING)


# "which is also called ...": after an adverb, a naming participle comments on the clause before
_NAMING = {"called", "known", "named", "termed", "referred"}


class RelativeClauseAgreement(Rule):
    """A relative clause whose verb does not agree with the noun it describes: "patients who
    has", "the devices which is", "a person who have".

    What it does
    Finds a noun followed at once by "who", "which" or "that" and a present-tense verb of the
    other number: a plural noun (spaCy's NNS) with a third-person singular verb (VBZ: "has",
    "is", "strengthens"), or a singular noun (NN) with a plural present verb (VBP: "have",
    "are", "need"). Passing: a noun inside an "of" phrase after a counting word ("one of the
    surgeons who has", "a range of treatments that is") or inside a prepositional phrase after
    a noun of the verb's number ("people with disability who have"), where the clause may
    describe the first noun (after "who", only a noun that can name a person: "the best
    solution for smokers who suffers" is flagged); "which" after a plural noun with a verb
    that comments on the whole clause before it ("... after three weeks which shows that ...",
    "which means", "which makes", "which is also called"; "which is"/"which has" before a
    participle is still flagged, and so are "techniques which maintains", "lasers which
    includes"); nouns that are the same in the plural or name a group
    ("staff", "the team who have"); and relative clauses after a comma ("..., which is why").
    "Each of which" and "one of whom" with a plural verb are reported too ("tumours, each of
    which develop").

    Why is this bad?
    Persian verbs agree loosely with inanimate and collective subjects, and machine translation
    picks the verb form of a relative clause without looking back at its noun. The reader
    stumbles, and may attach the clause to the wrong noun.

    Example
    Those patients who has had the operation need a check-up. A person who have diabetes should
    check their feet.

    Use instead
    Those patients who have had the operation need a check-up. A person who has diabetes should
    check their feet.

    Severity
    Minor: the meaning is usually clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Relative pronouns: https://dictionary.cambridge.org/grammar/british-grammar/relative-pronouns
    Cambridge Dictionary, Grammar, Subject-verb agreement (concord): https://dictionary.cambridge.org/grammar/british-grammar/concord
    """

    code = "TR048"
    name = "relative-clause-agreement"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        invariant = number_agreement.load()["same_in_plural"]
        for seg in ctx.segments:
            toks = seg.tokens
            for i in range(len(toks) - 2):
                noun, rel, verb = toks[i], toks[i + 1], toks[i + 2]
                if rel.text.lower() not in _RELATIVE or rel.tag not in ("WP", "WDT"):
                    continue
                low = noun.text.lower()
                plural = noun.tag == "NNS" and noun.lemma.lower() != low and verb.tag == "VBZ"
                singular = noun.tag == "NN" and verb.tag == "VBP" and not low.endswith("s")
                if not (plural or singular) or low in invariant or low in _GROUPS \
                        or not noun.text.isalpha() or not noun.text[1:].islower() \
                        or _counted_part(toks, i) or singular and _coordinated(toks, i) \
                        or _after_other_noun(toks, i, "NN" if plural else "NNS", rel.text.lower()) \
                        and not _demonstrative(toks, i, plural) \
                        or plural and rel.text.lower() == "which" and not _auxiliary(toks, i + 2) \
                        and verb.lemma.lower() in _COMMENTING:
                    continue
                want = "plural" if plural else "singular"
                yield Match(noun.start, verb.end,
                            f'"{verb.text}" does not agree with "{noun.text}": the noun is '
                            f'{want}, so the verb of its relative clause must be {want} too.',
                            evidence={"noun": low, "verb": verb.text.lower()}, confidence=0.75)
            yield from _each_of_which(toks)


def _coordinated(toks, i: int) -> bool:
    """toks[i] ends a list joined by "and"/"or" ("rice, bread, and pasta that make"): the
    relative clause may describe the whole list, which is plural."""
    return any(t.text.lower() in ("and", "or", "&") for t in toks[max(0, i - 3):i])


def _each_of_which(toks):
    """"each of which develop", "one of whom have": the verb agrees with "each"/"one"."""
    for i in range(len(toks) - 3):
        each, of, rel, verb = toks[i:i + 4]
        if each.text.lower() in ("each", "one") and of.text.lower() == "of" and \
                rel.text.lower() in ("which", "whom") and verb.tag == "VBP":
            yield Match(each.start, verb.end,
                        f'"{verb.text}" does not agree with "{each.text.lower()} of '
                        f'{rel.text.lower()}": its subject is "{each.text.lower()}", singular, so '
                        f'the verb is singular too.',
                        evidence={"noun": each.text.lower(), "verb": verb.text.lower()},
                        confidence=0.75)
