from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import can_be_noun, can_be_verb, only_verb
from pipeline.rules.translation.verb_final import verb_final

_CONTENT = ("NOUN", "PROPN", "ADJ")
# Tags of a verb that can carry a sentence; participles and gerunds alone cannot.
_CARRYING = ("VBZ", "VBP", "VBD", "MD", "VB")
# Openers of a fragment that only lists examples ("Including swelling and redness.").
_LISTING = ("such as", "including", "for example", "for instance", "e.g.", "especially", "like")


_SUBJECT_WORDS = {"both", "all", "also", "often", "usually", "each", "they", "we", "you"}
_OBJECT_START = {"DT", "NN", "NNS", "PRP$", "JJ", "PRP", "CD"}
_IMPERATIVE_OBJECT = {"DT", "PRP$", "PRP", "NNP", "NNPS"}


def _hidden_verb(toks) -> bool:
    """Whether a word the tagger read as a noun or adjective is the sentence's verb: a verb form
    between a subject and an object ("diabetes both slow wound healing"), or a verb in -s right
    after a singular noun ("the heart rate increases."), or an imperative read as a name or a
    noun before its object ("Search PubMed for ...", "Rest the knee.")."""
    if len(toks) > 2 and toks[0].tag in ("NN", "NNP", "JJ") and toks[0].text[1:].islower() \
            and can_be_verb(toks[0].text.lower()) and toks[1].tag in _IMPERATIVE_OBJECT:
        return True
    for k in range(1, len(toks) - 1):
        t, prev, nxt = toks[k], toks[k - 1], toks[k + 1]
        if not t.text.islower() or not can_be_verb(t.text):
            continue
        if t.tag in ("JJ", "NN", "RB") and nxt.tag in _OBJECT_START and (
                prev.tag in ("NNS", "PRP") or prev.text.lower() in _SUBJECT_WORDS):
            return True
        if t.tag in ("NN", "JJ") and only_verb(t.text) and nxt.tag in _OBJECT_START \
                and prev.tag in ("NN", "NNS", "NNP", "PRP"):
            return True  # a word that is only a verb: "rest and ice relieve/NN pain"
        if t.tag == "NN" and nxt.text.lower() in _PARTICLES and prev.tag not in ("DT", "PRP$") \
                and k + 2 < len(toks) and toks[k + 2].tag in ("IN", "TO"):
            return True  # a phrasal verb read as a noun: "implants of this kind date/NN back to"
        if t.tag == "NN" and nxt.tag == "PRP$" and prev.tag in ("NN", "NNS", "NNP"):
            return True  # a noun is not followed by "their": "companies ... market their products"
        if t.tag == "NNS" and t.text.endswith("s") and prev.tag in ("NN", "NNP") \
                and (nxt.tag in _OBJECT_START | {"RB", "IN"} or nxt.text == ".") \
                and _determined(toks, k - 1):
            return True
        if t.tag == "NNS" and t.text.endswith("s") and nxt.tag in _OBJECT_START and (
                prev.tag == "JJ" and prev.text.endswith(_AGENT_ENDINGS) and _determined(toks, k - 1)
                or prev.text == "," and _after_insertion(toks, k - 1)):
            return True  # "A urologist/JJ treats/NNS kidney stones", "The cerebellum, ..., coordinates"
    return False


# adverb particles of phrasal verbs ("date back to", "wear off after")
_PARTICLES = frozenset(("back", "up", "out", "down", "off", "away"))
# endings of agent nouns that the tagger reads as adjectives when they are rare ("urologist")
_AGENT_ENDINGS = ("ist", "ian")


def _after_insertion(toks, comma: int) -> bool:
    """Whether toks[comma] closes an insertion that follows a sentence-opening noun phrase:
    "The cerebellum, at the back of the brain, ..." (determiner and noun, a comma, the insertion
    with no verb, then this comma)."""
    first = next((i for i in range(comma) if toks[i].text == ","), None)
    return first is not None and first >= 1 and toks[first - 1].tag in ("NN", "NNP", "NNS") \
        and _determined(toks, first - 1) and toks[0].tag in ("DT", "PRP$") \
        and not any(t.tag.startswith("VB") or t.tag == "MD" for t in toks[first + 1:comma])


