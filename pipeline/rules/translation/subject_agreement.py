from __future__ import annotations

from functools import lru_cache

from pipeline.article_need.model import regular_plural
from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import clause_data, grammar_data, grammar_patterns, number_agreement
from pipeline.rules.translation.word_lists import word_lists
from pipeline.rules.translation.agreement_shapes import (amount, coordinated, counted, existential,
                                                       plural_form, proportion, third_person)

_DETERMINERS = ("DT", "PRP$", "PDT")
# tags of the words between a determiner and the noun that heads its phrase
_MODIFIERS = ("JJ", "JJR", "JJS", "NN", "NNS", "NNP", "HYPH", "POS", "CD", "VBN")
_SINGULAR_DETERMINERS = {"a", "an", "each", "every", "this", "that", "another", "one", "either",
                         "neither"}
_PLURAL_DETERMINERS = {"these", "those", "many", "several", "both", "few", "various", "all"}
_NOT_ADVERBS = {"not", "n't", "there", "here", "so", "then"}
_SKIPPED_BLOCKS = ("title", "heading")
MAX_ADVERBS = 2
MIN_ZIPF = 3.0  # subject and verb must be common English words (wordfreq Zipf)
# ... or, for the subject, a rarer word the English dictionary lists ("orthodontist")
MIN_ZIPF_LISTED = 2.0
MIN_ZIPF_OTHER_FORM = 1.5  # and its other number must be in use
NUMBER_OF_REACH = 14  # tokens after "the number of" searched for its verb
POSTMODIFIER_REACH = 14  # tokens of a sentence-opening subject's postmodifier searched
# what may stand between a sentence-opening subject and its verb: prepositional phrases,
# to-infinitives and participles ("The first suggestions to establish a hospital in the city
# dates"); a pronoun, a relative word, a comma or a conjunction ends the search
_POSTMODIFIER = ("IN", "TO", "DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP",
                 "NNPS", "CD", "VBN", "VBG", "VB", "HYPH", "POS", "RB")
_POSTMODIFIER_OPENERS = ("IN", "TO", "VBN", "VBG")
# sentence-opening time words that spaCy may tag as nouns ("Today, ...")
_TIME_ADVERBS = {"today", "nowadays", "currently", "now", "recently", "yesterday", "tomorrow",
                 "sometimes", "usually", "often", "generally", "however", "therefore", "also",
                 "unfortunately", "fortunately", "finally", "first", "second", "then"}
# "each of the patients has": the quantifier, not the noun after "of", is the subject
_OF_QUANTIFIERS = {"each", "one", "none", "either", "neither", "any", "some", "all", "most",
                   "many", "few", "several", "both", "two", "three", "half", "much", "more"}


