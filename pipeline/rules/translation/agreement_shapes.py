"""Four shapes of subject-verb agreement that TR060 (subject_agreement.py) reads besides a subject
and the verb after it:

- "there is/are" and its noun ("There is many ways", "There are a small risk"): the verb agrees
  with the noun phrase after it;
- a second verb joined by "and", "or" or "but" to a verb in the present, with no subject of its
  own ("The tendon becomes inflamed and cause pain", "it is mild and do not cause"): it shares
  the first verb's subject, so it takes the same person and number.

- a counted plural subject with a singular "be" or "have" before a participle ("more than 5,000
  sperm is placed", "200 patients was treated"): a number above one counts a plural;
- a percentage of something ("40 percent of infertility are", "20% of patients is"): the verb
  agrees with the noun after "of".

All give (subject-or-noun token, verb token, message, suggestion), as TR060's other readers do.
"""
from __future__ import annotations

from pipeline.rules.translation.clauses import can_be_verb

MIN_ZIPF = 3.0
_SINGULAR_BE = {"is", "was"}
_PLURAL_BE = {"are", "were"}
_SINGULAR_DETERMINERS = {"a", "an", "one", "another", "each", "every", "this", "that", "single"}
# what stands between "there is/are" and the head noun of its phrase
_PHRASE = ("DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "HYPH", "VBN", "RBS",
           "RBR")
# between a present-tense verb and "and" + a second verb of the same subject: its object or
# complement (nouns, adjectives, prepositional phrases, object pronouns), no verb and no clause
_BETWEEN = ("DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "IN", "RB",
            "RP", "VBN", "HYPH", "POS")
_OBJECT_PRONOUNS = {"it", "them", "him", "her", "me", "us", "itself", "themselves", "himself",
                    "herself"}
_CLAUSE_WORDS = {"that", "because", "if", "when", "while", "whilst", "although", "though",
                 "whereas", "unless", "since", "until", "before", "after", "as", "so", "than",
                 "whether", "where", "once"}
_PLURAL_PRONOUNS = {"they", "we", "you", "i"}
BETWEEN_REACH = 10
_BE_HAVE_DO = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do")}


def existential(toks, vocab, groups, singular_s):
    """"There is" + a plural noun, "there are" + a singular noun with "a", "one", "each" ...:
    the head noun of the phrase after the verb (the last noun of its first run of nouns; a
    phrase joined to another by "and" or "or" passes, and so do quantity nouns: "a number of",
    "a lot of", "ten minutes of")."""
    for i in range(len(toks) - 2):
        if toks[i].tag != "EX" or toks[i].text.lower() != "there":
            continue
        verb = toks[i + 1]
        low = verb.text.lower()
        if low not in _SINGULAR_BE | _PLURAL_BE:
            continue
        j = i + 2
        if j < len(toks) and toks[j].text.lower() in ("also", "still", "usually", "often",
                                                      "always", "sometimes", "only"):
            j += 1
        first = j
        head = None
        while j < len(toks) and toks[j].tag in _PHRASE:
            if toks[j].tag in ("NN", "NNS"):
                head = j
            elif head is not None:
                break
            j += 1
        if head is None or j < len(toks) and toks[j].text.lower() in ("and", "or", "&"):
            continue
        noun = toks[head]
        word = noun.text.lower()
        if not noun.text.isalpha() or not noun.text.islower() or word in groups \
                or vocab.frequency(word) < MIN_ZIPF:
            continue
        det = toks[first].text.lower()
        if low in _SINGULAR_BE and noun.tag == "NNS":
            if noun.lemma.lower() == word or word in singular_s or word.endswith("ics") \
                    or det in _SINGULAR_DETERMINERS or not vocab.known(noun.lemma):
                continue
            right = "are" if low == "is" else "were"
            yield (noun, verb, f'"there {low} ... {noun.text}": the verb agrees with the '
                               f'plural noun after it, "there {right}".', right)
        elif low in _PLURAL_BE and noun.tag == "NN" and det in _SINGULAR_DETERMINERS:
            right = "is" if low == "are" else "was"
            yield (noun, verb, f'"there {low} {det} ... {noun.text}": the verb agrees with the '
                               f'singular noun after it, "there {right}".', right)


