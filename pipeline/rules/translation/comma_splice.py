from __future__ import annotations

from pipeline.rules.base import Match, Rule

_FINITE = ("VBZ", "VBP", "VBD", "MD")
_SUBJECTS = frozenset(("it", "they", "he", "she", "we", "you", "i", "this", "these", "there"))
# words that make the clause before the comma dependent or set off a parenthesis: then the
# comma is English ("If it hurts, it is normal", "The pain, it seems, ...")
_DEPENDENT = frozenset("""if when whenever because although though unless whether whereas
    wherever which who whom whose what where how why that while once""".split())
# words that are prepositions too ("normal after surgery"): dependent only before a verb
_MAYBE_DEPENDENT = frozenset("since as after before until till so than like only".split())
_REPORTING = frozenset("""say says said explain explains explained add adds added note notes noted
    think thinks thought believe believes believed seem seems seemed hope hopes hoped
    know knows knew guess suppose""".split())
_SKIPPED = ("RB", "RBR", "RBS")  # "it usually goes away"


class CommaSplice(Rule):
    """Two sentences joined by a comma: "The swelling is normal after surgery, it goes away in
    two weeks."

    What it does
    Finds, in running text, a comma followed by a subject pronoun ("it", "they", "he", "she",
    "we", "you", "this", "these", "there") and its finite verb, where the words before the comma,
    from the start of the sentence (or the last semicolon or colon), are a whole clause of their
    own: they have a finite verb, and no word that makes them dependent ("if", "when",
    "because", "although", "which", "that" ...). What English joins with a comma passes: a
    dependent clause first ("If it hurts, it is normal"), a conjunction after the comma ("...,
    but it never disappears"), a parenthesis ("The pain, it seems, is worse"), a reporting
    clause ("The results were good, he said"), an opening phrase ("In addition to the beds it
    has, it ..."), parallel clauses with one subject ("You sow an act, you reap the habit") and
    "not only ..., it is also".

    Why is this bad?
    Persian chains main clauses with a comma (and the "va" it often drops), and machine
    translation keeps the comma; in English a comma cannot join two sentences, so the reader
    looks for a list or a parenthesis that is not there.

    Example
    The swelling is normal after surgery, it goes away in two weeks.

    Use instead
    The swelling is normal after surgery; it goes away in two weeks.

    Severity
    Minor: the meaning is clear (MQM Fluency/Punctuation).

    References
    The Chicago Manual of Style, 17th ed., 6.22 (comma splice): https://www.chicagomanualofstyle.org/book/ed17/part2/ch06/psec022.html
    Purdue OWL, Comma splices: https://owl.purdue.edu/owl/general_writing/mechanics/run_ons_and_comma_splices.html
    MQM core typology, Fluency/Punctuation: https://themqm.org/error-types-2/typology/
    """

    code = "TR069"
    name = "comma-splice"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Punctuation"

    def check(self, ctx):
        for seg in ctx.segments:
            if seg.block_kind not in ("paragraph", "list_item"):
                continue
            toks = seg.tokens
            start = 0
            for k, tok in enumerate(toks):
                if tok.text in (";", ":"):
                    start = k + 1
                    continue
                if tok.text != "," or k + 2 >= len(toks):
                    continue
                before = toks[start:k]
                if len(before) < 3 or not any(t.tag in _FINITE for t in before) or \
                        _dependent(before) or _not_only(before):
                    continue
                subject = toks[k + 1]
                if subject.text.lower() not in _SUBJECTS or subject.tag not in ("PRP", "DT", "EX"):
                    continue
                lead = next((t for t in before if t.tag not in ("CC", "RB", "UH")), before[0])
                if lead.tag in ("IN", "TO", "MD", "VBG", "VBN") or \
                        lead.text.lower() == subject.text.lower() and (
                            len(before) <= MAX_PARALLEL or
                            any(t.text.lower() in ("not", "n't", "n\u2019t") for t in before)):
                    continue  # an opening phrase ("In addition to the slaves he inherited,"),
                    # an inverted condition ("Should you go, you will"), parallel clauses with
                    # one subject ("You sow an act, you reap the habit")
                v = k + 2
                while v < len(toks) and toks[v].tag in _SKIPPED:
                    v += 1
                if v >= len(toks) or toks[v].tag not in _FINITE or \
                        toks[v].text.lower() in _REPORTING or \
                        sum(t.text.isalpha() for t in toks[v + 1:]) < 2:
                    continue  # "..., he said.": a reporting clause
                yield Match(tok.start, toks[v].end,
                            f'A comma joins two sentences before "{subject.text} '
                            f'{toks[v].text}": end the first with a full stop or a semicolon, '
                            f'or join them with "and".',
                            suggestion=";" + ctx.text[tok.end:toks[v].end],
                            evidence={"subject": subject.text.lower(), "verb": toks[v].text},
                            confidence=0.6)
                start = k + 1


# "You sow an act, you reap the habit", "It's not a cure, it's a habit": short or contrasting
# parallel clauses with one subject
MAX_PARALLEL = 6


def _dependent(before) -> bool:
    """Whether the words before the comma are not a main clause of their own: a subordinator,
    a relative word, a parenthesis or an earlier comma among them."""
    for j, t in enumerate(before):
        low = t.text.lower()
        if low in _DEPENDENT or t.tag in ("WDT", "WP", "WP$", "WRB") or \
                t.text in (",", "(", ")", '"', "\u2014", "\u2013"):
            return True
        if low in _MAYBE_DEPENDENT and any(u.tag in _FINITE for u in before[j + 1:]):
            return True
    return False


def _not_only(before) -> bool:
    words = [t.text.lower() for t in before]
    return any(a == "not" and b == "only" for a, b in zip(words, words[1:]))
