from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import can_be_adjective, can_be_noun

_ADJ_SUFFIX = re.compile(r"(?:al|ic|ical|ous|ive|ary|ory|ar|ile|able|ible|ful|less)$")
# Nouns with an adjective's ending, which can follow another noun in an English label.
_SUFFIXED_NOUNS = {"clinic", "hospital", "journal", "manual", "trial", "signal", "portal",
                   "festival", "arrival", "rehabilitation", "music", "topic", "tonic", "critic",
                   "logic", "material", "interval", "capital", "individual", "summary",
                   "library", "surgery", "artery", "diary", "directory", "category", "memory",
                   "history", "theory", "inventory", "laboratory", "pharmacy", "dispensary",
                   "seminar", "calendar", "pillar", "collar", "vessel", "native", "objective",
                   "relative", "sedative", "laxative", "alternative", "initiative", "archive",
                   "profile", "textile", "file", "table", "cable", "mobile", "article"}
# English places these few adjectives after the noun ("treatment options available").
_POSTPOSITIVE = {"available", "possible", "necessary", "required", "involved", "concerned",
                 "responsible", "affected", "present", "general", "proper", "elect", "galore"}
# Nouns that take their complement with "of"/"for" in English; Persian juxtaposes it (ezafe).
_RELATIONAL = {"method", "methods", "way", "ways", "causes", "symptoms", "signs", "types",
               "kinds", "benefits", "effects", "complications", "reasons", "importance", "role",
               "stages", "principles", "rules", "tips", "goals"}
_AFTER_PAIR = {"of", "for", "in", ":"}
# Running text: a relational adjective after its noun ("pain chronic"), the ending narrower than a
# label's (adjectives in -able/-ful/-less often follow a noun as its complement).
_RELATIONAL_ADJ = re.compile(r"(?:al|ic|ical|ous|ive|ary|ory|ar|ile|(?<!m)ent|ant)$")
# Adjectives of position that English puts after the noun in "with the spine neutral".
_POSITION = {"neutral", "vertical", "horizontal", "upright", "parallel", "perpendicular",
             "diagonal", "lateral", "medial", "erect", "level", "ajar", "alive", "immemorial"}
_INDEFINITE = {"something", "anything", "nothing", "everything", "someone", "anyone", "everyone",
               "somebody", "anybody", "nobody", "one"}
_ENDS_PHRASE = {"VBZ", "VBP", "VBD", "VB", "MD", "RB", ",", ".", ";", ":"}
_VERB_TAGS = {"VB", "VBZ", "VBP", "VBD", "VBN", "VBG", "MD"}