def coordinated(toks, vocab):
    """A verb after "and", "or" or "but" that shares the subject of a present-tense verb before
    it but not its number: "becomes inflamed and cause pain", "is mild and do not cause",
    "dissolve and does not need". Only the first verb's object or complement may stand between
    the two (no other verb, no clause word, no subject pronoun), and a plural first verb counts
    only after a plural noun or pronoun (a verb in -s is the surer tag)."""
    for c in range(2, len(toks) - 1):
        if toks[c].text.lower() not in ("and", "or", "but") or toks[c].tag != "CC":
            continue
        second = toks[c + 1]
        if second.tag not in ("VB", "VBP", "VBZ") or not second.text.isalpha() \
                or vocab.frequency(second.text.lower()) < MIN_ZIPF:
            continue
        first = _verb_before(toks, c)
        if first is None:
            continue
        if first.tag == "VBZ" and second.tag in ("VB", "VBP") \
                and second.text.lower() == second.lemma.lower() and can_be_verb(second.text):
            right = third_person(second)
            yield (first, second, f'"{second.text}" shares its subject with "{first.text}", '
                                  f'a verb in the singular: it takes "{right}".', right)
        elif first.tag == "VBP" and second.tag == "VBZ" and _plural_subject(toks, first.i):
            right = plural_form(second)
            yield (first, second, f'"{second.text}" shares its subject with "{first.text}", '
                                  f'a verb in the plural: it takes "{right}".', right)


def _verb_before(toks, c: int):
    """The present-tense verb whose object or complement runs up to toks[c] ("and"), or None."""
    for k in range(c - 1, max(-1, c - 1 - BETWEEN_REACH), -1):
        t = toks[k]
        low = t.text.lower()
        if t.tag in ("VBZ", "VBP"):
            return t if t.text.isalpha() and k + 1 < c and _judged(t) else None
        if t.tag not in _BETWEEN and not (t.tag == "PRP" and low in _OBJECT_PRONOUNS) \
                or low in _CLAUSE_WORDS:
            return None
    return None


def _judged(verb) -> bool:
    """A first verb that can be judged: not one that takes a bare infinitive after its object
    ("lets the wound heal and ..."), where the tagger may read the object's verb as a noun."""
    return verb.lemma.lower() not in ("let", "make", "help", "see", "hear", "watch")


def _plural_subject(toks, k: int) -> bool:
    j = k - 1
    while j >= 0 and toks[j].tag == "RB":
        j -= 1
    return j >= 0 and (toks[j].tag == "NNS" or toks[j].text.lower() in _PLURAL_PRONOUNS)


def third_person(verb) -> str:
    """The third-person singular present of `verb` ("give" -> "gives", "are" -> "is")."""
    low, lemma = verb.text.lower(), verb.lemma.lower() or verb.text.lower()
    if low == "were":
        return "was"
    if lemma in _BE_HAVE_DO:
        return _BE_HAVE_DO[lemma][0]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def plural_form(verb) -> str:
    """The plural present of a verb in -s ("lasts" -> "last", "has" -> "have")."""
    low, lemma = verb.text.lower(), verb.lemma.lower() or verb.text.lower()
    if low == "was":
        return "were"
    if lemma in _BE_HAVE_DO:
        return _BE_HAVE_DO[lemma][1]
    return lemma


_APPROXIMATORS = {"over", "about", "nearly", "almost", "around", "some", "approximately",
                  "roughly", "only", "just"}
_ZERO_PLURALS = {"sperm", "people", "staff", "personnel", "offspring", "cattle", "police"}
# plurals that a number makes one amount ("10 minutes is enough", "Five milligrams is the usual
# dose"): money and units spelled out; lengths of time are the caller's `time_words`
_AMOUNTS = {"euros", "dollars", "tomans", "rials", "pounds", "rupees", "yen", "percent",
            "milligrams", "micrograms", "grams", "kilograms", "kilos", "millilitres",
            "milliliters", "litres", "liters", "millimetres", "millimeters", "centimetres",
            "centimeters", "metres", "meters", "kilometres", "kilometers", "miles", "inches",
            "feet", "calories", "units"}


def amount(noun: str, time_words) -> bool:
    """Whether the plural `noun` after a number names one amount: money, a unit or a length of
    time (`time_words`)."""
    return noun in _AMOUNTS or noun in time_words
