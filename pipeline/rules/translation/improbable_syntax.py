from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.syntax import tags as tagnames

_KINDS = ("paragraph", "list_item")
_MIN_WORDS = 4
_EDGE = {".", ",", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP"}
# Not words: markup, addresses, ellipses and symbols are other rules' business (CO001, TR009...),
# and a span that holds one is about them, not about word order (a hashtag's "#" is tagged as a
# currency sign); nor is a span that holds an inline list label ("(a) rest, (b) bracing"), nor a
# foreign word (FW: "in vitro fertilization", "per se"), which has no English word order.
_NOT_WORDS = {"ADD", "NFP", "XX", "SYM", "LS", "``", "''", "$", "#", "FW"}


_COMPARISON = {"RBR", "RBS", "JJR", "JJS"}
# A bracket inside a span: the aside it opens or closes may start or end with any phrase ("heart
# failure (heart unable to pump)"), so the tags across it say nothing about word order.
# So does a quotation mark: a quotation opens a new sentence ("he said: "Migraines that ...").
# Both are looked for in the whole span, before its edges are trimmed.
_ASIDE_MARKS = {"-LRB-", "-RRB-", "``", "''"}
_FINITE = {"VBZ", "VBP", "VBD"}


def _tagging_slip(toks, first: int, last: int) -> bool:
    """Whether a span of three tokens is improbable only because of how its middle word was
    tagged, in shapes English uses freely: a comparison word after its verb ("works best on",
    "enjoy most and"), a label with its number ("and type 2", "on floor 1": a plural before a
    number, "weeks two", stays improbable), and a noun read as an adjective before its verb
    ("the implant fails"), and a number that counts the noun after it ("go back to sports
    activities one month later")."""
    if last - first != 2:
        return False
    a, b, c = toks[first], toks[first + 1], toks[last]
    before = toks[first - 1].tag if first > 0 else ""
    after = toks[last + 1].tag if last + 1 < len(toks) else ""
    return (b.tag in _COMPARISON
            or (b.tag in ("NN", "NNP") and c.tag == "CD")
            or (c.tag == "CD" and after in ("NN", "NNS"))  # "activities one month after"
            or (a.tag in ("NN", "NNP") and b.tag == "CD")
            or (before == "DT" and a.tag == "JJ" and b.tag in _FINITE))


_BARE_INFINITIVE_TAKERS = {"help", "let", "make", "have", "watch", "see", "hear", "feel"}
_OBJECT = {"DT", "NN", "NNS", "NNP", "PRP", "PRP$", "JJ", "CD"}


def _bare_infinitive(toks, first: int, last: int) -> bool:
    """Whether the span holds a bare infinitive after a verb that takes one, with or without its
    object ("help reduce pain", "helps the wound heal", "let the skin breathe"), or after the
    "is" of a pseudo-cleft ("what the doctor does is remove the tissue")."""
    for j in range(max(first, 1), last + 1):
        if toks[j].tag != "VB":
            continue
        k = j - 1
        while k > 0 and j - k <= 4 and toks[k].tag in _OBJECT:
            k -= 1
        if toks[k].tag.startswith("VB") and toks[k].lemma.lower() in _BARE_INFINITIVE_TAKERS:
            return True
        if toks[j - 1].lemma.lower() == "be" and any(t.lemma.lower() == "do" for t in toks[:j - 1]):
            return True  # a pseudo-cleft: "what the doctor does is remove the tissue"
    return False


_CLAUSE_OPENERS = {"that", "which", "who", "whom", "whose", "what", "how", "why", "where", "when"}
_FINITE_VERBS = {"VBZ", "VBD", "VBP"}


def _clause_boundary(toks, first: int, last: int) -> bool:
    """Whether the span is improbable only because a relative or embedded clause ends in it:
    "the cramp that we all have experienced is tremor" (a clause's verb, then the main verb),
    "we examined what muscle spasm is and ..." (an embedded question's subject before its verb).
    The clause must open with "that", a wh-word, within eight words before that verb."""
    for j in range(first, last + 1):
        if toks[j].tag not in _FINITE_VERBS:
            continue
        start = max(0, j - 8)
        opener = next((k for k in range(j - 1, start - 1, -1)
                       if toks[k].text.lower() in _CLAUSE_OPENERS), None)
        if opener is None:
            continue
        between = [t.tag for t in toks[opener + 1:j]]
        if between and between[-1] in ("VBN", "VBD", "VB", "RP") and "PRP" in between:
            return True  # "that we all have definitely experienced | is"
        if between and all(t in ("DT", "JJ", "NN", "NNS", "NNP", "PRP$", "HYPH") for t in between) \
                and toks[opener].tag in ("WP", "WDT", "WRB"):
            return True  # "what muscle spasm | is"
    return False


def _reduced_relative(toks, first: int, last: int) -> bool:
    """Whether the span holds a noun with a past participle after it before the clause's verb:
    "the treatments used may be different", "the drugs prescribed are safe"."""
    return any(toks[k - 1].tag in ("NN", "NNS") and (
        toks[k].tag == "VBN" and toks[k + 1].tag in ("MD", "VBZ", "VBP", "VBD")
        or toks[k].tag == "VBD" and toks[k + 1].tag == "MD")  # "used" read as a past tense
        for k in range(max(1, first - 1), min(last + 1, len(toks) - 1)))


# two-word adverbials of English whose tags look like a stray particle ("seen them up close")
_ADVERB_IDIOMS = {("up", "close"), ("up", "front"), ("out", "loud"), ("back", "home"),
                  ("far", "away"), ("over", "there"), ("right", "away"), ("later", "on"),
                  ("early", "on"), ("once", "again"), ("all", "along"), ("in", "between")}


def _adverb_idiom(toks, first: int, last: int) -> bool:
    """The span holds a two-word adverbial idiom ("up close", "out loud", "right away")."""
    words = [t.text.lower() for t in toks[first:last + 1]]
    return any(pair in _ADVERB_IDIOMS for pair in zip(words, words[1:]))


def _emphatic_do(toks, first: int) -> bool:
    """"do inform your physician", "does help": "do" before a base verb is English emphasis."""
    return first + 1 < len(toks) and toks[first].text.lower() in ("do", "does", "did") and \
        toks[first + 1].tag == "VB"


def _opening_participle(toks, first: int) -> bool:
    """A sentence that opens with a past participle and a wh-word, a participle clause of
    journalism: "Asked what the signs are, he said ...", "Told why, she ..."."""
    return first == 0 and len(toks) > 1 and toks[0].tag in ("VBD", "VBN") and \
        toks[1].tag in ("WP", "WDT", "WRB")


def _inline_label(toks, first: int, last: int) -> bool:
    """Whether the span holds a bracketed list label, "(a)", "(2)", or a numbered label before a
    colon, "Note 1:", "Step 2:" (its capitalised word read as a verb before a number)."""
    return any(toks[k].text == "(" and toks[k + 2].text == ")" and len(toks[k + 1].text) <= 2
               for k in range(max(0, first - 2), min(last + 1, len(toks) - 2))) or \
        any(toks[k].text[:1].isupper() and toks[k + 1].tag == "CD" and toks[k + 2].text in (":", ".", ")")
            for k in range(max(0, first - 1), min(last + 1, len(toks) - 2)))


class ImprobableEnglishSyntax(Rule):
    """A sequence of parts of speech that English almost never uses: source word order kept.

    What it does
    Tags each sentence of the running text (paragraphs and list items) with spaCy's fine
    part-of-speech tags and scores every point between two words with a model of English syntax
    (4-gram Kneser-Ney models of tag sequences, read forwards and backwards, trained on the human
    post-edited English of MLQE-PE and shipped with the package). Where two or more points within
    four words of each other are improbable both from the left and from the right, the words
    around them are reported with their tag sequence and the likeliest reading: an adjective after
    its noun ("diseases neurological"), a verb at the end of its clause ("the patient the
    exercise every day should do"), a number after what it counts ("weeks two").

    Why is this bad?
    Persian puts the verb last and the adjective after the noun; a literal translation keeps that
    order, and readers must reassemble the sentence, or misread it.

    Example
    The patient the exercise every day should do.

    Use instead
    The patient should do the exercise every day.

    Severity
    Minor: the meaning can usually be recovered (MQM Fluency/Word order). The threshold is
    calibrated to flag at most 2 spans per 1,000 words of correct English (post-edits the model
    did not see); rare but correct constructions (a relative clause without "that": "the
    difficulties his patients faced were financial") and tagging slips still reach it now and
    then, so the finding's confidence is modest. It catches only a minority of scrambled
    sentences (about one in six of the project's examples) and few scrambled dates.

    References
    MQM core typology, Fluency/Word order: https://themqm.org/error-types-2/typology/
    Kneser-Ney smoothing: Chen and Goodman, An empirical study of smoothing techniques for
    language modeling (ACL 1996), https://aclanthology.org/P96-1041/
    MLQE-PE: Fomicheva et al. (2020), https://arxiv.org/abs/2010.04480
    Penn Treebank tags: https://catalog.ldc.upenn.edu/docs/LDC99T42/tagguid1.pdf
    """

    code = "TR020"
    name = "improbable-english-syntax"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Word order"

    def check(self, ctx):
        from pipeline.syntax import load

        model = load()
        for seg in ctx.segments:
            if seg.block_kind not in _KINDS:
                continue
            toks = seg.tokens
            if sum(1 for t in toks if t.text[:1].isalnum()) < _MIN_WORDS:
                continue
            tags = [t.tag for t in toks]
            for span in model.improbable_spans(tags):
                first, last = span.first, span.last
                while first < last and toks[first].tag in _EDGE:
                    first += 1
                while last > first and toks[last].tag in _EDGE:
                    last -= 1
                seq = tags[first:last + 1]
                if last == first or _NOT_WORDS.intersection(seq) or \
                        _ASIDE_MARKS.intersection(tags[span.first:span.last + 1]) or \
                        _tagging_slip(toks, span.first, span.last) or \
                        _inline_label(toks, span.first, span.last) or \
                        _reduced_relative(toks, span.first, span.last) or \
                        _clause_boundary(toks, span.first, span.last) or \
                        _bare_infinitive(toks, span.first, span.last) or \
                        _opening_participle(toks, first) or _emphatic_do(toks, first) or \
                        _adverb_idiom(toks, first, last):
                    continue
                following = tags[last + 1] if last + 1 < len(tags) else "</s>"
                reading = tagnames.explain(seq, following)
                named = ", ".join(tagnames.name(t) for t in seq)
                yield Match(
                    toks[first].start, toks[last].end,
                    f"Improbable English word order ({named}): {reading}.",
                    suggestion="Reorder the sentence as English would say it.",
                    evidence={"tags": " ".join(seq), "peak_bits": round(span.score, 2),
                              "threshold_bits": model.threshold},
                    confidence=round(min(0.9, 0.5 + (span.score - model.threshold) / 20), 3))