class SubjectVerbAgreement(Rule):
    """A verb that does not agree with its subject: "The doctor give", "The symptoms usually
    disappears", "The number of patients ... are".

    What it does
    Reads spaCy's tags: a noun phrase that opens a clause (at the start of the sentence, after a
    conjunction such as "because", "when" or "although", after an opening adverbial and its
    comma ("Today, the cost ...", "In this method, the doctor ..."), or after a comma when it
    starts with a determiner) followed at once, or after one or two adverbs, by a present-tense
    verb of the other number: a singular noun (NN) with a plural or base form ("The doctor
    give", "Each tablet contain", "The skin are"), or a plural noun (NNS) with a form in -s or
    "was" ("The implants lasts", "The results was"). Also "the number of ..." with a plural verb
    and "a number of ..." with a singular one, the verb found after the phrase and any relative
    clause inside it ("The number of patients who need a transplant are growing"). And a subject
    that opens the sentence with a postmodifier of phrases between it and its verb
    (prepositional phrases, a to-infinitive, a participle: "The first suggestions to establish a
    hospital in the city dates", "The doctors at our clinic in Shiraz uses"); "each of", "one
    of" and a relative clause without "that" ("the drugs the doctor prescribes are") pass.
    Two more shapes (pipeline/rules/translation/agreement_shapes.py): "there is/was" before a
    plural noun and "there are/were" before "a", "one" or "each" and a singular noun ("There is
    many ways", "There are a small risk"; "a number of", "a lot of", measures and nouns joined
    by "and" pass), and a second verb joined by "and", "or" or "but" to a present-tense verb
    whose subject it shares ("The tendon becomes inflamed and cause pain", "it is mild and do
    not cause"; only the first verb's object or complement may stand between them).
    Passing: collective and quantity nouns ("the staff speak", "the majority recover"; the list
    is data in pipeline/rules/data/grammar_clauses.yaml), nouns that are singular in -s
    ("diabetes affects"), a singular subject after "that" (the subjunctive: "insists that every
    patient stop smoking"), "were" after a singular noun unless a participle follows it in a
    sentence with no "if", "wish" or "though" ("if the patient were treated" passes,
    "mesotherapy were welcomed" does not), subjects joined by "and" or "or", a noun that is the
    object of a verb before it ("let the child rest"), questions, headings and relative clauses
    (TR048's).
    Subject and verb must be common words (the tags of rare and garbled words are guesses); a
    rarer subject passes that test when the dictionary lists it and its plural is in use ("Your
    orthodontist determine").

    Why is this bad?
    Persian verbs agree loosely with inanimate and collective subjects, and machine translation
    picks a verb form without looking back at the subject. Readers notice at once, and the text
    loses the trust a medical page needs.

    Example
    The doctor always check the blood pressure first. The number of sessions depend on the size
    of the tattoo. There is many ways to reduce the swelling.

    Use instead
    The doctor always checks the blood pressure first. The number of sessions depends on the
    size of the tattoo. There are many ways to reduce the swelling.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Subject-verb agreement (concord): https://dictionary.cambridge.org/grammar/british-grammar/concord
    Merriam-Webster, "number" (usage: "the number of" takes a singular verb, "a number of" a plural one): https://www.merriam-webster.com/dictionary/number
    Cambridge Dictionary, Grammar, "There is, there's and there are" (the verb agrees with the noun phrase after it)
    """

    code = "TR060"
    name = "subject-verb-agreement"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        vocab = ctx.resources.vocabulary
        _, groups, singular_s = _lists()
        counting = number_agreement.load()["counting_words"]
        time_words = word_lists()["time_nouns"]
        for seg in ctx.segments:
            toks = seg.tokens
            if seg.block_kind in _SKIPPED_BLOCKS or not toks or seg.text.rstrip().endswith("?"):
                continue
            near = list(_noun_verb(toks, vocab))
            verbs = {id(v) for _, v, _, _ in near}
            far = [f for f in _distant_subject(toks, vocab) if id(f[1]) not in verbs]
            verbs |= {id(v) for _, v, _, _ in far}
            shapes = [f for f in (*existential(toks, vocab, groups, singular_s),
                                  *coordinated(toks, vocab),
                                  *counted(toks, counting, time_words),
                                  *proportion(toks, groups)) if id(f[1]) not in verbs]
            for found in (*near, *far, *_number_of(toks), *shapes):
                subject, verb, message, suggestion = found
                yield Match(verb.start, verb.end, message, suggestion=suggestion,
                            evidence={"subject": subject.text.lower(), "verb": verb.text.lower()},
                            confidence=0.75)


@lru_cache(maxsize=1)
def _lists():
    """The clause lists, the nouns whose number TR060 cannot judge, and the singulars in -s."""
    clauses = clause_data.load()
    patterns, numbers = grammar_patterns.load(), number_agreement.load()
    return clauses, clauses["group_nouns"] | numbers["same_in_plural"], patterns["singular_in_s"]


def _noun_verb(toks, vocab):
    """(subject, verb, message, suggestion) for a clause-opening noun phrase and its verb."""
    clauses, groups, singular_s = _lists()
    for j, verb in enumerate(toks):
        low = verb.text.lower()
        plural_verb = verb.tag in ("VBP", "VB") or low == "were"
        singular_verb = verb.tag == "VBZ" or low == "was"
        if not (plural_verb or singular_verb) or not verb.text.isalpha():
            continue
        if j + 1 < len(toks) and toks[j + 1].tag in ("VBP", "VBZ", "VBD", "MD"):
            continue  # two finite verbs in a row: the tagger took a noun for a verb
        k = j - 1
        while k >= 0 and j - k <= MAX_ADVERBS and toks[k].tag == "RB" \
                and toks[k].text.lower() not in _NOT_ADVERBS:
            k -= 1
        if k < 0 or toks[k].tag not in ("NN", "NNS"):
            continue
        start, _ = _phrase_start(toks, k)
        if start >= 2 and toks[start - 1].text.lower() == "of" \
                and toks[start - 2].tag in ("NN", "NNS"):
            k = start - 2  # "the muscles of the back becomes": the head before "of" agrees
        found = _disagreement(toks, k, verb, vocab, clauses, groups, singular_s)
        if found:
            yield found