_SINGULAR_AUX = {"is": "are", "was": "were", "has": "have"}


def _above_one(tok, counting_words) -> bool:
    text = tok.text.lower().replace(",", "")
    return text.isdigit() and int(text) > 1 or text in counting_words


def counted(toks, counting_words, time_words):
    """"More than 5,000 sperm is placed", "200 patients was treated": a clause-opening number
    above one (after "more than", "over", "about" ...) and its plural noun, then "is", "was" or
    "has" before a participle. Amounts (units, money, time: "10 minutes is enough") pass."""
    for i in range(len(toks) - 3):
        num, noun, aux = toks[i], toks[i + 1], toks[i + 2]
        if num.tag != "CD" or not _above_one(num, counting_words) or \
                aux.text.lower() not in _SINGULAR_AUX:
            continue
        low = noun.text.lower()
        if not (noun.tag == "NNS" or low in _ZERO_PLURALS) or amount(low, time_words) \
                or not noun.text.isalpha():
            continue
        k = i - 2 if i >= 2 and toks[i - 2].text.lower() == "more" and \
            toks[i - 1].text.lower() == "than" else \
            i - 1 if i >= 1 and toks[i - 1].text.lower() in _APPROXIMATORS else i
        if k > 0 and toks[k - 1].text not in (",", ";", ":"):
            continue  # not the subject: "one of 200 patients was", "in 2019 patients ..."
        after = toks[i + 3]
        if after.tag == "RB" and i + 4 < len(toks):
            after = toks[i + 4]
        if after.tag not in ("VBN", "VBG"):
            continue
        right = _SINGULAR_AUX[aux.text.lower()]
        yield (noun, aux, f'"{aux.text}" does not agree with its subject "{num.text} '
                          f'{noun.text}": a number above one counts a plural ("{right}").', right)


_PERCENT = {"percent", "per cent", "%"}
_PERCENT_OPENERS = {",", ";", ":", "that", "because", "about", "around", "approximately", "nearly",
                    "almost", "over", "only", "than", "roughly", "some", "and", "while"}
_NOUN_PHRASE = ("DT", "PRP$", "JJ", "JJR", "JJS", "HYPH", "VBN")


def proportion(toks, groups):
    """"40 percent of infertility in men are", "20% of patients is": a clause-opening percentage
    whose verb ("is", "are", "was", "were") does not agree with the noun after "of" (one
    prepositional phrase may follow that noun). Group nouns ("the population are") pass."""
    for i in range(len(toks) - 4):
        if toks[i].tag != "CD" or toks[i + 1].text.lower() not in _PERCENT or \
                toks[i + 2].text.lower() != "of":
            continue
        if i > 0 and toks[i - 1].text.lower() not in _PERCENT_OPENERS:
            continue
        head = _phrase_head(toks, i + 3)
        if head is None or toks[head].text.lower() in groups:
            continue
        k = head + 1
        if k < len(toks) and toks[k].tag == "IN" and toks[k].text.lower() != "of":
            after = _phrase_head(toks, k + 1)
            k = after + 1 if after is not None else k
        if k < len(toks) and toks[k].tag == "RB":
            k += 1
        if k >= len(toks):
            continue
        noun, verb = toks[head], toks[k]
        low = verb.text.lower()
        if noun.tag == "NN" and low in _PLURAL_BE:
            right = "is" if low == "are" else "was"
        elif noun.tag == "NNS" and low in _SINGULAR_BE:
            right = "are" if low == "is" else "were"
        else:
            continue
        yield (noun, verb, f'"{verb.text}" does not agree with "{noun.text}": after "percent '
                           f'of", the verb agrees with the noun that follows ("{right}").', right)


def _phrase_head(toks, k: int) -> int | None:
    """The last noun of the noun phrase that starts at token k, or None."""
    while k < len(toks) and toks[k].tag in _NOUN_PHRASE:
        k += 1
    if k >= len(toks) or toks[k].tag not in ("NN", "NNS") or not toks[k].text.isalpha():
        return None
    while k + 1 < len(toks) and toks[k + 1].tag in ("NN", "NNS") and toks[k + 1].text.isalpha():
        k += 1
    return k
