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
    Also, after a main clause, a comma before a linking adverb that opens a second sentence
    ("..., therefore, do not expose it", "..., otherwise, you may fall", "..., however the
    swelling lasts"; an aside inside one clause, "No one can, however, pass", passes), and a
    comma before "please" and an imperative or before a noun phrase and its verb ("..., its
    normal value is", "..., both tests are"), unless the first clause is short and parallel,
    or the clauses run on to "and" or "or" (a series: "Riots were suppressed, cities were
    supplied and prices rose").

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
                if len(before) < 3:
                    continue
                linked = _linked_splice(toks, k, before)
                if linked is not None:  # "..., therefore, do not ...": whatever comes before
                    yield _splice(ctx, tok, toks, *linked)
                    start = k + 1
                    continue
                if not any(t.tag in _FINITE for t in before) or \
                        _dependent(before) or _not_only(before):
                    continue
                subject = toks[k + 1]
                if subject.text.lower() not in _SUBJECTS or subject.tag not in ("PRP", "DT", "EX"):
                    found = _other_splice(toks, k, before)
                    if found is not None:
                        yield _splice(ctx, tok, toks, *found)
                        start = k + 1
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


def _splice(ctx, comma, toks, end: int, what: str) -> Match:
    """The finding of a comma splice from `comma` to the verb toks[end] of the second sentence,
    whose opening words are `what`."""
    return Match(comma.start, toks[end].end,
                 f'A comma joins two sentences before "{what}": end the first with a full stop '
                 f'or a semicolon.', suggestion=";" + ctx.text[comma.end:toks[end].end],
                 evidence={"next": what}, confidence=0.6)


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


# adverbs that link two sentences ("..., therefore, do not ..."): after a comma they open a new
# sentence; those of _STRONG do so even without a comma after them ("..., however the swelling
# lasts")
_LINKING = ("however", "therefore", "thus", "hence", "consequently", "moreover", "furthermore",
            "nevertheless", "nonetheless", "otherwise", "besides", "meanwhile", "also",
            "for example", "for instance", "in addition", "as a result", "in this case",
            "in other words", "on the other hand", "in fact")
_STRONG = frozenset(("however", "therefore", "thus", "hence", "consequently", "moreover",
                     "furthermore", "nevertheless", "nonetheless"))
_NOUN_OPENERS = frozenset(("its", "their", "his", "her", "our", "your", "my", "the", "both",
                           "each", "every", "all", "most", "some"))
_NP = ("JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "DT", "PRP$", "HYPH", "VBN", "VBG")


def _main_clause(before) -> bool:
    """Whether the words before the comma open with a main clause: a subject and a finite verb,
    or an imperative, not a subordinate clause or an opening phrase."""
    first = next((t for t in before if t.tag not in ("CC", "UH")), None)
    if first is None or first.text.lower() in _DEPENDENT or first.text.lower() in _MAYBE_DEPENDENT \
            or first.tag in ("IN", "TO", "WDT", "WP", "WRB", "VBG", "VBN", "MD", "VBD", "VBZ",
                             "VBP") \
            or any(t.text in ("(", ")", "-", "\u2013", "\u2014") for t in before):
        return False  # a subordinate clause, an opening phrase, an inverted condition ("Was
        # there bread, ..."), a parenthesis or a dash
    second = before[before.index(first) + 1] if before.index(first) + 1 < len(before) else None
    if first.text.lower() == "the" and second is not None and second.tag in ("JJR", "RBR"):
        return False  # "The more positive he becomes, the ...": a comparative correlative
    return first.tag == "VB" or any(t.tag in _FINITE for t in before)


def _series(toks, v: int) -> bool:
    """Whether the clause of the verb toks[v] is followed by "and" or "or" and another clause: a
    series of clauses ("Riots were suppressed, cities were supplied, and prices rose"), which
    English joins so."""
    for j in range(v + 1, len(toks) - 1):
        if toks[j].text in ("(", ";", ":"):
            return False  # a new clause of another kind starts: the series has ended
        if toks[j].text.lower() in ("and", "or") and \
                any(t.tag in _FINITE for t in toks[j + 1:j + 8]):
            return True
    return False


def _clause_at(toks, v: int) -> int | None:
    """The index of the finite verb of a clause that starts at toks[v] (a noun phrase of up to
    five words and its verb, or an imperative: "do not expose", "please leave"), or None."""
    if v >= len(toks):
        return None
    low = toks[v].text.lower()
    if low == "please" and v + 1 < len(toks) and toks[v + 1].tag == "VB":
        return v + 1
    if toks[v].tag == "VB" or low == "do" and v + 1 < len(toks) and \
            toks[v + 1].text.lower() in ("not", "n't"):
        return v
    if (toks[v].tag == "PRP" or low == "one") and v + 1 < len(toks) and \
            toks[v + 1].tag in _FINITE:
        return v + 1  # "..., one is type A"
    if low not in _NOUN_OPENERS and toks[v].tag not in ("NN", "NNS"):
        return None
    j = v + 1
    while j < len(toks) and j - v <= 5 and toks[j].tag in _NP:
        j += 1
    if j < len(toks) and j > v and toks[j].tag in _FINITE and \
            any(t.tag in ("NN", "NNS", "NNP", "NNPS") for t in toks[v:j]):
        return j
    return None


def _linked_splice(toks, k: int, before):
    """(index of the verb, the adverb) when a linking adverb after the comma opens a second
    sentence ("..., therefore, do not", "..., otherwise, you may", "..., however the swelling
    lasts") after a main clause (a subordinate clause may end it, "Ask for help when you get up,
    otherwise, you may fall", and opening phrases may come first, "In the first days, ask for
    help, otherwise, ..."); else None."""
    words = [t.text.lower() for t in toks]
    for phrase in _LINKING:
        n = len(phrase.split())
        if words[k + 1:k + 1 + n] != phrase.split():
            continue
        v = k + 1 + n
        comma = v < len(toks) and toks[v].text == ","
        commas = [j for j, t in enumerate(before) if t.text == ","]
        last = before[commas[-1] + 1:] if commas else before
        if not comma and phrase not in _STRONG or \
                not (_main_clause(before) or len(last) >= 2 and _main_clause(last)) or \
                before[-1].tag == "MD" or before[-1].text.lower() in ("not", "n't") or \
                before[-1].lemma.lower() in ("be", "have", "do"):
            return None  # "No Parliament can, however, pass laws": an aside inside a clause
        verb = _clause_at(toks, v + comma)
        return (verb, " ".join(t.text for t in toks[k + 1:k + 1 + n])) if verb is not None \
            else None
    return None


def _other_splice(toks, k: int, before):
    """(index of the verb, words named) of a comma splice whose second sentence opens with
    neither a subject pronoun nor a linking adverb: an imperative ("..., please leave") or a
    noun phrase and its verb ("..., its normal value is", "..., both tests are"); None when
    the words before the comma are not a main clause."""
    if not _main_clause(before) or len(before) < MAX_PARALLEL:
        return None  # "The guy has a guess, the girl has a point": short parallel clauses
    verb = _clause_at(toks, k + 1)
    if verb is not None and _series(toks, verb):
        return None
    if verb is None or toks[k + 1].tag == "PRP":
        return None
    if toks[k + 1].text.lower() not in ("please", "do") and toks[k + 1].tag == "VB":
        return None  # "..., take the tablets": a list of instructions may be comma-joined
    if sum(t.text.isalpha() for t in toks[verb + 1:]) < 2:
        return None  # "..., the surgeon said": a reporting clause
    return verb, " ".join(t.text for t in toks[k + 1:verb + 1])
