from __future__ import annotations

from pipeline.rules.base import Match, Rule
from pipeline.rules.translation.clauses import can_be_verb

# Subordinators that cannot open a sentence on their own clause.
_SUBORDINATORS = {"because", "although", "though", "whereas", "while", "since", "unless", "if",
                  "when", "whenever", "once"}
_TWO_WORD = {("even", "though"), ("even", "if"), ("so", "that")}
# Words after which "since", "while", "once", "when" are not subordinators ("since then", "once a
# day", "once again").
_NOT_A_CLAUSE = {"then", "a", "again", "more", "daily", "of", "to", "in", "on", "at", "for",
                 "with", "about", "now"}
_BREAKS = {",", ";", ":", "\u2013", "\u2014", "("}
_SUBJECT_TAGS = {"DT", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "JJ", "EX", "PDT"}
_TIME = {"time", "times", "year", "years", "day", "days", "month", "months", "week", "weeks",
         "century", "centuries", "age", "ages", "childhood", "birth", "then"}
_RELATIVE = {"that", "which", "who", "whom", "whose", "where", "when"}


def _finite_verbs(toks) -> int:
    """Tensed verbs and modals, not counting those of relative clauses ("that supports"), plus
    base forms not governed by "to", a modal or "do" (an imperative: "If it hurts see ...")."""
    count = 0
    for k, t in enumerate(toks):
        prev = toks[k - 1] if k else None
        if prev is not None and prev.text.lower() in _RELATIVE:
            continue
        if t.tag in ("VBZ", "VBP", "VBD") and can_be_verb(t.text) or t.tag == "MD":
            count += 1
        elif t.tag == "VB" and prev is not None and prev.tag not in ("TO", "MD") \
                and prev.lemma.lower() != "do":
            count += 1
    return count


class SubordinateClauseAlone(Rule):
    """A subordinate clause standing as a sentence: "Because the tendon is inflamed."

    What it does
    Finds sentences of running text that open with a subordinator ("because", "although",
    "since", "whereas", "if", "when" ...) and end without the main clause: no comma, semicolon
    or dash to close the subordinate clause and only one tensed verb. An answer to the question
    just before it ("Why does it swell? Because fluid builds up.") passes, as do "since then",
    "once a day" and other non-clausal uses. It also finds "Although," used as if it meant
    "However," ("Although, it can also be used in women."), unless a parenthesis follows
    ("Although, in principle, ..."). And a paragraph sentence that is only a noun and its
    relative clause opened by "in which", "by which", "through whom" ("Radical hysterectomy, in
    which the uterus and cervix are removed."): the relative clause holds the only verb, and the
    main verb is missing.

    Why is this bad?
    Persian often ends a sentence after a "because" or "although" clause and gives the main
    statement in the next sentence, or leaves it implied; English requires the main clause in the
    same sentence. The fragment leaves the reader waiting for a statement that never comes.

    Example
    Because the tendon is inflamed and swollen after repeated strain.

    Use instead
    The tendon is inflamed and swollen after repeated strain.

    Severity
    Minor: the meaning can usually be recovered from the sentence before (MQM Fluency/Grammar).

    References
    Guide to Grammar and Writing (Capital Community College), 8.6 Sentence fragments:
    disconnected dependent clauses: http://webster.commnet.edu/sensen/part2/eight/fragments_dep.html
    Hacker, Writer's Help, fragmented clauses ("If", "Unless", "Even though" ...):
    http://digfir-published.macmillanusa.com/writershelp/writershelp_ch5_121.html
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR030"
    name = "subordinate-clause-alone"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        previous = None
        for seg in ctx.segments:
            before, previous = previous, seg
            toks = seg.tokens
            text = seg.text.rstrip()
            if seg.block_kind not in ("paragraph", "list_item") or len(toks) < 3:
                continue
            if seg.block_kind == "paragraph" and text.endswith(".") and _noun_and_relative(toks):
                yield Match(seg.start, seg.start + len(text),
                            f'"{_short(text)}" is a noun and its relative clause, with no main '
                            "verb: the sentence says nothing about the noun.", confidence=0.7)
                continue
            w0, w1 = toks[0].text.lower(), toks[1].text.lower()
            if toks[0].text.isupper() and len(toks[0].text) > 1:
                continue  # "IF Munning": a name or an acronym
            if w0 in ("although", "though") and w1 == "," and not any(
                    t.text == "," for t in toks[2:7]):
                yield Match(toks[0].start, toks[1].end,
                            f'"{toks[0].text}," is used like "However,": "{toks[0].text}" opens '
                            "a clause and cannot stand alone before a comma.",
                            suggestion="However,", confidence=0.8)
                continue
            size = 2 if (w0, w1) in _TWO_WORD else 1 if w0 in _SUBORDINATORS else 0
            if not size or not text.endswith(".") or any(t.text in _BREAKS for t in toks):
                continue
            nxt = toks[size]
            if nxt.text.lower() in _NOT_A_CLAUSE or nxt.tag not in _SUBJECT_TAGS or (
                    nxt.tag == "JJ" and not toks[size + 1].tag.startswith("NN")):
                continue
            if w0 == "since" and any(t.text.lower() in _TIME for t in toks[1:5]):
                continue  # "Since the oldest time ...": a preposition of time
            if before is not None and before.text.rstrip().endswith("?"):
                continue  # an answer to the question before it
            if _finite_verbs(toks[size:]) != 1:
                continue
            yield Match(seg.start, seg.start + len(text),
                        f'"{_short(text)}" is only a subordinate clause: the main clause that '
                        f'"{toks[0].text.lower()}" announces is missing.', confidence=0.75)


_NOUN_PHRASE = {"DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "CD", "POS", "PRP$", ","}
_RELATIVE_OPENERS = {"which", "who", "whom", "whose", "that"}
_FINITE = {"VBZ", "VBP", "VBD", "MD"}


def _noun_and_relative(toks) -> bool:
    """"A partial hysterectomy in which the uterus is removed.": a noun phrase, then a relative
    clause opened by a preposition and "which"/"whom", with the sentence's only verb."""
    if toks[0].tag not in ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP$"):
        return False
    for p, t in enumerate(toks):
        low = t.text.lower()
        prep = t.tag == "IN" and p + 1 < len(toks) and toks[p + 1].text.lower() in ("which", "whom")
        if low in _RELATIVE_OPENERS and t.tag in ("WDT", "WP", "WP$") or prep:
            break
        if t.tag not in _NOUN_PHRASE:
            return False
    else:
        return False
    if p == 0 or not any(t.tag.startswith("NN") for t in toks[:p]):
        return False
    if toks[p].tag != "IN":
        return False  # "who/which/that" clauses: the main verb is too often tagged as a noun
    verbs = [t for k, t in enumerate(toks[p:], p) if t.tag in _FINITE and (t.tag == "MD" or can_be_verb(t.text))
             or t.tag == "VB" and toks[k - 1].tag not in ("TO", "MD") and toks[k - 1].lemma.lower() != "do"]
    return len(verbs) == 1


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."
