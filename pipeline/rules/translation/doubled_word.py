from __future__ import annotations

import re

from pipeline.rules.base import Match, Rule

# The look-behind excludes every character a word can hold, so a match starts only where a word
# starts: starting after the apostrophe inside a word ("a'a'a'...") made long runs quadratic.
_DOUBLED = re.compile(
    r"(?<![\w'-])(?P<phrase>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*){0,3})"
    r"(?P<sep>\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+|\s+)(?P=phrase)(?![\w-])",
    re.IGNORECASE,
)
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "your", "our"}
# The second copy modifies what follows it, so the two are different things.
_MODIFIER_AFTER = re.compile(r"(?:-|\s+)(?:like|based|free|containing|related|derived|induced|"
                             r"type|sensitive|resistant)\b", re.IGNORECASE)
# The second copy is narrowed by what follows it, so the two name different things.
_RESTRICTED = re.compile(r"\s+(?:that|which|who|whose|where|caused|due)\b", re.IGNORECASE)
_TIME_WORDS = {"today", "tomorrow", "yesterday", "tonight", "now", "day", "night", "week", "month",
               "year", "morning", "evening", "afternoon"}
_FUNCTION_WORDS = {"and", "or", "but", "of", "to", "in", "on", "the", "a", "an", "with", "for"}


# a pronoun that ends a clause and the same one opening the next after a comma ("If the
# surgery is right for you, you should ...", "When you lift it, it hurts")
_PRONOUNS = {"you", "it", "they", "we", "he", "she", "i", "them", "her", "him", "us", "this",
             "that"}


class DoubledWordOrPhrase(Rule):
    """A word or phrase doubled: "X X", "X, X", "X and X", "X or X".

    What it does
    Finds a word or a phrase of up to four words written twice in a row, joined by nothing, a
    comma, "and" or "or". Idiomatic repetition is left alone: comparatives ("weaker and weaker",
    "more and more"), "again and again", the grammatical "had had" / "that that", a phrase
    with a determiner resumed after a comma ("on the muscles, the muscles of the legs"), and a
    pronoun that ends a clause followed by the same pronoun opening the next ("if it is right
    for you, you should ...").

    Why is this bad?
    Persian often pairs two near-synonyms ("stiffness and rigidity"); machine translation renders
    both with the same English word, so the reader sees "stiffness and stiffness" and loses the
    second meaning. "X or X" usually hides a leaked alternative term ("skeletal or striated").

    Example
    Symptoms include pain, muscle stiffness and stiffness, and fatigue.

    Use instead
    Symptoms include pain, muscle stiffness and rigidity, and fatigue.

    Severity
    Minor: the meaning survives but a source term is lost (MQM Accuracy/Mistranslation).

    References
    translate-toolkit pofilter, "doublewords" check: https://docs.translatehouse.org/projects/translate-toolkit/en/latest/commands/pofilter_tests.html
    MQM core typology: https://themqm.org/error-types-2/typology/
    """

    code = "TR002"
    name = "doubled-word-or-phrase"
    category = "translation"
    severity = "minor"
    mqm_type = "Accuracy/Mistranslation"
    options = {
        "idioms": ["more", "less", "again", "over", "on", "round", "through", "by", "side",
                   "step", "little", "bit", "time", "day", "year", "back", "up", "down", "out",
                   "far", "so", "very", "bye", "ha", "no", "yes"],
        "juxtaposed_ok": ["had", "that", "is", "do", "can"],
    }

    def check(self, ctx):
        idioms = {w.lower() for w in ctx.options["idioms"]}
        juxtaposed_ok = {w.lower() for w in ctx.options["juxtaposed_ok"]}
        nouns = None
        for m in _DOUBLED.finditer(ctx.text):
            if nouns is None:
                nouns = {t.start: t.tag for seg in ctx.segments for t in seg.tokens}
            phrase = m.group("phrase")
            words = phrase.lower().split()
            sep = " ".join(m.group("sep").replace(",", " , ").split()).lower()
            sep = {", and": "and", ", or": "or"}.get(sep, sep)  # "numbness, tingling, and tingling"
            last = words[-1]
            if len(words) == 1 and (last in idioms or (sep in ("and", "or") and
                                                        (last.endswith("er") or last.endswith("ly")))):
                continue
            if not sep and len(words) == 1 and last in juxtaposed_ok:
                continue
            if "\n" in m.group("sep"):
                continue  # a list or heading break, not a doubled phrase
            if len(words) > 1 and last in _FUNCTION_WORDS:
                continue  # "weaker and weaker and": the repeat is the idiom plus a conjunction
            if sep in ("and", "or") and _MODIFIER_AFTER.match(ctx.text, m.end()):
                continue  # "aspirin or aspirin like products", "sugar and sugar-free drinks"
            if sep in ("and", "or") and (_RESTRICTED.match(ctx.text, m.end()) or
                                         _noun_at(ctx, nouns, m.end()) and
                                         _tag_before(ctx, nouns, m.start()) in ("NN", "JJ", "NNP")):
                continue  # "headaches or headaches that wake you", "post cath and cath lab"
            if sep in ("and", "or") and _tag_after(ctx, nouns, m.end()) in ("MD", "VBZ", "VBP", "VBD") \
                    and _tag_before(ctx, nouns, m.start()) in ("IN", "TO", "VB", "VBZ", "VBP", "VBD", "VBN"):
                continue  # "suffices for the operation and the operation will be": two clauses
            if sep == "," and _modified_kinds(ctx, nouns, m):
                continue  # "marriage counseling, counseling in crisis": a list of kinds
            if sep == "," and words[0] in _DETERMINERS:
                continue  # "on the muscles, the muscles of the legs": a resumptive phrase
            if sep == "," and phrase.lower() in _PRONOUNS:
                continue  # "if it is right for you, you should ...": a clause ends, one begins
            joined = {"": "twice in a row", ",": "twice, separated by a comma",
                      "and": 'as "X and X"', "or": 'as "X or X"'}[sep]
            msg = f'"{phrase}" is written {joined}'
            if sep in ("and", "or"):
                msg += "; two source terms were probably translated by the same English word"
            yield Match(m.start(), m.end(), msg + ".", suggestion=phrase,
                        evidence={"repeated": phrase, "separator": sep or " "}, confidence=0.85)


def _noun_at(ctx, tags: dict, end: int) -> bool:
    """The word after `end` is a noun the second copy modifies ("cath lab"), by the tagger."""
    m = re.compile(r"[ \t]+(?P<word>\w+)").match(ctx.text, end)
    return m is not None and tags.get(m.start("word"), "") in ("NN", "NNS") and \
        m.group("word").lower() not in _TIME_WORDS  # "swelling and swelling today"


def _tag_after(ctx, tags: dict, end: int) -> str:
    """The tag of the word after `end`, or ""."""
    m = re.compile(r"[ \t]+(?P<word>\w+)").match(ctx.text, end)
    return tags.get(m.start("word"), "") if m else ""


def _tag_before(ctx, tags: dict, start: int) -> str:
    """The tag of the word before `start`, or ""."""
    before = re.compile(r"(?P<word>\w+)[ \t]+$").search(ctx.text, 0, start)
    return tags.get(before.start("word"), "") if before else ""


def _modified_kinds(ctx, tags: dict, m) -> bool:
    """"marriage counseling, counseling in crisis situations": the first copy heads a compound and
    the second is narrowed by what follows it, so they are two items of a list."""
    return _tag_before(ctx, tags, m.start()) in ("NN", "JJ") and \
        _tag_after(ctx, tags, m.end()) in ("IN", "NN", "NNS", "JJ")