class SourceWordOrder(Rule):
    """Persian word order kept in a heading or list label: "Diseases Neurological".

    What it does
    Looks at headings, titles and list labels (the words before a list item's colon) for two
    Persian orders: a noun followed by its adjective at the end of the label ("Injuries
    Previous:", "with insurance Supplemental"), and a noun such as "Method" or "Causes" followed
    directly by the noun it governs, with the "of" missing ("Method Prevention of falls"). In
    running text it finds a noun followed by a relational adjective (one in -al, -ic, -ous, -ive,
    -ary, -ent, -ant: "pain chronic", "disorders musculoskeletal", "teeth adjacent") that ends the noun phrase, before a verb,
    an adverb or punctuation. Adjectives that English itself puts after a noun pass: before a
    preposition ("bacteria resistant to"), the postpositive "available", "possible", "involved",
    "alive", adjectives that are also nouns ("a marriage ritual"), and adjectives of position ("with the spine neutral"); so does any pair after a verb of its clause, where the
    adjective can be an object complement ("keeps the joint mobile", "became world famous").

    Why is this bad?
    Persian puts the adjective after the noun and links nouns with the ezafe, which has no
    written form; a literal translation keeps that order, and the label reads as garbled.

    Example
    - Injuries Previous: an old sprain can weaken the ankle.
    Ways Treatment of back pain
    Patients with pain chronic often sleep poorly.

    Use instead
    - Previous injuries: an old sprain can weaken the ankle.
    Ways to treat back pain
    Patients with chronic pain often sleep poorly.

    Severity
    Minor: the meaning can be recovered (MQM Fluency/Word order).

    References
    MQM core typology, Fluency: https://themqm.org/error-types-2/typology/
    Ezafe in Persian noun phrases: https://en.wikipedia.org/wiki/Ezafe
    """

    code = "TR005"
    name = "source-word-order"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Word order"

    def check(self, ctx):
        previous_block = None
        for seg in ctx.segments:
            first_in_block, previous_block = seg.block != previous_block, seg.block
            if seg.block_kind in ("paragraph", "list_item"):
                yield from _running_text(seg)
            words = [t for t in _label(seg, first_in_block) if t.pos != "PUNCT"]
            if len(words) < 2:
                continue
            noun, adj = words[-2], words[-1]
            if _noun_then_adjective(noun, adj):
                yield Match(noun.start, adj.end,
                            f'"{noun.text} {adj.text}" keeps the source order of noun and '
                            "adjective; English puts the adjective first.",
                            suggestion=f"{adj.text} {noun.text.lower()}", confidence=0.8)
            first, second = words[0], words[1]
            after = words[2].text.lower() if len(words) > 2 else ":"
            if (first.text.lower() in _RELATIONAL and second.text.istitle()
                    and second.text.isalpha() and second.pos in ("NOUN", "PROPN")
                    and after in _AFTER_PAIR):
                yield Match(first.start, second.end,
                            f'"{first.text} {second.text}" juxtaposes two nouns as the source '
                            'does; English needs "of", "for" or a verb between them.',
                            suggestion=f"{first.text} of {second.text.lower()}", confidence=0.75)


def _running_text(seg):
    """Noun + relational adjective pairs in a sentence of running text."""
    toks = seg.tokens
    for k in range(len(toks) - 1):
        noun, adj = toks[k], toks[k + 1]
        after = toks[k + 2].tag if k + 2 < len(toks) else "."
        word = adj.text.lower()
        if not (noun.tag in ("NN", "NNS") and noun.text.isalpha() and adj.text.isalpha()
                and adj.text.islower() and _RELATIONAL_ADJ.search(word)
                and word not in _POSTPOSITIVE | _POSITION | _SUFFIXED_NOUNS
                and noun.text.lower() not in _INDEFINITE and after in _ENDS_PHRASE
                and ((adj.tag == "JJ" and (not can_be_noun(word) or after[:2] in ("VB", "MD")))
                     or (adj.tag == "NN" and can_be_adjective(word) and not can_be_noun(word)))):
            continue
        start = k
        while start > 0 and toks[start - 1].text not in (",", ";", ":", "(", "\u2013", "\u2014"):
            start -= 1
        if any(t.tag in _VERB_TAGS for t in toks[start:k]):
            continue  # "keeps the joint mobile", "saw his son alive": an object complement
        yield Match(noun.start, adj.end,
                    f'"{noun.text} {adj.text}" puts the adjective after its noun, as Persian '
                    "does (ezafe); English puts it first.",
                    suggestion=f"{adj.text} {noun.text.lower()}", confidence=0.75)


def _label(seg, first_in_block: bool):
    """A heading's or title's tokens, or a list item's label (the tokens before its colon)."""
    if seg.block_kind in ("heading", "title"):
        return seg.tokens
    if seg.block_kind == "list_item" and first_in_block:
        colon = next((k for k, t in enumerate(seg.tokens[:8]) if t.text == ":"), None)
        if colon is not None:
            return seg.tokens[:colon]
    return []


def _noun_then_adjective(noun, adj) -> bool:
    """A noun followed by a capitalised adjective that ends the label: "Diseases Neurological",
    "insurance Supplemental" (the plural or the lower-case noun shows the adjective is not the
    head of a compound such as "Sports Clinic")."""
    word = adj.text.lower()
    return (adj.text.istitle() and adj.text.isalpha() and _ADJ_SUFFIX.search(word) is not None
            and word not in _SUFFIXED_NOUNS and word not in _POSTPOSITIVE
            and noun.pos == "NOUN" and noun.text.isalpha()
            and (noun.tag == "NNS" or noun.text.islower()))
