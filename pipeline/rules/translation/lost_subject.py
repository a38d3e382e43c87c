from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import can_be_verb

_RELATIVES = {"which", "who", "whom"}
_VERB_TAGS = {"VBZ", "VBP", "VBD", "MD", "VB", "VBN"}
# Pronouns and "there" after an opening verb make it a question that lost its "?"
_QUESTION_SUBJECTS = {"it", "this", "that", "there", "he", "she", "they", "you", "we", "i"}
# Opening verbs that are also imperatives or set phrases ("Do not ...", "Let ...", "Have a ...").
_IMPERATIVE_LEMMAS = {"do", "let", "have", "please", "make", "take", "keep", "try", "see", "get"}
_BE_FORMS = {"are", "was", "is"}
# What follows an opening "Is" / "Are" that lost its subject: its predicate.
_PREDICATE_TAGS = {"DT", "JJ", "JJS", "JJR", "VBN", "RB", "CD", "IN", "PRP$"}
# Conjunctions whose clause needs a subject of its own right after them ("because are" is never
# English); "as", "than" and "so" are left out ("as is usual", "than was expected", "so are
# the risks"), and so are "when" and "where", which open questions.
_SUBORDINATORS = {"because", "although", "though", "whereas", "unless", "since", "if", "while",
                  "whilst"}
# Finite verbs that cannot open a clause without a subject after those conjunctions
_FINITE = {"is", "are", "was", "were", "has", "have", "had", "does", "did", "can", "could",
           "may", "might", "must", "should", "will", "would", "shall"}
# Verbs whose passive takes the empty subject "it" before a "that" clause ("it is recommended
# that"): after "and" or "but" with no "it", the subject was dropped, as Persian drops it.
# Verbs that take a person as their object ("told", "advised") are left out: "The patient is
# examined and is told that ..." is English.
_IMPERSONAL = {"noted", "recommended", "believed", "expected", "said", "suggested", "assumed",
               "thought", "estimated", "reported", "known", "hoped", "feared", "claimed",
               "predicted", "emphasized", "emphasised", "stressed", "mentioned", "observed",
               "argued", "agreed", "accepted", "considered", "proven", "proved", "shown",
               "found", "stated"}


def _opening_verb(toks) -> int | None:
    """End index of an opening verb group with no subject before it ("Helps", "Can be treated",
    "Is"), or None."""
    first = toks[0]
    if not first.text[:1].isupper() or first.text.isupper():
        return None
    second = toks[1].text.lower() if len(toks) > 1 else ""
    if second in _QUESTION_SUBJECTS:
        return None
    lemma = first.lemma.lower()
    if first.text.lower() in _BE_FORMS:
        if toks[1].tag not in _PREDICATE_TAGS:
            return None  # "Are and Georg ...": a name, not the verb
        end = 1
    elif first.tag == "VBZ" and can_be_verb(first.text) and lemma not in _IMPERATIVE_LEMMAS - {"have"}:
        end = 1
    elif first.tag == "MD" and len(toks) > 1 and toks[1].tag == "VB":
        end = 2
    else:
        return None
    while end < len(toks) and toks[end].tag in ("VB", "VBN") and end < 3:
        end += 1
    return end


