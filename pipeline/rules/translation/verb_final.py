from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import (can_be_noun, can_be_verb, clause_start,
                                                is_finite, noun_phrases)
from pipeline.rules.translation.word_lists import word_lists

_NOMINAL_NEXT = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ"})
_NOT_BEFORE_VERB = frozenset({"DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS", "IN", "TO",
                              "CC", "HYPH"})
MIN_CLAUSE_TOKENS = 4
_NEGATIONS = {"not", "n't", "'t", "n\u2019t", "\u2019t", "never"}
_RELATIVE_HEADS = {"way", "reason", "place", "moment", "period", "age", "date"}
_DO_FORMS = {"do", "does", "did", "don", "doesn", "didn"}
_SUBJECTS = {"i", "you", "he", "she", "it", "we", "they"}


def verb_final(seg) -> tuple[int, int, dict] | None:
    """(first, last + 1, evidence) of the verb group a sentence leaves at the end of its last
    clause, Persian-fashion, or None. The clause must have no finite verb and no subordinator
    before that group, and hold either an object before the verb (two bare noun phrases:
    subject and object) or an adverbial of time between the subject and the verb."""
    lists = word_lists()
    toks = seg.tokens
    n = len(toks)
    while n and toks[n - 1].pos == "PUNCT":
        n -= 1
    if n < MIN_CLAUSE_TOKENS or not seg.text.rstrip().endswith((".", "!")):
        return None
    last = toks[n - 1]
    word = last.text.lower()
    if not (last.text.isalpha() and last.text.islower()) or word in lists["verb_group_adverbs"]:
        return None
    first = n - 1
    while first > 0 and (toks[first - 1].tag == "MD" or toks[first - 1].pos == "ADV"
                         or toks[first - 1].text.lower() in lists["verb_group_adverbs"]):
        first -= 1
    has_modal = any(t.tag == "MD" for t in toks[first:n])
    if not (last.tag.startswith("VB") or has_modal
            or (last.tag in ("NN", "NNS") and can_be_verb(word)
                and (first < n - 1 or not can_be_noun(word)))):
        return None  # a word read as a noun counts if it cannot be one or follows an adverb
    if not has_modal and first > 0 and toks[first - 1].tag in _NOT_BEFORE_VERB:
        return None  # "the changes", "wear and tear", "to rest": not a clause-final verb
    start = clause_start(toks, first)
    if first - start < MIN_CLAUSE_TOKENS - 1:
        return None
    clause = toks[start:first]
    if any(is_finite(toks, k) for k in range(start, first)):
        return None
    if any(t.text.lower() in lists["subordinators"] or t.tag in ("WDT", "WP", "WP$", "WRB")
           for t in clause):
        return None
    if any(t.tag in ("VBN", "VBG") and not (k + 1 < first and toks[k + 1].tag in _NOMINAL_NEXT)
           for k, t in enumerate(clause, start)):
        return None  # a participle used as a verb ("killed or imprisoned", "organised by")
    if any(t.text.lower() == "the" and k + 1 < first and toks[k + 1].tag in ("JJR", "RBR")
           for k, t in enumerate(clause, start)):
        return None  # "the more we use them, the stronger they become": a comparative correlative
    if any(t.text.lower() in _NEGATIONS for t in clause) or any(
            t.text.lower() in _DO_FORMS for t in toks[max(start, first - 1):n]):
        return None  # "don't hit", "doesn't understand": an elliptical English clause
    phrases = noun_phrases(toks, start, first)
    bare = [p for p in phrases if p[2]]
    if bare and bare[-1][1] - bare[-1][0] == 1 and toks[bare[-1][0]].text.lower() in _SUBJECTS \
            and bare[-1][1] == first:
        return None  # "the year he died", "the books I like": a relative clause without "that"
    if len(bare) == 2 and toks[bare[0][1] - 1].text.lower() in lists["time_nouns"] | _RELATIVE_HEADS:
        return None  # "the year his father died": an adverbial relative clause without "when"
    timed = _duration(toks, start, first, lists)
    if len(bare) >= 2:
        why = "object"
    elif bare and timed and bare[0][0] < timed:
        why = "adverbial"
    else:
        return None
    return first, n, {"reason": why, "verb": " ".join(t.text for t in toks[first:n])}


_COPULAS = {"is", "are", "was", "were"}
_NOT_BEFORE_COPULA = {"there", "here", "it", "this", "that", "these", "those", "which", "who",
                      "what", "he", "she", "they", "we", "you", "i"}
_ELLIPSIS_MARKERS = {"than", "as", "so", "such", "whatever", "however", "whoever", "matter"}


