from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation import grammar_data

_NUMBER = r"\d+(?:[.,]\d+)?"
_SINGULAR_DET = {"a", "an", "each", "this", "that", "one"}
_NOUN_AFTER = ("NN", "NNP")
_VAGUE = {"several", "few", "many", "half"}
# prepositions after which "5 years old" may end a phrase and a new clause start ("at 5 years old
# children start school", "children under 5 years old rest"); after the others it describes the
# noun ("than 12 years old companions", "of 5 years old children")
_CLAUSE_PREPOSITIONS = {"at", "by", "until", "till", "since", "after", "before", "because", "as",
                        "when", "while", "if", "once", "under", "over", "above", "below",
                        "between", "about", "around"}


class PluralAfterNumber(Rule):
    """A plural noun after a number where English uses the singular: "a 10-minutes walk".

    What it does
    Finds four shapes of the same error. A hyphenated number compound with a plural noun of
    measure ("a 10-minutes walk", "a three-months course", "5-years-old"). An age written as
    "5 years old" before the noun it describes ("his 5 years old son"; "the baby was 3 months
    old" is right and passes). A number and a plural noun used as a modifier after "a", "each"
    or "this" ("a 10 years warranty", "a 6 sessions package"). A plural multiplier after a
    number ("two hundreds patients", "5 millions people"; "hundreds of patients" is right).

    Why is this bad?
    Persian puts the counted noun in the singular or the plural freely and joins it to the next
    noun without a hyphen; English makes the compound singular and hyphenated. The error is
    frequent in translated clinic pages and reads as non-native.

    Example
    He brought his 5 years old son for a 10-minutes test and booked a 6 sessions package.

    Use instead
    He brought his 5-year-old son for a 10-minute test and booked a 6-session package.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar).

    References
    Cambridge Dictionary, compound adjectives with numbers: https://dictionary.cambridge.org/grammar/british-grammar/compound-adjectives
    Merriam-Webster, "year-old": https://www.merriam-webster.com/dictionary/year-old
    """

    code = "TR018"
    name = "plural-after-number"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        words = grammar_data.load()
        plurals = words["measure_plurals"]
        numbers = "|".join(sorted(words["number_words"], key=len, reverse=True))
        compound = re.compile(rf"(?<![\w-])(?P<num>{_NUMBER}|(?i:{numbers}))-(?P<unit>(?i:"
                              + "|".join(sorted(plurals, key=len, reverse=True))
                              + r"))(?P<old>-old)?\b(?!-\d)")
        multiplier = _multiplier(numbers)
        for seg in ctx.segments:
            taken = []
            for m in compound.finditer(seg.text):
                unit = m.group("unit")
                fixed = f"{m.group('num')}-{_singular(unit, plurals)}{m.group('old') or ''}"
                start, end = seg.start + m.start(), seg.start + m.end()
                taken.append((start, end))
                yield Match(start, end, f'"{m.group(0)}" is a compound: English puts "{unit}" '
                            f'in the singular ("{fixed}").', suggestion=fixed,
                            evidence={"shape": "hyphenated"}, confidence=0.85)
            for m in multiplier.finditer(seg.text):
                if m.group("num").lower() in _VAGUE:
                    continue  # "many thousands more people"
                start, end = seg.start + m.start("mult"), seg.start + m.end("mult")
                single = m.group("mult")[:-1]
                taken.append((start, end))
                yield Match(start, end, f'"{m.group(0)}": after a number, "{single}" takes no '
                            f'plural ("{m.group("num")} {single}"; "{m.group("mult")} of" without '
                            f'a number).', suggestion=single,
                            evidence={"shape": "multiplier"}, confidence=0.85)
            for start, end, fixed, shape in _spaced(seg.tokens, plurals):
                if not any(s < end and start < e for s, e in taken):
                    text = ctx.text[start:end]
                    yield Match(start, end, f'"{text}" describes the noun after it: English '
                                f'writes it as a singular compound ("{fixed}").',
                                suggestion=fixed, evidence={"shape": shape}, confidence=0.8)


def _multiplier(numbers: str) -> re.Pattern:
    """A number and a plural multiplier before a noun: "two hundreds patients", "5 millions"."""
    return re.compile(rf"(?<![\w-])(?P<num>{_NUMBER}|(?i:{numbers}))\s+(?P<mult>(?i:hundreds|"
                      r"thousands|millions|billions|dozens))\b(?!\s+(?:of|and|or|to)\b)"
                      r"(?=\s+[A-Za-z])")


def _singular(unit: str, plurals: dict) -> str:
    single = plurals[unit.lower()]
    return single.capitalize() if unit[0].isupper() else single


def _spaced(toks, plurals):
    """(start, end, suggestion, shape) for "5 years old <noun>" and "a 10 years <noun>"."""
    for i in range(len(toks) - 2):
        num, unit, nxt = toks[i], toks[i + 1], toks[i + 2]
        if num.tag != "CD" or unit.tag != "NNS" or unit.text.lower() == unit.lemma.lower():
            continue
        single = plurals.get(unit.text.lower()) or unit.lemma.lower()
        after = toks[i + 3] if i + 3 < len(toks) else None
        attributive = i == 0 or toks[i - 1].tag in ("DT", "PRP$", "POS") or \
            toks[i - 1].tag == "IN" and toks[i - 1].text.lower() not in _CLAUSE_PREPOSITIONS
        if nxt.text.lower() == "old" and attributive and after is not None and \
                after.tag in _NOUN_AFTER + ("NNS",):
            yield (num.start, nxt.end, f"{num.text}-{single}-old", "age")
        elif nxt.tag in _NOUN_AFTER and i > 0 and toks[i - 1].text.lower() in _SINGULAR_DET \
                and not (after is not None and after.tag in ("NNS",)):
            yield (num.start, unit.end, f"{num.text}-{single}", "modifier")