def _determined(toks, k: int) -> bool:
    """Whether the noun phrase ending at toks[k] starts with a determiner ("the heart rate")."""
    while k >= 0 and toks[k].tag in ("NN", "NNP", "JJ", "HYPH"):
        k -= 1
    return k >= 0 and toks[k].tag in ("DT", "PRP$")


def _fragment(toks) -> bool:
    """No verb at all; or no verb that can carry a sentence, and an opening "such as" /
    "including", or an opening participle or gerund with no comma after which a main clause
    could follow ("Used in special cases.", not "Seeing this, the doctor ..."). (Participles
    elsewhere are not enough: the tagger reads many past tenses as participles.)"""
    if not any(t.pos in ("VERB", "AUX") for t in toks):
        return not _hidden_verb(toks)
    if any(t.tag in _CARRYING for t in toks):
        return False
    opening = " ".join(t.text.lower() for t in toks[:2])
    return opening.startswith(_LISTING) or (
        toks[0].tag in ("VBN", "VBG") and not any(t.text == "," for t in toks)) or \
        _noun_and_participle(toks)


_NOUN_PHRASE = ("DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "HYPH",
                "POS", "VBN")
_RELATIVES = {"that", "which", "who"}
_FINITE = ("VBZ", "VBP", "VBD", "MD")
_AUXILIARIES = {"be", "have", "do"}


def _relative_only(toks) -> bool:
    """A noun phrase and its relative clause, and no main verb: "The patella that is placed on
    the front of the knee to protect it." One finite verb group in all (the relative clause's);
    a noun the tagger read where a verb may stand after a noun counts as a second one."""
    r = next((k for k, t in enumerate(toks) if t.tag not in _NOUN_PHRASE), None)
    if r is None or r == 0 or toks[r].text.lower() not in _RELATIVES or \
            toks[r].tag not in ("WDT", "WP") or not any(t.tag.startswith("NN") for t in toks[:r]):
        return False  # "The fact that ...": a content clause, not a relative one
    before = toks[r - 1]
    if r > 1 and before.tag in ("NN", "NNS") and can_be_verb(before.text.lower()) and \
            toks[r - 2].tag in ("NN", "NNS", "NNP", "JJ", "POS"):
        return False  # "Old records state that ...": the word before "that" may be the verb
    groups, in_group = 0, False
    for k in range(r + 1, len(toks)):
        t, prev = toks[k], toks[k - 1]
        low = t.text.lower()
        hidden = t.tag in ("NN", "NNS") and can_be_verb(low) and (  # a verb read as a noun
            not can_be_noun(low)  # "... meaning refer to", "... power consist of"
            or t.tag == "NNS" and (prev.tag in ("NN", "NNS", "NNP", "JJ") or k == r + 1)
            or t.tag == "NN" and (prev.tag == "NNS" or low.endswith("ed")))  # "cells ... produce"
        if t.tag in _FINITE or hidden:
            if not (in_group and (prev.tag == "MD" or prev.lemma in _AUXILIARIES)):
                groups += 1
            in_group = True
        elif t.tag == "VB" and prev.tag not in ("MD", "TO", "RB") and prev.lemma != "do":
            groups += 1  # a present tense the tagger read as a base form: "... needed depend"
            in_group = True
        elif t.tag in ("VB", "VBN", "VBG"):
            pass  # "is placed", "have had", "can be": the group goes on (or an infinitive)
        elif not (in_group and t.tag in ("RB", "RBR")):
            in_group = False
        if t.text in (",", ";", ":"):
            return False  # an aside or a second clause: leave it to a parse
    return groups == 1 and _parsed_as_noun_phrase(" ".join(t.text for t in toks))


