from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import can_be_verb
from pipeline.rules.translation.word_lists import word_lists

_FINITE = ("VBZ", "VBP", "VBD", "MD")
# words that open a sentence as the person spoken to ("Mom, the doctor is here")
_VOCATIVES = frozenset("mom mum dad doctor doc sir madam dear friends everyone everybody "
                       "guys folks honey nurse".split())
# what a sentence may open with when its first words are its subject
_SUBJECT_START = ("NN", "NNS", "NNP", "NNPS", "DT", "PDT", "JJ", "JJR", "JJS", "VBG", "PRP$",
                  "CD")


class CommaBeforeVerb(Rule):
    """A comma between the subject and its verb: "Choosing a good surgeon, reduces the risk".

    What it does
    Finds a sentence whose subject (it opens with a noun, an adjective, a determiner or a
    gerund: no subordinator, preposition or adverb before it) runs to a comma that is followed
    at once by the sentence's first finite verb ("Choosing a good surgeon, reduces"; a list
    subject too: "Pain, swelling and stiffness, are the first signs"; a one-word subject:
    "Botox, is a protein", unless the word is a vocative or the sentence a question). A subject with a parenthesis between two commas ("The knee, injured in
    a fall, hurts"), an opening phrase ("After the operation, patients stay") and a sentence
    with a finite verb before the comma pass, except the verb of a restrictive relative clause
    in the subject: "The patients who were coming from other cities, came back" is reported,
    "The knee, which was injured, is swollen" (a clause between two commas) passes.

    Why is this bad?
    Persian sets off a long subject with a pause that machine translation writes as a comma;
    English never separates the subject from its verb with a single comma, and the sentence
    reads as two fragments.

    Example
    Choosing an experienced surgeon for the operation, reduces the risk of complications.

    Use instead
    Choosing an experienced surgeon for the operation reduces the risk of complications.

    Severity
    Minor: a punctuation error (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.31 (no comma between subject and verb)
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR043"
    name = "comma-before-verb"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for seg in ctx.segments:
            if seg.block_kind not in ("paragraph", "list_item"):
                continue
            toks = seg.tokens
            if len(toks) < 4 or toks[0].tag not in _SUBJECT_START or not toks[0].text[:1].isupper():
                continue
            verb = next((k for k, t in enumerate(toks) if t.tag in _FINITE), None)
            if verb is not None and verb >= 2 and toks[verb - 1].tag in ("WDT", "WP") and \
                    toks[verb - 2].text != ",":
                verb = _after_relative_clause(toks, verb)  # "The patients who were ..., came"
            if verb is None or verb < 2 or toks[verb - 1].text != ",":
                continue
            if verb == 2 and (toks[0].tag not in ("NN", "NNS", "NNP") or
                              toks[-1].text == "?" or toks[0].text.lower() in _VOCATIVES or
                              verb + 1 < len(toks) and toks[verb + 1].tag in ("PRP", "EX") or
                              toks[0].tag == "NNP" and toks[verb].tag == "VBP"):
                continue  # "Doctor, is it safe?", "Maria, sit down": one word before the comma
                # is a subject only when it is a noun and the sentence is not said to it
            before = toks[:verb - 1]
            relative = any(t.tag in ("WDT", "WP") for t in before)
            if any(t.text in (";", ":", "(", ")", "\u2014", "\u2013", '"') or
                   t.tag == "WRB" for t in before) or \
                    not (_list_commas(before) if not relative else "," not in
                         [t.text for t in before]):
                continue  # a parenthesis, an appositive or a relative clause in the subject
            if not any(t.tag.startswith("NN") or t.tag == "VBG" for t in before):
                continue
            if not can_be_verb(toks[verb].text.lower()):
                continue  # a list item the tagger read as a verb (", endoscopy, ...")
            if _time_phrase(before) and toks[verb].tag in ("VB", "VBP") and \
                    toks[verb].text.lower() == toks[verb].lemma.lower():
                continue  # "The night before the test, have a light dinner.": a time, then an order
            comma = toks[verb - 1]
            yield Match(comma.start, toks[verb].end,
                        f'A comma separates the subject from its verb "{toks[verb].text}": '
                        "delete it.", suggestion=f" {toks[verb].text}",
                        evidence={"verb": toks[verb].text}, confidence=0.7)


def _time_phrase(before) -> bool:
    """The words before the comma open with a noun of time: "The night before the test",
    "The day after the operation", "Every morning"."""
    head = next((t for t in before if t.tag.startswith("NN")), None)
    return head is not None and head.text.lower() in word_lists()["time_nouns"]


def _after_relative_clause(toks, verb: int) -> int | None:
    """The finite verb after a comma that ends a restrictive relative clause opened just
    before toks[verb] ("The patients who were coming from other cities, came back"), or None
    when the clause runs into a conjunction or another comma first."""
    for k in range(verb + 1, len(toks) - 1):
        if toks[k].text.lower() in ("and", "but", "or", ";", ":"):
            return None
        if toks[k].text == ",":
            after = toks[k + 2] if k + 2 < len(toks) else None
            question = after is not None and after.tag in ("PRP", "EX")  # ", can you ..."
            return k + 1 if toks[k + 1].tag in _FINITE and not question else None
    return None


def _list_commas(before) -> bool:
    """The commas inside the subject (if any) separate the items of a list ("Pain, swelling
    and stiffness"): each is followed by a noun or adjective, and "and" or "or" comes after the
    last one. Otherwise they set off a parenthesis ("The knee, injured in a fall,")."""
    commas = [k for k, t in enumerate(before) if t.text == ","]
    if not commas:
        return True
    if any(k + 1 >= len(before) or before[k + 1].tag not in ("NN", "NNS", "JJ", "DT")
           for k in commas):
        return False
    return any(t.text.lower() in ("and", "or") for t in before[commas[-1] + 1:])