class SubjectLost(Rule):
    """A sentence that lost its subject: "Which is caused by ...", "Helps the wound heal ...".

    What it does
    Finds sentences of running text (ending in a full stop, not a question) that open with a
    relative pronoun and its verb ("Which is caused by pressure on the nerve.", "Who have had a
    knee replacement need ..."), with a tensed verb or a modal and no subject before it ("Helps
    the wound heal faster.", "Can be treated with rest.", "Is one of the most common injuries."),
    or, at the start of a paragraph that follows no other paragraph, with "That" and a verb
    other than "be" ("That causes pain in the back."; "That is why ..." passes), or with a
    connective and such a verb ("And helps the body absorb calcium.", "Then prescribes a
    brace."; "And remember to ..." and "Then comes the recovery" pass). Questions that lost
    their question mark ("Is it safe.") and imperatives ("Do not lift ...") pass; list items,
    whose telegraphic style drops subjects on purpose ("- Reduces swelling"), are not checked.
    Inside a sentence: a conjunction such as "because", "although", "if" or "unless" followed
    at once by a finite verb ("because are dissolved by the body"; "than is usual", "as is" and
    "if need be" pass), and "and" or "but" followed by an impersonal passive and "that" with no
    "it" ("but should be noted that", "and is recommended that"; verbs that take a person, "is
    told that", pass).

    Why is this bad?
    The machine translation split a sentence after its subject, or translated a Persian verb whose
    subject is only marked in the verb's ending; the English sentence has a verb with nothing to
    attach it to, and a paragraph that opens "Which ..." refers to nothing at all.

    Example
    Helps the wound heal faster and reduces the risk of infection.

    Use instead
    The dressing helps the wound heal faster and reduces the risk of infection.

    Severity
    Major: the reader cannot tell what the sentence is about (MQM Fluency/Grammar).

    References
    Guide to Grammar and Writing (Capital Community College), 8.6 Sentence fragments:
    disconnected dependent clauses ("... Which is getting new sewers next week."):
    http://webster.commnet.edu/sensen/part2/eight/fragments_dep.html
    The Longman Handbook, common sentence problems (a fragment has no subject-verb pair):
    http://wps.ablongman.com/long_longman_ohb_1/27/7023/1797962.cw/content/index.html
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR029"
    name = "subject-lost"
    category = "translation"
    severity = "major"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        previous_block = None
        kinds = {b.index: b.kind for b in ctx.blocks}
        for seg in ctx.segments:
            opens_block, previous_block = seg.block != previous_block, seg.block
            toks = [t for t in seg.tokens if t.text not in ('"', "\u201c", "'")]
            text = seg.text.rstrip()
            if seg.block_kind != "paragraph" or len(toks) < 3 or not text.endswith((".", "!")):
                continue
            first, second = toks[0], toks[1]
            word = first.text.lower()
            end = None
            if word in _RELATIVES and first.tag in ("WDT", "WP") and (
                    second.tag in _VERB_TAGS or (second.pos == "ADV" and toks[2].tag in _VERB_TAGS)):
                end = 2 if second.tag in _VERB_TAGS else 3
                why = f'"{first.text}" has no noun to refer to'
            elif word == "that" and opens_block and kinds.get(seg.block - 1) != "paragraph" \
                    and second.tag in ("VBZ", "VBD", "MD") and can_be_verb(second.text) \
                    and second.lemma.lower() != "be":
                end = 2
                why = f'"{first.text}" opens the paragraph, so it refers to nothing'
            else:
                end = _opening_verb(toks)
                why = f'the verb "{first.text}" has no subject'
                if end is None:
                    end = _verb_after_connective(toks)
                    why = f'the verb "{toks[1].text}" has no subject'
            yield from _lost_inside(toks)
            if end is None:
                continue
            yield Match(first.start, toks[end - 1].end,
                        f"The sentence lost its subject: {why}. The translation split the "
                        "sentence, or dropped the subject that Persian marks on the verb.",
                        evidence={"opening": ctx.text[first.start:toks[end - 1].end]},
                        confidence=0.8)


# Sentence-opening connectives after which a verb needs its subject ("And helps the body ...");
# "so", "nor" and "neither" are left out: they invert ("So does the risk").
_CONNECTIVES = {"and", "but", "or", "then", "also", "therefore", "moreover", "furthermore",
                "besides", "however", "thus", "hence"}
# Verbs that follow "then" or "and" with their subject after them ("Then comes the recovery")
_INVERTING = {"come", "follow", "go", "lie", "stand", "sit", "appear", "begin", "arrive", "remain",
              "exist", "emerge"}


def _verb_after_connective(toks) -> int | None:
    """End index of a verb group straight after an opening connective ("And helps the body",
    "Then prescribes a brace", "Also can cause pain"), or None: a verb in -s or a modal and
    its verb, "is" or "are" before a predicate. An imperative ("And remember to ...") has no
    -s, and a pronoun after the verb makes a question."""
    if len(toks) < 4 or toks[0].text.lower() not in _CONNECTIVES or not toks[0].text[:1].isupper():
        return None
    verb, after = toks[1], toks[2]
    if after.text.lower() in _QUESTION_SUBJECTS or after.tag in ("NNP", "NNPS"):
        return None
    if verb.text.lower() in _BE_FORMS:
        return 2 if after.tag in _PREDICATE_TAGS else None
    if verb.tag == "VBZ" and verb.text.islower() and can_be_verb(verb.text) \
            and verb.lemma.lower() not in _INVERTING:
        return 2
    if verb.tag == "MD" and after.tag == "VB":
        return 3
    return None


def _lost_inside(toks):
    """A clause inside the sentence that lost its subject: a conjunction followed at once by a
    finite verb ("because are dissolved", "although is a simple operation"), or "and"/"but"
    followed by an impersonal passive and "that" with no "it" ("and is recommended that",
    "but should be noted that")."""
    for i in range(1, len(toks) - 2):
        word, nxt = toks[i].text.lower(), toks[i + 1]
        after = nxt.text.lower()
        if word in _SUBORDINATORS and toks[i].tag == "IN" and after in _FINITE \
                and nxt.tag in ("VBZ", "VBP", "VBD", "MD") \
                and toks[i + 2].text.lower() not in _QUESTION_SUBJECTS:
            yield Match(toks[i].start, nxt.end,
                        f'The clause after "{toks[i].text}" lost its subject: "{nxt.text}" has '
                        "nothing before it. Persian marks the subject on the verb, and the "
                        "translation dropped it.",
                        evidence={"opening": f"{toks[i].text} {nxt.text}"}, confidence=0.8)
        elif word in ("and", "but") and toks[i].tag == "CC":
            j = i + 1
            if toks[j].tag == "MD" and toks[j + 1].text.lower() == "be":
                j += 2
            elif after in ("is", "was"):
                j += 1
            else:
                continue
            if j + 1 < len(toks) and toks[j].text.lower() in _IMPERSONAL \
                    and toks[j].tag == "VBN" and toks[j + 1].text.lower() == "that" \
                    and toks[j + 1].tag == "IN":
                phrase = " ".join(t.text for t in toks[i + 1:j + 2])
                yield Match(toks[i + 1].start, toks[j + 1].end,
                            f'"{phrase}" has no subject: English says "it {phrase}". Persian '
                            "leaves the empty subject out.", suggestion="it " + phrase,
                            evidence={"opening": phrase}, confidence=0.8)

