from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import can_be_verb
from pipeline.rules.translation.word_lists import word_lists

# Verbs after which a frequency adverb is English order ("is usually", "has often").
_AUXILIARY_LEMMAS = {"be", "have", "do", "get"}
_SUBJECT_TAGS = {"NN", "NNS", "NNP", "NNPS", "PRP"}
# What may follow the adverb when it ends a clause or compares ("happens often.", "often than").
_ENDS = {"than", "enough", "as", "and", "or", "but"}


class FrequencyAdverbAfterVerb(Rule):
    """A frequency adverb placed after the lexical verb: "The swelling appears usually ...".

    What it does
    Finds a subject, a tensed lexical verb and a frequency adverb ("usually", "often", "always",
    "never", "sometimes", "rarely", "generally", ...) followed by more of the clause ("appears
    usually two days after", "begins often in the morning"). After "be", "have", "do" and modals
    the adverb is English order ("is usually", "can often") and passes, as does an adverb that
    ends the clause ("it happens often.") or compares ("more often than"). Focusing adverbs
    ("mainly", "especially") may follow the verb and are not checked.

    Why is this bad?
    English puts frequency adverbs between the subject and a lexical verb. Machine translation
    from Persian often attaches the adverb after the verb instead; the sentence reads as foreign
    and the adverb's scope blurs ("appears usually two days after" - usually appears, or usually
    two days?).

    Example
    The swelling appears usually two days after the injury.

    Use instead
    The swelling usually appears two days after the injury.

    Severity
    Minor: the meaning survives (MQM Fluency/Word order).

    References
    Swan, Practical English Usage, 3rd ed. (Oxford University Press, 2005), 24 (adverbs of
    indefinite frequency go in mid-position, before a one-part verb).
    Teflpedia, Mid-position: https://teflpedia.com/Mid-position
    MQM core typology, Fluency/Grammar (word order): https://themqm.org/error-types-2/typology/
    """

    code = "TR028"
    name = "frequency-adverb-after-verb"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Word order"

    def check(self, ctx):
        adverbs = word_lists()["frequency_adverbs"]
        for seg in ctx.segments:
            toks = seg.tokens
            for k in range(1, len(toks) - 2):
                verb, adv, nxt = toks[k], toks[k + 1], toks[k + 2]
                if adv.text.lower() not in adverbs or verb.tag not in ("VBZ", "VBP", "VBD") \
                        or verb.lemma.lower() in _AUXILIARY_LEMMAS or not can_be_verb(verb.text):
                    continue
                if toks[k - 1].tag not in _SUBJECT_TAGS or nxt.pos == "PUNCT" \
                        or nxt.text.lower() in _ENDS:
                    continue
                yield Match(verb.start, adv.end,
                            f'"{verb.text} {adv.text}": English puts "{adv.text}" before the '
                            "verb.", suggestion=f"{adv.text} {verb.text}", confidence=0.7)