def _distant_subject(toks, vocab):
    """A sentence-opening subject whose verb comes after a postmodifier: "The first suggestions
    to establish a hospital in the city dates", "The doctors at our clinic in Shiraz uses".
    The postmodifier opens with a preposition, "to" or a participle and holds only phrases;
    a noun followed straight by a determiner or a pronoun is a relative clause without "that"
    ("the drugs the doctor prescribes are"), which ends the search."""
    clauses, groups, singular_s = _lists()
    if len(toks) < 4 or (toks[0].text.lower() in _OF_QUANTIFIERS
                         and toks[1].text.lower() == "of"):
        return
    i = 0
    while i < len(toks) and toks[i].tag in _DETERMINERS + _MODIFIERS and toks[i].tag != "VBN":
        i += 1
    k = i - 1
    if k < 0 or i >= len(toks) or toks[k].tag not in ("NN", "NNS") \
            or toks[i].tag not in _POSTMODIFIER_OPENERS \
            or toks[i].text.lower() in clauses["clause_openers"] \
            or toks[i].text.lower() in ("that", "than", "as", "like", "whether"):
        return
    for j in range(i + 1, min(len(toks), i + 1 + POSTMODIFIER_REACH)):
        t = toks[j]
        if t.tag in ("VBZ", "VBP", "VBD", "MD"):
            if t.tag == "VBD" and t.text.lower() not in ("was", "were") or t.tag == "MD" \
                    or not t.text.isalpha() or j + 1 < len(toks) \
                    and toks[j + 1].tag in ("VBP", "VBZ", "VBD", "MD"):
                return
            found = _disagreement(toks, k, t, vocab, clauses, groups, singular_s)
            if found:
                yield found
            return
        if t.tag not in _POSTMODIFIER or t.tag.startswith("NN") and j + 1 < len(toks) \
                and toks[j + 1].tag in ("DT", "PRP", "PRP$"):
            return


def _disagreement(toks, k: int, verb, vocab, clauses, groups, singular_s):
    """(subject, verb, message, suggestion) when the noun toks[k] heads a clause-opening
    subject whose number `verb` does not share."""
    low = verb.text.lower()
    plural_verb = verb.tag in ("VBP", "VB") or low == "were"
    noun = toks[k]
    word = noun.text.lower()
    if not noun.text.isalpha() or word in groups or (k > 0 and not noun.text[1:].islower()) \
            or vocab.frequency(low) < MIN_ZIPF or vocab.frequency(word) < MIN_ZIPF and not (
                _listed_count_noun(noun, vocab)):
        return None  # a name, a rare word or a garbled one: the tags are guesses
    if noun.text[0].isupper() and k > 0 and toks[k - 1].text not in ("(", '"'):
        return None  # a name in mid-sentence
    start, has_det = _phrase_start(toks, k)
    det = toks[start].text.lower() if has_det else ""
    if noun.tag == "NN" and plural_verb:
        if low == "were" and _subjunctive_were(toks, k, verb) or word in singular_s \
                or det in _PLURAL_DETERMINERS \
                or word.endswith(tuple(number_agreement.load()["plural_endings"])) \
                or word.endswith("s") and not word.endswith("ss") \
                and word[:-1] in vocab.dictionary \
                or verb.tag == "VB" and low != verb.lemma.lower() \
                or not _opens_clause(toks, start, has_det, clauses, plural_subject=False):
            return None
        right = third_person(verb)
        return (noun, verb, f'"{verb.text}" does not agree with its subject "{noun.text}": a '
                            f'singular subject takes "{right}".', right)
    if noun.tag == "NNS" and not plural_verb:
        if noun.lemma.lower() == word or word in singular_s or det in _SINGULAR_DETERMINERS \
                or start == 0 and not has_det and noun.text[0].isupper() \
                and vocab.frequency(noun.lemma.lower()) < vocab.frequency(word) - 1.0 \
                or word.endswith("ics") or not vocab.known(noun.lemma) \
                or _amount(toks, start, k) \
                or not _opens_clause(toks, start, has_det, clauses, plural_subject=True):
            return None
        right = plural_form(verb)
        return (noun, verb, f'"{verb.text}" does not agree with its subject "{noun.text}": a '
                            f'plural subject takes "{right}".', right)
    return None


def _amount(toks, start: int, k: int) -> bool:
    """Whether the plural toks[k] is counted as one amount (`agreement_shapes.amount`): a
    number before a unit, money or a length of time ("Five milligrams is the usual dose")."""
    numbers = grammar_data.load()["number_words"]
    return amount(toks[k].text.lower(), word_lists()["time_nouns"]) and any(
        t.tag == "CD" or t.text.lower() in numbers for t in toks[start:k])


_CONDITIONAL = {"if", "wish", "though", "unless", "suppose", "supposing", "imagine", "whether"}


def _subjunctive_were(toks, k: int, verb) -> bool:
    """Whether "were" after the singular noun toks[k] may be the subjunctive ("if the patient
    were"): only a "were" followed by a participle ("mesotherapy were welcomed") in a sentence
    with no "if", "wish", "though" or the like before it is a plural verb."""
    j = verb.i + 1
    while j < len(toks) and toks[j].tag == "RB":
        j += 1
    return j >= len(toks) or toks[j].tag not in ("VBN", "VBG") or \
        any(t.text.lower() in _CONDITIONAL for t in toks[:k])