def _parsed_as_noun_phrase(text: str) -> bool:
    """The dependency parse agrees: the sentence's root is a noun (the lazy parser of
    pipeline/claims/parse.py, run only on the few sentences the tags pick)."""
    from pipeline.claims.parse import parse

    return any(t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN") for t in parse(text))


def _noun_and_participle(toks) -> bool:
    """A noun phrase and a participle set off by a comma, and nothing else: "The root part,
    sometimes called the implant." (the sentence lost its main verb)."""
    comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
    if comma is None or comma < 2 or toks[0].tag not in ("DT", "NN", "NNS", "JJ", "PRP$") or \
            not any(t.tag.startswith("NN") for t in toks[:comma]):
        return False
    k = comma + 1
    while k < len(toks) and toks[k].tag in ("RB", "RBR"):
        k += 1
    return k < len(toks) and toks[k].tag == "VBN"


class VerblessSentence(Rule):
    """A sentence with no verb in running text: a fragment split off, or a leaked alternative.

    What it does
    Finds sentences that end with a full stop yet contain no verb, or no verb that can carry a
    sentence and open with a listing word or a participle ("Including swelling and redness.",
    "Used in special cases such as a narrow jaw.") or hold only a noun phrase and a participle
    after a comma ("The root part, sometimes called the implant."), in paragraphs and after the first sentence of
    a list item (headings, titles, list labels and the first sentence of a list item may be
    verbless). A sentence whose verb was moved to its end (TR025) is left to that rule. When
    the fragment starts in lower case and repeats a word of the sentence before it ("... can
    cause muscle spasms. muscle cramps."), it is reported as an alternative translation that
    leaked into the text. Inside a paragraph, a noun phrase whose only verb is in its relative
    clause ("The patella that is placed on the front of the knee.") is a fragment too, when the
    dependency parse agrees that the sentence's root is the noun. A word the tagger read as a noun or an adjective where the verb should
    stand ("diabetes both slow wound healing", "the heart rate increases.") counts as a verb;
    "muscle cramps." stays a fragment.

    Why is this bad?
    Machine translation breaks long source sentences at the wrong place, leaving a list of nouns
    as a "sentence" whose verb sits in the next one, or it emits two candidate translations of a
    term one after the other. Either way the reader meets a sentence that says nothing.

    Example
    Some conditions such as diabetes, thyroid disease and kidney failure. They can also cause
    cramps. Stretching eases leg cramps. calf cramps.

    Use instead
    Some conditions, such as diabetes, thyroid disease and kidney failure, can also cause
    cramps. Stretching eases calf cramps.

    Severity
    Minor: the meaning can be recovered from the neighbouring sentence (MQM Fluency/Grammar).

    References
    MQM core typology, Fluency/Grammar and Accuracy/Addition: https://themqm.org/error-types-2/typology/
    """

    code = "TR008"
    name = "verbless-sentence"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"
    options = {"min_words": 2}

    def check(self, ctx):
        previous = None
        for seg in ctx.segments:
            first_in_block = previous is None or previous.block != seg.block
            before, previous = previous, seg
            if not verbless_fragment(seg, first_in_block, ctx.options["min_words"]):
                continue
            text = seg.text.rstrip()
            repeated = _repeats(seg, before) if not first_in_block and text[0].islower() else None
            if repeated:
                message = (f'"{text}" is a verbless fragment that repeats "{repeated}" from the '
                           "sentence before: an alternative translation leaked into the text.")
            else:
                message = (f'"{_short(text)}" has no verb: it was probably split from the '
                           "sentence that completes it.")
            yield Match(seg.start, seg.start + len(text), message,
                        evidence={"leaked_alternative": bool(repeated)}, confidence=0.7)


def verbless_fragment(seg, first_in_block: bool, min_words: int = 2) -> bool:
    """Whether TR008 reports this segment: a verbless sentence ending in a full stop in running
    text (TR017 leaves such splits to it)."""
    if seg.block_kind not in ("paragraph", "list_item") or \
            (seg.block_kind == "list_item" and first_in_block):
        return False
    text = seg.text.rstrip()
    if not text.endswith(".") or text.endswith("..") or ":" in text:
        return False
    words = [t for t in seg.tokens if t.text.isalpha()]
    if len(words) < min_words or verb_final(seg) is not None:
        return False
    # a noun phrase with only a relative clause is a fragment inside a paragraph; alone in its
    # block it is usually a list item or a caption whose marker was lost
    return _fragment(seg.tokens) or not first_in_block and _relative_only(seg.tokens)


def _repeats(seg, before) -> str | None:
    """A content word of the fragment that the previous sentence also has."""
    earlier = {t.lemma.lower() for t in before.tokens if t.pos in _CONTENT}
    return next((t.text for t in seg.tokens if t.pos in _CONTENT and t.lemma.lower() in earlier),
                None)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."
