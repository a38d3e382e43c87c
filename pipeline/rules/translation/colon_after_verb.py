from __future__ import annotations

from pipeline.rules.base import Match, Rule

# verbs that cannot end their clause: the words after them complete them ("include: X"); other
# verbs may end a clause that the colon then explains ("three cavities are formed: ...", "the
# miller does not steal: people do it"), and "as follows:" ends its clause before a list
_NEEDS_COMPLEMENT = frozenset({"include", "contain", "comprise", "involve", "be"})
_VERB_TAGS = frozenset({"VBZ", "VBP", "VBD", "VBG", "VB"})  # and VBN, read as a past tense
# after "is:", a question or a clause may follow as its own statement ("The question is: who ...")
_CLAUSE_OPENERS = frozenset({"who", "what", "which", "how", "why", "when", "where", "whether", "if",
                             "that", "i", "you", "he", "she", "it", "we", "they"})
MIN_WORDS_AFTER = 2


class ColonAfterVerb(Rule):
    """A colon between a verb and the words that complete it, in running text: "The first lasers
    included: the ruby laser and the Nd:YAG laser", "Symptoms are: pain and swelling".

    What it does
    Finds, inside a sentence of a paragraph, a colon right after "such as" or a verb that cannot
    end its clause ("include", "contain", "comprise", "involve", "be") whose complement follows
    on the same line, in lower case: the colon cuts the verb off from its object or complement.
    A colon after a clause that is complete ("as follows:", "three cavities are formed:", "the
    doctor said:"), a label ("Note:"), a time or ratio ("10:30"), a list that starts on the next
    line, a capitalised list after the colon and a question or clause after "is:" ("The
    question is: who ...") pass.

    Why is this bad?
    Persian sets a colon after "are" and "include" before what they introduce ("عبارتند از:"),
    and machine translation keeps it. In English a colon follows a complete clause; between a
    verb and its object it breaks the sentence for no reason.

    Example
    The first lasers for hair removal included: the ruby laser and the Nd:YAG laser.

    Use instead
    The first lasers for hair removal included the ruby laser and the Nd:YAG laser.

    Severity
    Minor: the meaning survives (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed. (University of Chicago Press, 2017), 6.65 (no colon
    between a verb or preposition and its object).
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR074"
    name = "colon-after-verb"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        text = ctx.text
        for seg in ctx.segments:
            if seg.block_kind != "paragraph":
                continue
            toks = seg.tokens
            for k in range(1, len(toks) - MIN_WORDS_AFTER):
                colon, before, after = toks[k], toks[k - 1], toks[k + 1]
                if colon.text != ":" or text[colon.end:after.start] != " " or \
                        text[before.end:colon.start] != "":
                    continue  # "10:30", a list on the next line, a spaced colon (TR063's)
                such_as = before.text.lower() == "as" and k >= 2 and toks[k - 2].text.lower() == "such"
                lemma = before.lemma.lower()
                passive = k >= 2 and toks[k - 2].lemma.lower() == "be"
                verb = lemma in _NEEDS_COMPLEMENT and (before.tag in _VERB_TAGS or
                                                       before.tag == "VBN" and lemma != "be" and not passive)
                if not (verb or such_as) or before.lemma.lower() == "be" and \
                        after.text.lower() in _CLAUSE_OPENERS:
                    continue
                if not after.text[:1].islower() or k == 1 and not such_as:
                    continue  # a capitalised list, or a one-word label ("Note: ...")
                if not any(t.text[:1].isalpha() for t in toks[k + 2:k + 2 + MIN_WORDS_AFTER]):
                    continue
                start = toks[k - 2].start if such_as else before.start
                yield Match(start, colon.end,
                            f'The colon after "{text[start:before.end]}" cuts the verb off from '
                            "the words that complete it: a colon follows a complete clause; "
                            "delete it here.", suggestion=text[start:before.end], confidence=0.7)