def _listed_count_noun(noun, vocab) -> bool:
    """A rarer subject noun judged all the same ("orthodontist"): in lower case, listed by the
    English dictionary, at least MIN_ZIPF_LISTED common, and with its regular plural (or
    singular) in use, at least MIN_ZIPF_OTHER_FORM ("orthodontists"), which an adjective read
    as a noun ("the indignant") or a garbled word lacks."""
    word = noun.text.lower()
    if not noun.text.islower() or word not in vocab.dictionary \
            or vocab.frequency(word) < MIN_ZIPF_LISTED:
        return False
    other = noun.lemma.lower() if noun.tag == "NNS" else regular_plural(word)
    return other != word and vocab.frequency(other) >= MIN_ZIPF_OTHER_FORM


def _phrase_start(toks, k: int) -> tuple[int, bool]:
    """The first token of the noun phrase headed by toks[k], and whether it opens with a
    determiner ("the", "each", "my")."""
    i = k
    while i > 0 and toks[i - 1].tag in _MODIFIERS and k - i < 5:
        i -= 1
    if i > 0 and toks[i - 1].tag in _DETERMINERS:
        i -= 1
        if i > 0 and toks[i - 1].tag == "PDT":  # "all the"
            i -= 1
        return i, True
    return i, toks[i].tag in _DETERMINERS


def _opens_clause(toks, start: int, has_det: bool, clauses, plural_subject: bool) -> bool:
    """Whether the noun phrase starting at toks[start] is the subject of a new clause."""
    if start == 0:
        return True
    before = toks[start - 1]
    low = before.text.lower()
    if low in clauses["clause_openers"] and before.tag in ("IN", "WRB", "RB"):
        return True
    if low == "that" and before.tag == "IN":
        return plural_subject  # a singular subject may take the subjunctive
    if before.tag == "," and _opening_adverbial(toks[:start - 1]):
        return True  # "Today, the cost ...", "In this method, the doctor ..."
    if not has_det:
        return False
    if before.tag == ":" or before.text == ";":
        return True
    if before.tag == "," and (start < 2 or toks[start - 2].tag not in ("NN", "NNS", "NNP")):
        return True  # not a list of nouns ("the skin, the nails")
    return before.tag == "CC" and start >= 2 and toks[start - 2].tag == "," \
        and (start < 3 or toks[start - 3].tag not in ("NN", "NNS", "NNP"))


def _opening_adverbial(prefix) -> bool:
    """Whether the words before a sentence's first comma are an opening adverbial (a
    prepositional phrase, an adverb, a time word or a dependent clause: "Today", "In this
    method", "After the surgery", "When the wound heals"), after which the main clause's subject
    comes; not a list of nouns ("The skin, the nails")."""
    if not prefix or any(t.tag == "," for t in prefix):
        return False
    return prefix[0].tag in ("IN", "RB", "WRB") or \
        len(prefix) == 1 and prefix[0].text.lower() in _TIME_ADVERBS


def _number_of(toks):
    """"The number of ... are" / "a number of ... has": the verb after the phrase."""
    clauses = clause_data.load()
    for i in range(1, len(toks) - 2):
        if toks[i].text.lower() != "number" or toks[i + 1].text.lower() != "of":
            continue
        det = toks[i - 1].text.lower()
        if det not in ("the", "a") or not _opens_clause(toks, i - 1, True, clauses, True):
            continue
        verb = _verb_after(toks, i + 2)
        if verb is None:
            continue
        low = verb.text.lower()
        if det == "the" and (verb.tag == "VBP" or low == "were"):
            right = third_person(verb)
            yield (toks[i], verb, f'"{verb.text}" does not agree with "the number of ...": it '
                                  f'takes a singular verb, "{right}".', right)
        elif det == "a" and (verb.tag == "VBZ" or low == "was"):
            right = plural_form(verb)
            yield (toks[i], verb, f'"{verb.text}" does not agree with "a number of ..." (many): '
                                  f'it takes a plural verb, "{right}".', right)


def _verb_after(toks, k: int):
    """The first finite verb from toks[k] that is not the verb of a relative clause."""
    relative = False
    for t in toks[k:k + NUMBER_OF_REACH]:
        if t.tag in (",", ".", ":") or t.tag == "MD" and not relative:
            return None
        if t.tag in ("WP", "WDT"):
            relative = True
            continue
        if t.tag in ("VBP", "VBZ", "VBD", "MD"):
            if relative:
                relative = False
                continue
            return t if t.tag != "VBD" or t.text.lower() in ("was", "were") else None
    return None
