from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_patterns
from pipeline.rules.translation.clauses import can_be_verb

_FINITE = ("VBZ", "VBP", "VBD", "MD")
_BETWEEN = ("JJ", "JJR", "JJS", "NN", "HYPH", "RB", "VBN", "VBG")


class NounNumber(Rule):
    """A plural noun after a singular determiner, or an uncountable noun counted: "one specific
    wavelengths", "each teeth", "advices", "a complete information".

    What it does
    Finds a plural common noun (spaCy's NNS whose lemma differs from the word: "tests",
    "teeth") that heads a noun phrase opened by a singular determiner ("a", "an", "one",
    "each", "every", "this", "another"), with only adjectives, adverbs and nouns between them;
    and an uncountable noun ("advice", "information", "equipment") in the plural or after "a"
    or "an", and a noun with no plural in the plural ("the followings"). The lists are in
    pipeline/rules/data/grammar_patterns.yaml. Quantities pass ("a
    few drops", "another two weeks", "a number of tests"), and so do nouns that end in -s but
    are singular ("a series", "diabetes"), plural nouns used as modifiers ("a sports injury",
    "an information leaflet"), names and phrases with "of" ("one of the causes").

    Why is this bad?
    Persian marks number differently (a noun after a number stays singular, and many nouns
    that English cannot count are countable in Persian), so machine translation mixes singular
    and plural inside one noun phrase; the reader cannot tell whether one thing or several is
    meant.

    Example
    Laser hair removal uses one specific wavelengths of light. Please read the following advices.

    Use instead
    Laser hair removal uses one specific wavelength of light. Please read the following advice.

    Severity
    Minor: the meaning is usually clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Nouns: countable and uncountable: https://dictionary.cambridge.org/grammar/british-grammar/nouns-countable-and-uncountable
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR041"
    name = "noun-number"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        data = grammar_patterns.load()
        for seg in ctx.segments:
            toks = seg.tokens
            for i, tok in enumerate(toks):
                found = _counted_uncountable(toks, i, data) or _plural_after_singular(toks, i, data)
                if found:
                    start, message, suggestion = found
                    yield Match(toks[start].start, tok.end, message, suggestion=suggestion,
                                evidence={"noun": tok.text.lower()}, confidence=0.7)


def _modifier_next(toks, i: int) -> bool:
    """toks[i] modifies the next word ("sports injury", "information leaflet") or is possessive."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and (nxt.tag in ("NN", "NNS", "POS", "HYPH") or nxt.text in ("'", "’"))


def _counted_uncountable(toks, i: int, data: dict):
    tok = toks[i]
    low, lemma = tok.text.lower(), tok.lemma.lower()
    if not tok.tag.startswith("NN") or tok.tag.startswith("NNP") or _modifier_next(toks, i):
        return None
    if low != lemma and (lemma in data["uncountable"] or lemma in data["no_plural"]) \
            and low.endswith("s") and \
            not (i > 0 and toks[i - 1].tag in ("NN", "NNS", "NNP", "PRP") and can_be_verb(low)):
        return i, f'"{lemma}" is uncountable in English: it has no plural.', lemma
    if low in data["uncountable"]:
        k = i - 1
        while k >= 0 and toks[k].tag in ("JJ", "JJR", "JJS", "RB", "HYPH"):
            k -= 1
        if k >= 0 and toks[k].text.lower() in ("a", "an") and toks[k].tag == "DT":
            return k, (f'"{low}" is uncountable in English: no "{toks[k].text}" before it (write '
                       f'"{low}" alone or "a piece of {low}").'), None
    return None


def _verb_read_as_noun(toks, i: int) -> bool:
    """"This pressure causes the pain": a third-person verb tagged as a plural noun, seen by the
    object or determiner right after it."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    return nxt is not None and nxt.tag in ("DT", "PRP$", "PRP", "PDT", "CD", "TO", "IN", "RB") \
        and nxt.text.lower() not in ("of", "for", "in", "on", "with", "from", "at", "to")


_CLAUSE_OPENERS = frozenset(("how", "much", "many", "what", "why", "when", "where", "whether",
                             "if", "that", "because", "since", "until", "unless", "while"))


def _clause_opened(toks, i: int) -> bool:
    """Whether the noun phrase before token i opens a clause ("how much a hair transplant
    costs"): a question word or a subordinator stands right before its determiner."""
    k = i - 1
    while k >= 0 and toks[k].tag not in ("DT", "CD"):
        k -= 1
    return k > 0 and toks[k - 1].text.lower() in _CLAUSE_OPENERS


def _plural_after_singular(toks, i: int, data: dict):
    tok = toks[i]
    low = tok.text.lower()
    if tok.tag != "NNS" or tok.lemma.lower() == low or low in data["singular_in_s"] \
            or tok.text[:1].isupper() or _modifier_next(toks, i) or _verb_read_as_noun(toks, i):
        return None
    if i > 0 and toks[i - 1].tag == "NN" and not any(t.tag in _FINITE for t in toks):
        return None  # "A herniated disc presses on ...": the sentence's verb, read as a noun
    if i > 0 and toks[i - 1].tag == "NN" and can_be_verb(low) and \
            (i + 1 == len(toks) or toks[i + 1].tag in (".", ",", ":")) and \
            _clause_opened(toks, i):
        return None  # the last word of a clause: "wonder how much a hair transplant costs."
    k = i - 1
    while k >= 0 and toks[k].tag in _BETWEEN and i - k <= 4:
        if toks[k].text.lower() in data["quantity_words"]:
            return None
        if toks[k].tag == "NN" and toks[k + 1].tag not in ("NN", "NNS", "HYPH"):
            return None  # a noun with words of its own after it heads another phrase:
            #              "teaches each patient simple exercises"
        k -= 1
    det = toks[k] if k >= 0 else None
    if det is None or det.text.lower() not in data["singular_determiners"] or \
            det.tag not in ("DT", "CD") or det.text.lower() == "one" and k > 0 and \
            toks[k - 1].tag in ("DT", "JJ", "PRP$"):
        return None
    return k, (f'"{tok.text}" is plural but "{det.text}" counts one: make the noun singular or '
               f'drop "{det.text}".'), tok.lemma.lower()
