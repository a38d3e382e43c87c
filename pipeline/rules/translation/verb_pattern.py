from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns
from pipeline.rules.translation.clauses import can_be_noun, can_be_verb

_VERB = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
_BE = {"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "’s", "’re"}
_FINITE_BE = {"is", "are", "was", "were", "am", "'s", "'re", "’s", "’re"}
_OBJECT_PRONOUNS = {"me", "you", "him", "her", "us", "them"}
_DETERMINERS = ("DT", "PRP$")


class VerbPattern(Rule):
    """A verb used in a pattern English does not have: "discuss about", "suggest you to rest",
    "was happened".

    What it does
    Reads spaCy's tags and lemmas for the verb patterns listed in
    pipeline/rules/data/grammar_patterns.yaml: a preposition between a transitive verb and its
    object ("discuss about the causes", "emphasized on"); "suggest" with an object and a "to"
    infinitive or with a bare "to" infinitive ("suggest you to drink"); a verb whose complement
    is an -ing form with "to" ("avoid to use", "recommend to take"; passives such as "is
    recommended to take" pass); a noun where "do" or a modal needs its verb ("don't response",
    "can advice"); a verb that needs an object written active where the passive belongs ("a
    medication that injects into the muscle", "the injection does by a needle", "is
    performing by a surgeon", "are using as complementary medicine"); "let" or
    "make" with an
    object and "to" ("let the child to scratch"); "cause" followed straight by "to" ("can cause
    to bleed"); "need to" followed by a noun phrase ("need to a filling"); and a verb that has no
    passive used in the passive ("was happened", "is consisted of"); a word with a preposition
    it does not take ("prior of", "capable to", "suffer of"); and a that-clause whose verb is a
    "to" infinitive ("asks that the patient to stay"); "for" with a bare verb and its object ("for treat the
    pain"); "say" with a person and "to" ("said the patient to rest"); "be" twice ("is mostly be");
    a bare verb after a modal and "be" ("may be worry"); a verb of beginning in the passive with
    an infinitive ("was started to be built"); a noun that cannot be a verb used as one after
    "to" ("possible to surgery tonsils"); and a dropped preposition after "result", "depend",
    "consist", "listen", "belong" ("resulting a nerve irritation"). Nouns ("a discussion about",
    "the lack of") pass, and so do "cause the bone to heal", "let the wound dry" and "can be
    depended on".

    Why is this bad?
    Persian marks these verbs' objects with prepositions and builds their tenses differently;
    machine translation carries the pattern over and the English reads as a foreigner's.

    Example
    We suggest you to drink plenty of water. The accident was happened at work.

    Use instead
    We suggest that you drink plenty of water. The accident happened at work.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    M. Swan, Practical English Usage, 3rd ed., Oxford University Press 2005 (suggest, 570; let and make with the infinitive without "to"; verbs with no passive)
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR040"
    name = "verb-pattern"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        data = grammar_patterns.load()
        for seg in ctx.segments:
            toks = seg.tokens
            for i, tok in enumerate(toks):
                found = _wrong_preposition(toks, i, data) or _to_for_finite(toks, i) \
                    or _noun_for_verb(toks, i, data) or _active_for_passive(toks, i, data) \
                    or _doubled_to(toks, i) or _modal_form(toks, i) or _be_base(toks, i) \
                    or _with_gerund(toks, i, data) or _bare_participle(toks, i, data) \
                    or _for_base_verb(toks, i) or _say_to(toks, i) or _double_be(toks, i) \
                    or _noun_as_verb(toks, i)
                if found is None and tok.tag in _VERB:
                    found = _pattern(toks, i, tok.lemma.lower(), data)
                if found is None:
                    continue
                first, last, message, suggestion = found
                yield Match(toks[first].start, toks[last].end, message, suggestion=suggestion,
                            evidence={"pattern": " ".join(t.text.lower()
                                                          for t in toks[first:last + 1])},
                            confidence=0.7)


def _at(toks, i: int):
    return toks[i] if 0 <= i < len(toks) else None


def _pattern(toks, i: int, lemma: str, data: dict):
    """(first token, last token, message, suggestion) of the pattern at the verb toks[i]."""
    tok, nxt = toks[i], _at(toks, i + 1)
    low = nxt.text.lower() if nxt is not None else ""
    needed = data["missing_preposition"].get(lemma)
    if needed and nxt is not None and nxt.tag in ("DT", "PRP$", "CD") and \
            not (_at(toks, i - 1) is not None and _at(toks, i - 1).tag in ("DT", "PRP$")):
        return (i, i, f'"{tok.text}" needs "{needed}" before its complement: '
                      f'"{tok.text} {needed} {nxt.text}".', f"{tok.text} {needed}")
    preps = data["needless_preposition"].get(lemma)
    coordinated_noun = i >= 2 and toks[i - 1].tag == "CC" and toks[i - 2].tag in ("NN", "NNS")
    if preps and low in preps and tok.tag != "VBN" and not coordinated_noun and \
            _object_follows(toks, i + 2) \
            and not (low == "about" and _quantity(toks, i + 2)):
        return (i, i + 1, f'"{tok.text}" takes its object directly: no "{nxt.text}" after it.',
                tok.text)
    if lemma in data["no_object_infinitive"]:
        k = i + 1
        if nxt is not None and low in _OBJECT_PRONOUNS:
            k += 1
        to, verb = _at(toks, k), _at(toks, k + 1)
        if to is not None and to.text.lower() == "to" and verb is not None and verb.tag == "VB":
            return (i, k, f'"{tok.text}" is not followed by a "to" infinitive: write "{tok.text} '
                          f'that ... {verb.text}" or "{tok.text} {_ing(verb.text)}".', None)
    if lemma in data["gerund_complement"] and low == "to" and tok.tag != "VBN":
        verb = _at(toks, i + 2)
        if verb is not None and verb.tag == "VB" and verb.text.isalpha():
            return (i, i + 2, f'"{tok.text}" takes an -ing form, not "to": '
                              f'"{tok.text} {_ing(verb.text)}".', f"{tok.text} {_ing(verb.text)}")
    if lemma in data["bare_infinitive"] and nxt is not None:
        k = _object_end(toks, i + 1, allow_noun=lemma == "let")
        to, verb = _at(toks, k), _at(toks, k + 1)
        if k > i + 1 and to is not None and to.text.lower() == "to" and verb is not None \
                and verb.tag == "VB":
            return (i, k, f'After "{tok.text}" and its object the verb has no "to": '
                          f'"{tok.text} ... {verb.text}".', None)
    if lemma in data["object_before_infinitive"] and low == "to" and tok.tag != "VBN":
        return (i, i + 1, f'"{tok.text}" needs its object before "to": "{tok.text} the ... to" '
                          f'or "{tok.text} ..." with a noun.', None)
    if lemma in data["no_as"] and low == "as" and _as_complement(toks, i + 2, lemma):
        return (i, i + 1, f'"{tok.text}" takes its complement directly: no "as" after it '
                          f'(or "regarded as").', tok.text)
    if lemma in data["to_needs_verb"] and low == "to":
        after = _at(toks, i + 2)
        if after is not None and after.tag in _DETERMINERS and after.text.lower() != "that":
            return (i, i + 2, f'"{tok.text} to" is followed by a verb; before a noun phrase write '
                              f'"{tok.text}" alone.', f"{tok.text} {after.text}")
    if lemma in data["no_indirect_object"] and low == "to" and \
            (tok.tag != "VBN" or _it_is_before(toks, i)):
        k = _person_end(toks, i + 2)
        to, verb = _at(toks, k), _at(toks, k + 1)
        if k > i + 2 and to is not None and to.text.lower() == "to" and verb is not None and \
                verb.tag == "VB":
            whom = " ".join(t.text for t in toks[i + 2:k])
            return (i, k + 1, f'"{tok.text} to {whom} to {verb.text}" is not English: '
                              f'"{tok.text} that {whom} {verb.text}" (or "advise {whom} to '
                              f'{verb.text}").', None)
    if lemma in data["no_indirect_object"] and low in ("me", "him", "us", "them") and \
            _object_follows(toks, i + 2) and tok.tag != "VBN":
        return (i, i + 1, f'"{tok.text}" takes no indirect object without "to": '
                          f'"{tok.text} ... to {nxt.text}".', None)
    if lemma in data["no_that_clause"] and low == "that" and nxt.tag == "IN" and \
            _clause_follows(toks, i + 2):
        return (i, i + 1, f'"{tok.text}" takes an object and a verb, not a that-clause: '
                          f'"{tok.text} the ... to ..." ("causes the patient to feel").', None)
    if lemma in data["no_passive_infinitive"] and tok.tag == "VBN" and low == "to" and \
            _at(toks, i + 2) is not None and _at(toks, i + 2).tag == "VB" and \
            _at(toks, i - 1) is not None and _at(toks, i - 1).text.lower() in _BE:
        return (i - 1, i + 1, f'"{toks[i - 1].text} {tok.text} to" is not English: the verb of '
                              f'beginning is active ("began to", "started to") or the action '
                              f'is a noun ("construction began").', None)
    if lemma in data["no_passive"] and tok.tag in ("VBN", "VBD"):
        k = i - 1
        while k >= 0 and toks[k].tag in ("RB", "RBR"):
            k -= 1  # "is completely depended"
        be = _at(toks, k)
        nxt = _at(toks, i + 1)
        if lemma in _PASSIVE_WITH_TO and nxt is not None and nxt.text.lower() == "to":
            return None
        if be is not None and be.text.lower() in _BE and \
                (lemma != "depend" or be.text.lower() in _FINITE_BE):
            return (k if lemma != "depend" else i, i,
                    f'"{tok.text}" has no passive: "{be.text} {tok.text}" is not English.',
                    None)
    return None


_DO = {"do", "does", "did"}
# nouns of time that may follow a verb without being its object ("for work the whole week")
_TIME_NOUNS = {"week", "weeks", "day", "days", "month", "months", "year", "years", "night", "nights",
               "morning", "evening", "time", "hour", "hours", "weekend"}
# participles of verbs that take no passive but "be ... to" in clinical use ("was progressed to
# solid food")
_PASSIVE_WITH_TO = {"progress"}


def _for_base_verb(toks, i: int):
    """"for treat the pain", "for remove the stitches": "for" with a bare verb and its object,
    Persian "baraye" + infinitive, where English writes "to treat"."""
    if toks[i].text.lower() != "for" or i + 2 >= len(toks):
        return None
    verb, obj = toks[i + 1], toks[i + 2]
    if verb.tag != "VB" or not verb.text.isalpha() or not verb.text.islower() \
            or obj.tag not in ("DT", "PRP$", "NNS") and obj.text.lower() not in ("it", "them"):
        return None
    j = i + 2
    while j < len(toks) and toks[j].tag in ("DT", "PRP$", "JJ", "PDT"):
        j += 1
    if j < len(toks) and toks[j].text.lower() in _TIME_NOUNS:
        return None  # "for work the whole week"
    return (i, i + 1, f'"for {verb.text}" is not English: "to {verb.text}".', f"to {verb.text}")


def _say_to(toks, i: int):
    """"said the patient to rest", "says the mothers to feed": "say" with a person and a "to"
    infinitive, where English writes "tell"."""
    tok = toks[i]
    if tok.lemma.lower() != "say" or not tok.tag.startswith("VB"):
        return None
    j = i + 1
    while j < len(toks) and j - i <= 4 and toks[j].tag in ("DT", "PRP$", "JJ"):
        j += 1
    if j >= len(toks) or not (toks[j].tag in ("NN", "NNS") or toks[j].text.lower() in _OBJECT_PRONOUNS):
        return None
    to, verb = _at(toks, j + 1), _at(toks, j + 2)
    if to is None or to.text.lower() != "to" or verb is None or verb.tag != "VB" or verb.lemma.lower() == "be":
        return None
    told = {"say": "tell", "says": "tells", "said": "told", "saying": "telling"}.get(tok.text.lower(), "tell")
    return (i, j + 2, f'"{tok.text}" does not take a person and "to": "{told} ... to {verb.text}".', None)


def _noun_for_verb(toks, i: int, data: dict):
    """"The muscles don't response", "you can advice": a noun where "do" or a modal needs its
    verb (with "not" or one adverb between them)."""
    tok = toks[i]
    low = tok.text.lower()
    if not (low in _DO and tok.tag in ("VBP", "VBZ", "VBD") or tok.tag == "MD"):
        return None
    if i == 0 or i == 1 and toks[0].tag in ("WRB", "WP", "WDT") or toks[-1].text == "?":
        return None  # a question: "Can success be measured?", the noun is the subject
    # (a relative pronoun before "do" passes on: "symptoms that do not response")
    k = i + 1
    if k < len(toks) and toks[k].text.lower().replace("’", "'") in ("not", "n't"):
        k += 1
    if k < len(toks) and toks[k].tag == "RB":
        k += 1
    noun = _at(toks, k)
    if noun is None or noun.text.lower() not in data["noun_for_verb"] or \
            not noun.text.islower():
        return None
    after = _at(toks, k + 1)
    if after is not None and (after.tag in ("NN", "NNS", "POS", "HYPH") or
                              after.text.lower() == "of"):
        return None  # "do injection therapy", "did the proof of": a noun phrase
    if noun.text.lower() == "effect" and (after is None or after.text.lower() != "on"):
        return None  # "can effect change" is the verb "effect"; "can effect on" is "affect"
    verb = data["noun_for_verb"][noun.text.lower()]
    return (k, k, f'"{noun.text}" is a noun; after "{tok.text}" English needs the verb '
                  f'"{verb}".', verb)


_PARTICIPLES = {"do": "done", "make": "made", "give": "given"}
# after "which used", "that performed": a preposition where the object of the verb should be
_PAST_GAP_PREPOSITIONS = frozenset({"besides", "in", "for", "during", "with", "on", "at", "after",
                                    "before", "alongside", "within", "without"})


def _bare_participle(toks, i: int, data: dict):
    """"an experience surgeon", "the desire outcome": the bare word for its -ed participle, after
    a determiner (or at the start of the phrase) and before a noun it describes."""
    tok = toks[i]
    participle = data["bare_participles"].get(tok.text.lower())
    nxt, prev = _at(toks, i + 1), _at(toks, i - 1)
    if participle is None or nxt is None or nxt.text.lower() not in data["participle_heads"] or \
            not tok.text.islower():
        return None
    after = _at(toks, i + 2)
    if after is not None and after.tag in ("NN", "NNS"):
        return None  # a longer compound ("desire outcome measures"): not judged
    if tok.tag.startswith("VB") or tok.tag == "MD" or prev is not None and prev.tag in ("PRP", "NNS", "NNP", "MD", "TO"):
        return None  # the verb itself: "they desire results", "to experience results"
    return (i, i, f'"{tok.text}" before "{nxt.text}" should be the participle "{participle}" '
                  f'("{participle} {nxt.text}").', participle)


def _called_without_be(toks, i: int):
    """"a disease which called sciatica": "which"/"that" after a noun, then "called" and a name,
    without "is"."""
    tok, prev, before = toks[i], _at(toks, i - 1), _at(toks, i - 2)
    nxt = _at(toks, i + 1)
    if tok.text.lower() != "called" or prev is None or before is None or nxt is None or \
            prev.text.lower() not in ("which", "that") or before.tag not in ("NN", "NNS") or \
            nxt.tag not in ("NNP", "NN", "NNS", "JJ", "``") and nxt.text not in ('"', "\u201c"):
        return None
    if prev.text.lower() == "that" and nxt.tag == "NNP":
        return None  # "the patient that called Dr Ahmadi": a person who called someone
    return (i - 1, i, f'"{prev.text} {tok.text}" lacks its verb "is": "{prev.text} is called".',
            f"{prev.text} is called")


def _active_for_passive(toks, i: int, data: dict):
    """"a medication that injects into the muscle", "the injection does by a needle": a verb that
    needs an object, active, with a preposition where its object should be."""
    tok, nxt = toks[i], _at(toks, i + 1)
    if tok.tag == "VBG":
        return _progressive_for_passive(toks, i, data)
    past = tok.tag in ("VBD", "VBN")  # "which used besides lasers": any preposition shows the gap
    if tok.tag not in ("VBZ", "VBP", "VBD", "VBN") or nxt is None or nxt.tag not in ("IN", "JJ") \
            or nxt.text.lower() not in data["object_gap_prepositions"] and \
            not (past and nxt.text.lower() in _PAST_GAP_PREPOSITIONS):
        return _called_without_be(toks, i)
    lemma, prev = tok.lemma.lower(), _at(toks, i - 1)
    if prev is None or lemma not in data["needs_object"]:
        return None
    noun = _at(toks, i - 3) if i >= 3 and toks[i - 2].text == "," else _at(toks, i - 2)
    relative = prev.text.lower() in ("that", "which") and prev.tag in ("WDT", "IN", "DT") \
        and noun is not None and noun.tag in ("NN", "NNS")  # "a medication that injects into"
    done_by = lemma == "do" and nxt.text.lower() == "by" and prev.tag in ("NN", "NNS") \
        and (i < 2 or toks[i - 2].tag != "WP")  # "the injection does by a needle"
    if not (relative or done_by):
        if past and _subject_then_participle(toks, i):  # "It made by titanium.", "The implant
            be = "are" if prev.tag in ("NNS", "NNPS") or prev.text.lower() in ("they", "these", "those") else "is"
            passive = f"{be} {_participle(lemma)}"    # placed in the jaw."
            return (i, i + 1, f'"{tok.text} {nxt.text}": the sentence has no verb of its own; '
                              f'"{lemma}" needs an object, and its subject is what is acted on: '
                              f'"{passive} {nxt.text}".', f"{passive} {nxt.text}")
        return None
    be = "is" if tok.tag == "VBZ" else "are" if tok.tag == "VBP" else "was"
    passive = f"{be} {_participle(lemma)}"
    return (i, i + 1, f'"{tok.text} {nxt.text}": "{lemma}" needs an object, and here its '
                      f'subject is what is acted on: the passive, "{passive} {nxt.text}".',
            f"{passive} {nxt.text}")


_SUBJECT_TAGS = frozenset({"DT", "PRP$", "JJ", "JJS", "NN", "NNS", "CD", "HYPH"})
_PRONOUN_SUBJECTS = frozenset({"it", "they", "this", "these", "those"})


def _subject_then_participle(toks, i: int) -> bool:
    """Whether toks[i], a past form, follows the sentence's subject (a plain noun phrase from the
    first word, or "it", "they", "this") and the sentence has no other verb: "It made by
    titanium.", "The implant placed in the jaw under local anaesthesia." "The implant placed in
    the jaw is strong" (its verb is "is"), "Dr. Rahimi performed ..." (a name) and a heading
    with no full stop pass."""
    if i < 1:
        return False
    head = toks[i - 1]
    if i == 1 and head.text.lower() in _PRONOUN_SUBJECTS:
        pass
    elif head.tag not in ("NN", "NNS") or not all(t.tag in _SUBJECT_TAGS for t in toks[:i]) \
            or toks[0].tag not in ("DT", "PRP$"):
        return False  # a noun phrase with no determiner is often a title: "Requests made by ..."
    if toks[-1].text != "." or [t.text.lower() for t in toks[i + 1:i + 3]] == ["at", "least"]:
        return False  # a heading or a caption; "made at least three forays"
    return not any(t.tag.startswith("VB") or t.tag == "MD" for k, t in enumerate(toks) if k != i)


# "used for the first time", "is doing by far the best": "for" and "by" that open no agent
_NOT_GAP = frozenset({("by", "far"), ("for", "the"), ("for", "years"), ("for", "months"),
                      ("for", "weeks"), ("for", "days"), ("for", "a"), ("for", "now")})


def _progressive_for_passive(toks, i: int, data: dict):
    """"is performing by a surgeon", "are using as complementary medicine": "be" and the -ing
    form of a verb that needs an object, followed by "by" (an agent) or, for "use", by "as"
    or "for", where the passive belongs ("is performed by", "are used as")."""
    tok, nxt, after = toks[i], _at(toks, i + 1), _at(toks, i + 2)
    lemma = tok.lemma.lower()
    k = i - 1
    if k >= 1 and toks[k].tag == "RB":
        k -= 1  # "has been widely welcoming by"
    if nxt is None or k < 0 or toks[k].text.lower() not in _BE or \
            lemma not in data["needs_object"]:
        return None
    gap = nxt.text.lower()
    if not (gap == "by" or lemma == "use" and gap in ("as", "for")) or \
            after is None or (gap, after.text.lower()) in _NOT_GAP:
        return None
    passive = " ".join([t.text for t in toks[k:i]] + [_participle(lemma)])
    shown = " ".join(t.text for t in toks[k:i + 2])
    return (k, i + 1, f'"{shown}": "{lemma}" needs an object, and here its subject is what is '
                      f'acted on: the passive, "{passive} {nxt.text}".', f"{passive} {nxt.text}")


def _participle(lemma: str) -> str:
    """The past participle of a regular verb ("inject" -> "injected", "apply" -> "applied")."""
    if lemma in _PARTICIPLES:
        return _PARTICIPLES[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _wrong_preposition(toks, i: int, data: dict):
    """"prior of", "capable to", "suffer of": a word and a preposition it does not take."""
    tok, nxt = toks[i], _at(toks, i + 1)
    wrong = data["wrong_preposition"].get(tok.lemma.lower()) or \
        data["wrong_preposition"].get(tok.text.lower())
    if nxt is None or not wrong or nxt.text.lower() not in wrong or tok.tag.startswith("NN"):
        return None
    if nxt.text.lower() == "to" and _extent_or_side(toks, i + 2):
        return None  # "affected to a great extent", "the area affected to the right of"
    right = wrong[nxt.text.lower()]
    return (i, i + 1, f'"{tok.text} {nxt.text}" is not English: "{right}".', None)


def _extent_or_side(toks, k: int) -> bool:
    words = [t.text.lower() for t in toks[k:k + 4]]
    return (words[:1] == ["the"] and words[1:2] in (["right"], ["left"], ["side"])) or \
        any(w in ("extent", "degree", "point") for w in words)


_NOUN_PHRASE = ("DT", "PDT", "JJ", "JJR", "NN", "NNS", "NNP", "PRP$", "CD", "HYPH")


def _to_for_finite(toks, i: int):
    """"asks that the patient to stay": a that-clause with a "to" infinitive for its verb."""
    if toks[i].text.lower() != "that" or toks[i].tag != "IN":
        return None
    k = i + 1
    while k < len(toks) and k - i <= 5 and (toks[k].tag in _NOUN_PHRASE or
                                              toks[k].text.lower() in _OBJECT_PRONOUNS | {"all"}):
        k += 1
    to, verb = _at(toks, k), _at(toks, k + 1)
    if k == i + 1 or to is None or to.text.lower() != "to" or verb is None or verb.tag != "VB" \
            or toks[k - 1].tag not in ("NN", "NNS", "NNP", "PRP"):
        return None
    return (k, k + 1, f'The clause after "that" needs a finite verb: "{verb.text}" (or '
                      f'"should {verb.text}"), not "to {verb.text}".', verb.text)


# words after which "to" opens an infinitive, never a prepositional phrase
_INFINITIVE_GOVERNORS = {"possible", "impossible", "able", "unable", "necessary", "want", "wants",
                         "wanted", "need", "needs", "decide", "decided", "try", "tried", "trying",
                         "better", "best", "easy", "difficult", "hard", "allowed", "going"}
_OBJECT_TAGS = ("DT", "PRP$", "NNS", "PRP", "CD")


def _noun_as_verb(toks, i: int):
    """"possible to surgery tonsils", "decided to treatment the patient": a noun that cannot be a
    verb, after "to" of an infinitive and before an object (Persian "jarrahi kardan", "surgery
    do", loses its verb in translation)."""
    to, noun, obj = toks[i], _at(toks, i + 1), _at(toks, i + 2)
    prev = _at(toks, i - 1)
    if to.text.lower() != "to" or noun is None or obj is None or prev is None or \
            prev.text.lower() not in _INFINITIVE_GOVERNORS or noun.tag not in ("NN", "VB") or \
            not noun.text.isalpha() or not noun.text.islower() or can_be_verb(noun.text.lower()) or \
            obj.tag not in _OBJECT_TAGS:
        return None
    return (i, i + 1, f'"{noun.text}" is a noun, used here as a verb after "to": English needs a '
                      f'verb ("to operate on", "to treat", "to remove").', None)


_AS_PHRASES = {"as", "well", "such", "follows", "if", "though", "part", "usual", "long", "soon",
               "much", "many", "far", "opposed", "against", "compared"}
_NAMING = {"call", "term"}


def _as_complement(toks, k: int, lemma: str) -> bool:
    """Whether the words after "consider as" are its complement ("the main cause"), not an
    "as ... as" comparison, a fixed phrase ("as well", "as soon as") or (after "call") a role
    ("called as a witness")."""
    nxt = _at(toks, k)
    if nxt is None or not nxt.text[0].isalnum():
        return False
    low = nxt.text.lower()
    if any(t.text.lower() == "as" for t in toks[k:k + 4]):
        return False  # "considered as safe as", "called as soon as"
    if low in ("a", "an"):
        return lemma not in _NAMING
    return low not in _AS_PHRASES


def _doubled_to(toks, i: int):
    """"to not to worry": the infinitive marker written on both sides of "not"."""
    if toks[i].text.lower() != "to" or toks[i].tag not in ("TO", "IN"):
        return None
    neg, to, verb = _at(toks, i + 1), _at(toks, i + 2), _at(toks, i + 3)
    if neg is None or neg.text.lower() not in ("not", "never") or to is None \
            or to.text.lower() != "to" or verb is None or verb.tag != "VB":
        return None
    return (i, i + 2, f'"to" is written twice: "{neg.text} to {verb.text}" (or "to {neg.text} '
                      f'{verb.text}").', f"{neg.text} to")


_CLAUSE_SUBJECT = ("DT", "PRP", "PRP$")


def _clause_follows(toks, k: int) -> bool:
    """A subject with a determiner or a pronoun, then a finite verb, starts at toks[k] ("that
    the patient feels"); "cause that infection" (a demonstrative) does not."""
    t = _at(toks, k)
    if t is None or t.tag not in _CLAUSE_SUBJECT:
        return False
    return any(u.tag in ("VBZ", "VBP", "VBD", "MD") for u in toks[k + 1:k + 6])


def _with_gerund(toks, i: int, data: dict):
    """"removes the stone with using a laser": Persian "ba" + verbal noun for the means, where
    English says "by using". The gerunds and the words that govern "with" + gerund ("help with
    finding", "charged ... with taking") are lists of grammar_patterns.yaml."""
    tok, ger, after = toks[i], _at(toks, i + 1), _at(toks, i + 2)
    if tok.text.lower() != "with" or ger is None or after is None or \
            ger.text.lower() not in data["means_gerunds"]:
        return None
    if after.tag not in ("DT", "PRP$", "PRP", "CD") and (
            after.tag not in ("JJ", "NN", "NNS") or ger.text.lower() in data["compound_gerunds"]):
        return None  # "with drinking water", "the following day": a compound, not a means
    prev = _at(toks, i - 1)  # None: "With using this method, ..." opens the sentence
    if prev is not None and (prev.lemma.lower() in data["with_governors"] or
                             prev.text.lower() in data["with_governors"]) \
            or any(t.lemma.lower() in data["with_object_governors"] for t in toks[max(0, i - 5):i]):
        return None  # "help with finding", "charged the minister with taking bribes"
    by = "By" if tok.text[0].isupper() else "by"
    return (i, i + 1, f'"{tok.text} {ger.text}" gives the means as Persian does ("ba" + verb); '
                      f'English says "{by} {ger.text}".', f"{by} {ger.text}")


_MODAL_EXCEPTIONS = {"ought", "need", "dare", "used"}
# verbs whose past participle is their base form: "is cut", "was put", "has come" are English
_SAME_PARTICIPLE = {"come", "become", "overcome", "run", "cut", "put", "set", "hit", "let",
                    "shut", "hurt", "cost", "spread", "read", "bet", "burst", "cast", "quit",
                    "split", "upset", "forecast", "broadcast", "thrust", "rid", "bid", "fit",
                    "wed", "shed", "slit", "beat", "offset", "reset", "input", "output"}


def _modal_form(toks, i: int):
    """"can to return", "can not to return": a modal takes the bare verb, and so does "do" in
    a negation ("do not to need"; "things to do not to gain weight", where "do" is the main verb
    after "to", passes)."""
    tok, nxt, verb = toks[i], _at(toks, i + 1), _at(toks, i + 2)
    negated_do = tok.text.lower() in _DO and tok.tag in ("VBP", "VBZ", "VBD")
    if not (tok.tag == "MD" and tok.text.lower() not in _MODAL_EXCEPTIONS or negated_do) \
            or nxt is None:
        return None
    if not negated_do and nxt.text.lower() == "to" and verb is not None and verb.tag == "VB":
        return (i, i + 1, f'A modal verb takes the bare verb: "{tok.text} {verb.text}", not '
                          f'"{tok.text} to {verb.text}".', tok.text)
    after = _at(toks, i + 3)
    if nxt.text.lower() in ("not", "n't") and verb is not None and verb.text.lower() == "to" \
            and after is not None and after.tag == "VB":
        head = f'"{tok.text} {nxt.text}"' if negated_do else "A modal verb"
        return (i, i + 2, f'{head} takes the bare verb: "{tok.text} {nxt.text} {after.text}", '
                          f'not "{tok.text} {nxt.text} to {after.text}".',
                f"{tok.text} {nxt.text}")
    return None  # "can removes": TR015's (pipeline/rules/translation/agreement.py)


def _double_be(toks, i: int):
    """"is mostly be his own decision": a finite "be", an adverb or two, and "be" again."""
    if toks[i].text.lower() not in _FINITE_BE or toks[i].tag not in ("VBZ", "VBP", "VBD"):
        return None
    j = i + 1
    while j < len(toks) and j - i <= 2 and toks[j].tag == "RB":
        j += 1
    if j == i + 1 or j >= len(toks) or toks[j].text.lower() != "be":
        return None
    return (j, j, f'"{toks[i].text} ... {toks[j].text}": the second "be" is one verb too many.', None)


def _be_base(toks, i: int):
    """"is depend on": a finite "be" before a bare verb; the pseudo-cleft "what it does is
    reduce" and "all you have to do is wait" pass."""
    tok, nxt = toks[i], _at(toks, i + 1)
    prev = _at(toks, i - 1)
    if tok.text.lower() == "be" and prev is not None and prev.tag == "MD" and nxt is not None \
            and nxt.tag == "VB" and nxt.lemma.lower() not in ("be", "do", "have") and nxt.text.isalpha():
        return (i, i + 1, f'"{prev.text} {tok.text} {nxt.text}" puts a bare verb after "be": write '
                          f'"{prev.text} {nxt.text}", or "be" with the participle the sense needs.',
                f"{nxt.text}")
    if tok.text.lower() not in _FINITE_BE or tok.tag not in ("VBZ", "VBP", "VBD") or \
            nxt is None or nxt.lemma.lower() in ("be", "do", "have"):
        return None
    base = nxt.text.lower() == nxt.lemma.lower() and nxt.lemma.lower() not in _SAME_PARTICIPLE
    if nxt.tag != "VB" and not (nxt.tag in ("VBN", "VBP") and base and can_be_verb(nxt.text)
                                and not can_be_noun(nxt.text)):
        return None  # "are agree" tagged as a participle; "is cut", "was put" are passives
    if any(t.lemma.lower() == "do" for t in toks[:i]):
        return None  # a pseudo-cleft: "what the doctor does is remove the tissue"
    return (i, i + 1, f'"{tok.text} {nxt.text}" puts a bare verb after "{tok.text}": write '
                      f'"{nxt.text}s" / "{nxt.text}ed", or "{tok.text} {nxt.text}ing".', None)


def _object_follows(toks, k: int) -> bool:
    """A noun phrase (or a gerund) starts at toks[k]."""
    t = _at(toks, k)
    return t is not None and (t.tag in ("DT", "PRP$", "PRP", "JJ", "NN", "NNS", "NNP", "CD",
                                        "VBG", "PDT") or t.text.lower() in ("how", "what", "why"))


_QUANTITY_WORDS = {"half", "twice", "dozen", "third", "quarter", "hundred", "thousand", "fifth",
                   "tenth"}


def _quantity(toks, k: int) -> bool:
    """A number starts at toks[k] ("explained about half of it": "about" is "roughly")."""
    t, u = _at(toks, k), _at(toks, k + 1)
    return t is not None and (t.tag == "CD" or t.text.lower() in _QUANTITY_WORDS or (
        t.text.lower() in ("a", "an") and u is not None and u.text.lower() in _QUANTITY_WORDS))


def _object_end(toks, k: int, allow_noun: bool) -> int:
    """The index after the object that starts at toks[k]: a personal pronoun, or (when
    `allow_noun`) a determiner, adjectives and nouns ending with a noun; `k` when there is none."""
    t = _at(toks, k)
    if t is None:
        return k
    if t.text.lower() in _OBJECT_PRONOUNS:
        return k + 1
    if allow_noun and t.tag in _DETERMINERS:
        j = k + 1
        while j < len(toks) and j - k <= 4 and toks[j].tag in ("JJ", "NN", "NNS", "HYPH"):
            j += 1
        if j > k + 1 and toks[j - 1].tag in ("NN", "NNS"):
            return j
    return k


def _it_is_before(toks, i: int) -> bool:
    """"It is (highly) recommended": the passive with "it" before the verb at toks[i] (not "the
    pills were recommended to patients to relieve pain", where "to relieve" tells what for)."""
    k = i - 1
    while k >= 0 and toks[k].tag in ("RB", "RBR"):
        k -= 1
    return k >= 1 and toks[k].text.lower() in _BE and toks[k - 1].text.lower() == "it"


def _person_end(toks, k: int) -> int:
    """The index after a noun phrase starting at toks[k] (an object pronoun, or an optional
    determiner, adjectives and nouns ending with a noun: "patients", "the patient", "all
    patients"); `k` when there is none."""
    t = _at(toks, k)
    if t is None:
        return k
    if t.text.lower() in _OBJECT_PRONOUNS:
        return k + 1
    j = k + 1 if t.tag in _DETERMINERS else k
    start = j
    while j < len(toks) and j - start < 4 and toks[j].tag in ("JJ", "NN", "NNS", "HYPH"):
        j += 1
    return j if j > start and toks[j - 1].tag in ("NN", "NNS") else k


def _ing(verb: str) -> str:
    v = verb.lower()
    if v == "be":
        return "being"
    vowels = "aeiou"
    if v[-1:] in tuple("bdgmnprt") and len(v) >= 3 and v[-2] in vowels \
            and v[-3] not in vowels and (len(v) == 3 or len(v) == 4 and v[0] not in vowels):
        return v + v[-1] + "ing"  # "stop" -> "stopping", "put" -> "putting"
    if v.endswith("ie"):
        return v[:-2] + "ying"
    if v.endswith("e") and not v.endswith("ee"):
        return v[:-1] + "ing"
    return v + "ing"
