from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data
from pipeline.rules.translation.clauses import can_be_noun, can_be_verb
from pipeline.rules.translation.harper_lints import harper_lints, harper_match, overlaps

_MODIFIER = ("JJ", "JJR", "NN", "VBN", "HYPH")
_VERB = ("VB", "VBZ", "VBD", "VBP", "VBG", "VBN")
_FINITE = ("VBZ", "VBD", "VBP", "MD")
_CLAUSE_START = {"when", "if", "because", "while", "after", "before", "until", "unless",
                 "although", "though", "since", "once", "whether", "where", "so"}
_ADJ_CONTEXT = {"be", "is", "are", "was", "were", "been", "being", "very", "more", "most", "so",
                "too", "as", "remain", "remains", "stay", "stays", "keep", "less", "quite"}


class MissingDeterminer(Rule):
    """A singular count noun with no article or other determiner: "Patient should see doctor".

    What it does
    Finds a singular noun from the list of count nouns in pipeline/rules/data/grammar_words.yaml
    (people, devices, lesions, body parts; mass-or-count nouns such as "surgery" and nouns of
    set phrases such as "hospital" are not on it) heading a noun phrase that has no article,
    possessive, number or quantifier: as the subject at the start of a sentence or clause
    ("Surgeon makes...", "when patient cannot..."), or after a verb or preposition ("see
    doctor", "wear brace", "with thin tube", "In FUT procedure, ...": an acronym may modify
    it). Body regions the tagger misreads ("in abdomen", "in pelvis") count. A noun that takes
    "the" before an of-phrase ("in southern part of", "based on severity of", "with help of";
    grammar_words.yaml `definite_before_of`) is reported after a preposition; set phrases ("in
    front of", "as part of", "in case of") pass. Compounds ("patient education"), idioms after
    "by", "per", "via" and "from ... to ...", labels before a colon, headings and capitalised
    titles ("Doctor Ahmadi") pass.
    Harper's MissingDeterminer lints are merged in.

    Why is this bad?
    Persian has no definite article, so machine translation drops "a" and "the"; the text then
    reads as a telegram and "see doctor" sounds foreign to every reader.

    Example
    Patient should see doctor if the pain lasts. Apply ice pack to the knee.

    Use instead
    The patient should see a doctor if the pain lasts. Apply an ice pack to the knee.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, articles and countable nouns: https://dictionary.cambridge.org/grammar/british-grammar/nouns-countable-and-uncountable
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR019"
    name = "missing-determiner"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        words = grammar_data.load()
        found = []
        for seg in ctx.segments:
            if seg.block_kind not in ("paragraph", "list_item") or \
                    not any(t.tag in _FINITE or t.tag == "VB" for t in seg.tokens):
                continue
            for start, end, noun in _bare_before_of(seg.tokens, words):
                found.append((start, end))
                phrase = ctx.text[start:end]
                yield Match(start, end,
                            f'"{phrase}" needs "the": an of-phrase says whose {noun} it is '
                            f'("the {phrase[0].lower() + phrase[1:]} of ...").',
                            suggestion=f"the {phrase[0].lower() + phrase[1:]}",
                            evidence={"noun": noun, "frame": "the N of"}, confidence=0.6)
            for start, end, noun in _bare_nouns(seg.tokens, words):
                found.append((start, end))
                if _names_a_condition(ctx, start, end, noun):
                    continue
                phrase = ctx.text[start:end]
                yield Match(start, end,
                            f'"{phrase}" needs an article or another determiner ("the '
                            f'{phrase[0].lower() + phrase[1:]}", "{"an" if noun[0] in "aeiou" else "a"} {noun}"): "{noun}" is a '
                            f'singular count noun.', evidence={"noun": noun}, confidence=0.6)
        for lint in harper_lints(ctx, self.code):
            span = _word_after(ctx.text, lint.start, lint.end)
            if not overlaps(span, found) and not _labelled(ctx.text, span[1]) \
                    and not _names_a_condition(ctx, *span, ""):
                yield _moved(harper_match(lint), span)


def _names_a_condition(ctx, start: int, end: int, noun: str) -> bool:
    """A compound that the knowledge base knows as the name of a condition ("tennis elbow",
    "frozen shoulder", "athlete's foot") is a name, not a bare count noun."""
    owned = re.match(r"['\u2019]s\s+[A-Za-z]+", ctx.text[end:end + 40])
    if owned:  # "athlete's foot": the owner and what it owns
        end += owned.end()
        noun = ""
    phrase = ctx.text[start:end]
    if phrase.lower() == noun or ctx.resources is None:
        return False
    kb = ctx.resources.knowledge
    return any(m.start == 0 and m.end == len(phrase) and
               kb.concept(m.concept)["type"] in ("condition", "symptom")
               for m in kb.find(phrase))


def _labelled(text: str, end: int) -> bool:
    """A noun followed by its number is a label, not a bare noun: "on floor 2", "type 1"."""
    rest = text[end:end + 8].lstrip()
    return rest[:1].isdigit() and rest[:1] != ""


def _moved(match: Match, span: tuple[int, int]) -> Match:
    match.start, match.end = span
    return match


def _word_after(text: str, start: int, end: int) -> tuple[int, int]:
    """Harper marks the gap before the noun phrase; the finding covers the next word."""
    i = end
    while i < len(text) and text[i].isspace():
        i += 1
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] in "-'’"):
        j += 1
    return (start if j == i else i, max(j, end))


# owners that go bare like names: kinship words ("mother's milk", "father's gun") and "man" for
# humankind ("man's suffering")
_NAME_LIKE_OWNERS = frozenset({"mother", "father", "sister", "brother", "wife", "husband", "son",
                               "daughter", "man"})


def _bare_nouns(toks, words):
    """(start, end, noun) of each bare singular count noun phrase in a sentence."""
    for i, tok in enumerate(toks):
        low = tok.text.lower()
        if low not in words["count_nouns"]:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        prev = toks[i - 1] if i > 0 else None
        after = toks[i + 2] if i + 2 < len(toks) else None
        opener = i == 0 and tok.tag == "NNP" and nxt is not None and nxt.tag in _FINITE and \
            not (nxt.text.lower().endswith("s") and can_be_noun(nxt.text.lower()) and after is not None
                 and after.tag in ("NN", "VB", "VBP") and can_be_verb(after.text.lower()))
        # ("Kidney stones form ...": "stones" read as the verb is the plural the noun modifies,
        # and the verb follows it; "Surgeon makes small incision" stays a bare subject)
        body_mistag = low in words["body_part_nouns"] and tok.tag in ("NNS", "NNP", "VB") \
            and not can_be_verb(low)  # "in abdomen" (NNS), "in pelvis" (NNP), "to groin" (VB)
        if tok.tag != "NN" and not (low == "patient" and tok.tag in ("JJ", "RP")) and not opener \
                and not body_mistag:
            continue  # a capitalised opener the tagger read as a name passes only before its verb
        if prev is not None and prev.text.lower() in _ADJ_CONTEXT and low == "patient":
            continue
        if i > 0 and tok.text[0].isupper():
            continue  # a title or name ("Doctor Ahmadi"), or a capitalised heading
        owner = nxt is not None and nxt.tag == "POS" and nxt.text.lower() in ("'s", "\u2019s") \
            and low not in _NAME_LIKE_OWNERS
        if nxt is not None and not owner and (nxt.tag.startswith("NN") or nxt.tag in ("POS", "HYPH", "CD") or
                                nxt.text in ("'", "’", ",", "-") or nxt.text[:1].isupper() and
                                nxt.tag == "NNP") and not _opening_phrase_end(toks, i):
            continue  # not the head of its phrase, a vocative or a list ("patient's" owns: it counts)
        k = i
        while k > 0 and (toks[k - 1].tag in _MODIFIER or _acronym(toks[k - 1]) or
                         toks[k - 1].tag == "VBG" and k > 1 and toks[k - 2].tag == "NN") and \
                toks[k - 1].text.lower() not in words["zero_article_after"]:
            k -= 1  # a gerund inside a compound counts: "a patient positioning device"
        left = toks[k - 1] if k > 0 else None
        if _pair(toks, i) or _shared_modifier(toks, i) or toks[k].tag == "HYPH" or \
                nxt is not None and nxt.text == ":" and all(
                    t.tag in ("JJ", "VBG", "VBN", "NN", "NNP", "HYPH", ":", "NFP", "LS")
                    or t.text in ("-", "•", "*") for t in toks[:k]):
            continue  # "face-to-face referral": inside a compound; "Blood test: ...": a label
        if left is not None and left.tag == "VBG" and k > 1 and toks[k - 2].tag in ("DT", "PRP$"):
            continue  # a participle modifier after a determiner: "the treating physician"
        if left is None:
            ok = nxt is not None and (nxt.tag in _FINITE or nxt.tag == "IN")
        else:
            low_left = left.text.lower()
            if low_left in words["zero_article_after"] and not _person_after_of(toks, k, low, words):
                continue
            ok = (left.tag in _VERB and left.lemma != "be") or \
                (left.tag in ("IN", "TO") and low_left not in ("as", "than", "like")) or \
                _example_after_noun(toks, k) or \
                (low_left in _CLAUSE_START) or \
                (left.text == "," and nxt is not None and nxt.tag in _FINITE)
        if ok:
            yield toks[k].start, tok.end, low


def _example_after_noun(toks, k: int) -> bool:
    """An example introduced by "such as" or by "like" after a noun ("devices such as cell
    phone", "instruments like knife"): a singular count noun there needs its article too."""
    if k < 2:
        return False
    left, before = toks[k - 1].text.lower(), toks[k - 2]
    return left == "as" and before.text.lower() == "such" or \
        left == "like" and before.tag in ("NN", "NNS")


def _person_after_of(toks, k: int, low: str, words) -> bool:
    """"the consent of patient": a person noun after "of" that follows a noun other than a kind
    or a role (grammar_words.yaml `person_nouns_after_of`, `kind_or_role_nouns`)."""
    if low not in words["person_nouns_after_of"] or k < 2 or toks[k - 1].text.lower() != "of":
        return False
    head = toks[k - 2]
    return head.tag in ("NN", "NNS") and head.text.lower() not in words["kind_or_role_nouns"]


_PREPOSITIONS_BEFORE_OF = {"in", "on", "at", "from", "to", "into", "onto", "with", "under", "near",
                           "around", "for", "through", "across", "along", "toward", "towards"}


def _bare_before_of(toks, words):
    """(start, end, noun) of "in southern part of", "based on severity of", "at end of": a
    preposition, a bare noun of `definite_before_of` (with any adjectives; the nouns of
    `definite_before_of_modified` only with one) and "of"."""
    for i in range(1, len(toks) - 1):
        noun = toks[i].text.lower()
        if toks[i + 1].text.lower() != "of" or toks[i].tag != "NN":
            continue
        modified = noun in words["definite_before_of_modified"]
        if noun not in words["definite_before_of"] and not modified:
            continue
        k = i
        while k > 0 and toks[k - 1].tag in ("JJ", "JJR", "JJS", "VBN"):
            k -= 1
        prep = toks[k - 1].text.lower() if k > 0 else ""
        if prep not in _PREPOSITIONS_BEFORE_OF or (modified and k == i) or \
                f"{prep} {noun}" in words["bare_before_of"]:
            continue
        yield toks[k].start, toks[i].end, noun


def _shared_modifier(toks, i: int) -> bool:
    """toks[i] modifies, with the noun after "and"/"or", the head noun that follows: "neck and
    back pain", "knee or hip replacement"."""
    return i + 3 < len(toks) and toks[i + 1].tag == "CC" and \
        toks[i + 2].tag in ("NN", "JJ") and toks[i + 3].tag in ("NN", "NNS")


def _opening_phrase_end(toks, i: int) -> bool:
    """toks[i] ends a sentence-opening prepositional phrase and its comma follows: "In FUT
    procedure, ..." (a comma there is not a list's)."""
    return i + 1 < len(toks) and toks[i + 1].text == "," and toks[0].tag == "IN" and \
        all(t.tag in _MODIFIER or _acronym(t) for t in toks[1:i])


def _acronym(tok) -> bool:
    """An acronym that modifies the noun after it ("FUT procedure", "CT scan")."""
    return tok.tag in ("NNP", "NN") and len(tok.text) >= 2 and tok.text.isalpha() \
        and tok.text.isupper()


def _pair(toks, i: int) -> bool:
    """"from patient to patient", "doctor to doctor", "day by day"; and either end of a
    "from X to Y" span of bare nouns ("from head to toe", "from mouth to stomach")."""
    low = toks[i].text.lower()
    if any(0 <= j < len(toks) and toks[j].text.lower() == low for j in (i - 2, i + 2)):
        return True
    return i >= 3 and toks[i - 1].text.lower() == "to" and toks[i - 3].text.lower() == "from" \
        and toks[i - 2].tag == "NN"
