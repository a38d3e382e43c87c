from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data, grammar_patterns
from pipeline.rules.translation.clauses import can_be_verb

_FINITE = ("VBZ", "VBP", "VBD", "MD")
_NOUN_BEFORE = ("NN", "NNS", "NNP", "NNPS", "PRP", "CD")
MIN_SINGULAR_ZIPF = 3.0  # the singular is a common English word ("muscle", "joint") or a
# dictionary word ("hemorrhoid")
MIN_NOUN_ZIPF = 2.5  # and so is the noun it modifies (not a broken word)


class PluralModifier(Rule):
    """A plural noun used to modify the next noun: "muscles contraction", "the joints
    flexibility", "various techniques combination", "thousands doctors".

    What it does
    Finds a regular plural common noun ("muscles", "eyes") followed at once by a common noun it
    modifies, in lower case ("the muscles activity", "eyes surgery"), where English puts the
    modifier in the singular ("muscle activity") or says "of" ("the activity of the muscles").
    What English does modify with a plural passes: the nouns listed in
    pipeline/rules/data/grammar_patterns.yaml (`plural_modifiers`: "sports medicine", "the
    admissions office", "human rights"), fields in -ics ("pediatrics ward"), words whose
    singular is neither a common word nor in the dictionary ("herpes virus"), times ("in those days customs were"), plurals of people (TR044 reports "women
    health"), plurals after a number (TR018's domain) and a plural that is the verb of the noun
    before it ("the bladder stores urine") or of a sentence with no other verb ("The muscles
    contract"), and a noun that can be the plural's verb unless a verb follows it ("the eggs
    hatch and ..." passes, "the nerves damage may ..." does not).
    A plural number noun ("hundreds", "thousands", "millions", "dozens") straight before a
    plural noun, through at most one adjective, lacks its "of": "thousands doctors" is
    "thousands of doctors".

    Why is this bad?
    Persian joins two nouns with the ezafe ("fa'aliat-e azolat", activity of muscles) and keeps
    the owner plural; machine translation drops the link and keeps the plural, which English
    only allows in a few set compounds. The reader stumbles and may read the plural as a verb.

    Example
    Botox reduces the muscles activity and prevents muscles contraction.

    Use instead
    Botox reduces muscle activity and prevents muscle contraction.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, Grammar, Nouns used as modifiers (singular): https://dictionary.cambridge.org/grammar/british-grammar/nouns-as-adjectives
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR066"
    name = "plural-noun-modifier"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        data = grammar_patterns.load()
        allowed = data["plural_modifiers"] | data["people_plurals"]
        words = ctx.resources.vocabulary
        numbers = grammar_data.load()["number_words"]
        for seg in ctx.segments:
            toks = seg.tokens
            finite = sum(t.tag in _FINITE for t in toks)
            for i in range(len(toks) - 1):
                plural, noun = toks[i], toks[i + 1]
                low = plural.text.lower()
                if low in _COUNT_NOUNS:
                    found = _count_without_of(toks, i)
                    if found is not None:
                        yield found
                    continue
                # lower case, or capitalised as a sentence's first word ("Vitamins deficiency")
                shape = plural.text.islower() or (i == 0 and plural.text[1:].islower())
                # a heading of two nouns, the second taken for a verb ("Hemorrhoids causes")
                heading_noun = noun.tag == "VBZ" and finite == 1 and \
                    seg.block_kind in ("heading", "title") and i + 2 == len(toks)
                if plural.tag != "NNS" and not (i == 0 and plural.tag == "NNP") or not shape or \
                        noun.tag not in ("NN", "NNS") and not heading_noun or not low.isalpha() or \
                        not low.endswith("s") or low.endswith("ss") or \
                        not noun.text.isalpha() or not noun.text.islower() or \
                        ctx.text[plural.end:noun.start] != " ":
                    continue
                singular = plural.lemma.lower() if plural.tag == "NNS" else low[:-1]
                if singular == low or low in allowed or low in _TIMES or low.endswith("ics") or \
                        words.zipf(singular) < MIN_SINGULAR_ZIPF and singular not in words.dictionary or \
                        words.zipf(noun.text) < MIN_NOUN_ZIPF:
                    continue  # set compounds, "in those days customs were", "these hands didn"
                before = toks[i - 1] if i else None
                if before is not None and before.end == plural.start:
                    continue  # "two-thirds majority": part of a hyphenated word
                if before is not None and (before.tag == "CD" or
                                           before.text.lower() in numbers):
                    continue  # "three days conference": a count, TR018's
                if can_be_verb(low) and (
                        (before is not None and before.tag in _NOUN_BEFORE) or not finite or
                        before is not None and before.tag in ("JJ", "JJS") and i > 1 and
                        toks[i - 2].tag == "DT"):
                    continue  # "the bladder stores urine", "The muscles contract", "the
                    # second restores movement"
                after = toks[i + 2] if i + 2 < len(toks) else None
                if after is not None and after.tag in ("NN", "NNS") and after.text.islower():
                    continue  # "muscles pain relief": a longer compound, read another way
                if noun.text in data["not_owned"] or noun.text in _NOT_MODIFIED:
                    continue  # "processors today", "animals thanks to", "made choices part of"
                agrees = not (noun.text.endswith("s") and not noun.text.endswith("ss"))
                if agrees and can_be_verb(noun.text) and (after is None or after.tag not in _FINITE):
                    continue  # "the eggs hatch and ...": the noun is the plural's verb (not
                    # "Hemorrhoids causes": a plural subject takes no verb in -s)
                fixed = singular.capitalize() if plural.text[0].isupper() else singular
                yield Match(plural.start, noun.end,
                            f'"{plural.text} {noun.text}": a plural noun does not modify a noun in '
                            f'English; write "{fixed} {noun.text}" or "the {noun.text} of '
                            f'the {low}".', suggestion=f"{fixed} {noun.text}",
                            evidence={"plural": low, "singular": singular, "noun": noun.text},
                            confidence=0.65)


# plural number nouns that take "of" before what they count: "thousands of doctors"
_COUNT_NOUNS = frozenset("hundreds thousands millions billions dozens".split())


def _count_without_of(toks, i: int) -> Match | None:
    """"thousands doctors", "hundreds new patients": a plural number noun directly before a
    plural noun (through at most one adjective), where English says "thousands of"."""
    k = i + 1
    if k < len(toks) and toks[k].tag in ("JJ", "VBN") and toks[k].text.islower():
        k += 1
    if k >= len(toks) or toks[k].tag != "NNS" or not toks[k].text.isalpha() or not toks[k].text.islower():
        return None
    count, noun = toks[i], toks[k]
    return Match(count.start, noun.end,
                 f'"{count.text} {noun.text}": a plural number noun takes "of" before what it counts: '
                 f'"{count.text} of {noun.text}" (or "two {count.text.lower()[:-1]} {noun.text}" with a number).',
                 suggestion=f"{count.text} of", evidence={"count": count.text.lower(), "noun": noun.text},
                 confidence=0.8)


_TIMES = frozenset("days weeks months years hours minutes seconds times nights mornings "
                   "evenings decades centuries ages".split())
_NOT_MODIFIED = frozenset(("thanks", "part", "alone", "apart"))
