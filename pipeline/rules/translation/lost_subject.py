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
    other than "be" ("That causes pain in the back."; "That is why ..." passes). Questions that lost their question mark ("Is it safe.")
    and imperatives ("Do not lift ...") pass; list items, whose telegraphic style drops subjects
    on purpose ("- Reduces swelling"), are not checked.

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
                continue
            yield Match(first.start, toks[end - 1].end,
                        f"The sentence lost its subject: {why}. The translation split the "
                        "sentence, or dropped the subject that Persian marks on the verb.",
                        evidence={"opening": ctx.text[first.start:toks[end - 1].end]},
                        confidence=0.8)
