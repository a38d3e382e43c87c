"""Agreement, case and number errors that Harper misses, read from spaCy's tags (TR015 reports them
with Harper's lints): a third-person or past form after a modal or after "do"/"does"/"did"
("can causes", "didn't felt"), a plural subject noun at the start of a clause followed
straight by a verb in -s ("Most patients returns"), "you" before a noun after a verb, where
"your" is meant ("review you medical history"), and a plural written with an apostrophe, which
its plural verb shows ("Starch's are")."""
from __future__ import annotations

from pipeline.rules.translation import grammar_patterns

_MODALS = {"can", "could", "may", "might", "must", "shall", "should", "will", "would"}
_DO = {"do", "does", "did"}
_NEGATION = {"not", "n't"}
_PLURAL_DET = {"the", "these", "those", "most", "many", "all", "some", "our", "their", "your",
               "my", "his", "her", "both", "several", "few", "other", "such"}
_SUBORDINATORS = {"when", "if", "because", "while", "although", "though", "after", "before",
                  "since", "unless", "until", "whether", "once", "that"}


def agreement_errors(toks):
    """(start, end, message, suggestion) for each error in one sentence's tokens."""
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        if low in _MODALS or low in _DO:
            j = i + 1
            while j < len(toks) and toks[j].text.lower() in _NEGATION:
                j += 1
            if j >= len(toks):
                continue
            verb = toks[j]
            if verb.tag == "VBZ" or (low in _DO and verb.tag == "VBD"):
                if verb.lemma and verb.lemma.lower() != verb.text.lower() and \
                        verb.lemma.lower() not in ("be", "have"):
                    yield (verb.start, verb.end,
                           f'After "{tok.text}" the verb takes its base form: "{verb.lemma}", '
                           f'not "{verb.text}".', verb.lemma)
        elif tok.tag == "NNS" and low not in grammar_patterns.load()["singular_in_s"] \
                and i + 1 < len(toks):
            verb = toks[i + 1]
            if verb.tag != "VBZ" or verb.lemma.lower() in ("be", "have") or \
                    not verb.text.lower().endswith("s"):
                continue
            before = toks[i - 1] if i > 0 else None
            clause_start = before is None or (
                before.text.lower() in _PLURAL_DET and
                (i < 2 or toks[i - 2].tag in (",", "CC", ".") or
                 toks[i - 2].text.lower() in _SUBORDINATORS))
            if clause_start:
                yield (verb.start, verb.end,
                       f'"{tok.text}" is plural, so the verb is "{verb.lemma}", not '
                       f'"{verb.text}".', verb.lemma)


_NOUN_TAGS = ("NN", "NNS")
_MODIFIER_TAGS = ("JJ", "JJR", "JJS", "NN", "NNS", "HYPH")


def object_you_errors(toks):
    """(start, end, message, suggestion) for "you" before a noun where "your" is meant: a verb,
    not an auxiliary and not one that takes two objects or "you" and a bare infinitive
    (grammar_patterns.yaml `two_object_verbs`), then "you", then a noun phrase with no
    determiner ("review you medical history", "protects you skin"). "give you advice", "do you
    smoke", "keep you company" and "help you sleep" pass."""
    data = grammar_patterns.load()
    for i in range(1, len(toks) - 1):
        you, verb = toks[i], toks[i - 1]
        if you.text != "you" or not verb.tag.startswith("VB") or verb.pos == "AUX" or \
                verb.lemma.lower() in data["two_object_verbs"]:
            continue
        j = i + 1
        while j < len(toks) and toks[j].tag in _MODIFIER_TAGS and toks[j].text.isalpha() and \
                toks[j].text.lower() not in data["after_object_you"]:
            j += 1
        head = toks[j - 1]
        if j == i + 1 or head.tag not in _NOUN_TAGS or \
                (j < len(toks) and toks[j].tag.startswith("VB") and toks[j].tag != "VBN"):
            continue  # no noun; or "you" + noun as the subject of a verb ("you people need")
        phrase = " ".join(t.text for t in toks[i + 1:j])
        yield (you.start, you.end, f'"you" before the noun "{phrase}": the possessive "your" is '
                                   f'meant ("{verb.text} your {phrase}").', "your")


_CONTRACTING = {"it", "that", "there", "here", "what", "who", "he", "she", "let", "where", "how",
                "this", "everyone", "everybody", "someone", "somebody", "nobody", "one"}
_PLURAL_FINITE = {"are", "were", "have", "do"}


def plural_apostrophe_errors(toks, frequency=None):
    """(start, end, message, suggestion) for a plural written with an apostrophe, which its plural
    verb shows ("Starch's are found in bread", "Our dentist's have"): an apostrophe-s
    written onto a noun and followed by "are", "were", "have" or "do". "it's", "that's" and a
    possessive before its noun ("the doctor's office") pass. With `frequency` (a word's Zipf
    frequency), the regular plural is suggested only when it is in use about as much as the
    singular (within 1.0): "child's were" gets none, since "childs" is not the plural."""
    for i in range(1, len(toks) - 1):
        word, mark, verb = toks[i - 1], toks[i], toks[i + 1]
        if mark.text not in ("'s", "’s") or mark.start != word.end or not word.text.isalpha() \
                or word.text.lower() in _CONTRACTING or word.tag.startswith("PRP") \
                or verb.text.lower() not in _PLURAL_FINITE:
            continue
        plural = word.text + ("es" if word.text.lower().endswith(("ch", "sh", "s", "x", "z"))
                              else "s")
        if frequency is not None and \
                frequency(plural.lower()) < frequency(word.text.lower()) - 1.0:
            plural = None
        yield (word.start, mark.end, f'"{word.text}{mark.text}" before "{verb.text}" is a plural, '
                                     f'written with no apostrophe' +
               (f': "{plural}".' if plural else "."), plural)