def copula_final(seg) -> tuple[int, int, dict] | None:
    """(index, index + 1, evidence) of a sentence-final "is"/"are" that ends a sentence with no
    other verb and no word that opens a clause English may end with "be" ("where the clinic
    is", "as it is", "than it was"): "One of the most common injuries, a torn ligament is." """
    lists = word_lists()
    toks = seg.tokens
    n = len(toks)
    while n and toks[n - 1].pos == "PUNCT":
        n -= 1
    if n < 5 or not seg.text.rstrip().endswith((".", "!")):
        return None
    last, prev = toks[n - 1], toks[n - 2]
    if last.text.lower() not in _COPULAS or not prev.text.isalpha() \
            or prev.text.lower() in _NOT_BEFORE_COPULA or prev.tag in ("PRP", "EX", "DT", "RB"):
        return None
    if any(is_finite(toks, k) for k in range(n - 1)):
        return None
    if any(t.text.lower() in lists["subordinators"] or t.text.lower() in _ELLIPSIS_MARKERS
           or t.tag in ("WDT", "WP", "WP$", "WRB") for t in toks[:n - 1]):
        return None
    if any(t.text.lower() == "the" and u.tag in ("JJR", "RBR") for t, u in zip(toks, toks[1:n])):
        return None  # "the more active the patient is, ...": a comparative correlative
    return n - 1, n, {"reason": "copula", "verb": last.text}


def _duration(toks, start: int, end: int, lists) -> int | None:
    """Index of the first adverbial of duration or frequency in toks[start:end]: "for two weeks",
    "within an hour", or a bare "every day" / "three times a day" / "twice a week". (Time
    phrases such as "after the operation" also modify nouns in English - "the pain after the
    operation" - and are not counted.)"""
    for k in range(start, end):
        w = toks[k].text.lower()
        nxt = toks[k + 1] if k + 1 < end else None
        if w in lists["time_prepositions"] and any(
                t.tag == "CD" or t.text.lower() in lists["time_nouns"] for t in toks[k + 1:k + 4]):
            return k
        if w in ("every", "once", "twice") or (toks[k].tag == "CD" and nxt is not None
                                               and nxt.text.lower() in lists["time_nouns"]):
            return k
    return None


class VerbAtClauseEnd(Rule):
    """The verb left at the end of its clause, where Persian puts it: "... the brace should wear."

    What it does
    Finds a sentence whose last clause ends with its verb (with any modal and adverbs before it:
    "should wear", "carefully examines") while the clause before that verb has no verb of its own
    and no word that opens a subordinate clause, and holds either the verb's object (a second
    noun phrase after the subject: "The dentist the damaged tooth first removes") or an adverbial
    of duration or frequency between the subject and the verb ("the patient for one hour in the
    clinic should rest"). Clauses that English itself ends with a verb ("... which toothpaste you should use",
    "... how long the numbness will last") are opened by a subordinator and pass. The tagger often
    reads such a stranded verb as a noun, so a clause-final word tagged as a noun counts as a
    verb when the model's lemmatizer data knows it as a verb and either not as a noun ("examines")
    or an adverb stands before it ("first removes"). A sentence with no other verb that ends
    with "is" or "are" after its subject and complement ("Other causes, weak muscles and poor
    posture are.") is reported too; "where the clinic is", "as it is", "than it was" pass.

    Why is this bad?
    Persian is verb-final (subject, object, adverbials, verb). A literal translation keeps that
    order; English readers expect the verb straight after the subject and stumble over a sentence
    whose verb arrives last.

    Example
    The patient after the operation for two weeks the brace should wear.

    Use instead
    After the operation, the patient should wear the brace for two weeks.

    Severity
    Major: the sentence must be rebuilt before it reads as English (MQM Fluency/Word order).

    References
    Persian grammar, word order (subject, prepositional phrases, object, verb):
    https://en.wikipedia.org/wiki/Persian_grammar#Word_order
    Jahanshiri, Persian grammar, word order: https://www.jahanshiri.ir/fa/en/word-order
    MQM core typology, Fluency/Grammar (word order): https://themqm.org/error-types-2/typology/
    """

    code = "TR025"
    name = "verb-at-clause-end"
    category = "translation"
    severity = "major"
    mqm_type = "Fluency/Word order"

    def check(self, ctx):
        for seg in ctx.segments:
            if seg.block_kind not in ("paragraph", "list_item"):
                continue
            found = verb_final(seg) or copula_final(seg)
            if found is None:
                continue
            first, end, evidence = found
            toks = seg.tokens
            after = {"object": "its object", "adverbial": "its adverbials",
                     "copula": "its subject and complement"}[evidence["reason"]]
            yield Match(toks[first].start, toks[end - 1].end,
                        f'"{evidence["verb"]}" is left at the end of the clause, after {after}: '
                        "Persian word order. English puts the verb right after the subject.",
                        evidence=evidence, confidence=0.75)
