from __future__ import annotations

from functools import lru_cache

from pipeline import packaged
from pipeline.article_need.model import regular_plural
from pipeline.article_need.phrases import running_text
from pipeline.rules.base import Match, Rule, RuleError
from pipeline.rules.translation.clauses import can_be_noun, can_be_verb

_SENTENCE_END = (".", "!", "?")
# "other" + a singular noun: reported when the noun is a count noun, i.e. seen at least
# OTHER_MIN_SEEN times outside set phrases and bare at most OTHER_MAX_BARE of them, with a
# plural at least 10 ** OTHER_MIN_PLURAL_SHARE as common as the singular in wordfreq's English
OTHER_MIN_SEEN, OTHER_MAX_BARE, OTHER_MIN_PLURAL_SHARE = 5, 0.08, -0.8
_OBJECT_START = ("DT", "PRP$", "PRP", "CD", "JJ", "NNS", "RB")


def _judged(seg) -> bool:
    """Running text only: paragraphs, and list items that are whole sentences; never a
    heading or a title-like fragment (pipeline/article_need/phrases.py `running_text`)."""
    toks = seg.tokens
    if seg.block_kind not in ("paragraph", "list_item") or not toks:
        return False
    if seg.block_kind == "list_item" and toks[-1].text not in _SENTENCE_END:
        return False
    return running_text([t.text for t in toks], [t.tag for t in toks])


def _imperative_or_vocative(toks, first: int, head: int) -> bool:
    """A sentence-opening "noun" that is a verb the tagger misread ("Check blood sugar daily",
    "Rest the leg"), or a vocative ("Doctor, ...")."""
    nxt = toks[head + 1] if head + 1 < len(toks) else None
    if nxt is not None and nxt.text == ",":
        return True
    return first == head and can_be_verb(toks[head].text) and nxt is not None and \
        (nxt.tag in _OBJECT_START or nxt.tag == "NN" or nxt.tag == "IN"
         and nxt.text.lower() != "of")  # "Effect of Botox is ...": a noun with its of-phrase


def _article(phrase: str) -> str:
    low = phrase.lower()
    vowel = low[:1] in "aeiou" and not low.startswith(("uni", "use", "usu", "eu", "one", "uro"))
    return "an" if vowel or low.startswith(("hour", "honest", "honour", "honor")) else "a"


def _suggest(phrase: str) -> str:
    """"a/the new branch"; "such a brilliant record" (never "the such")."""
    head, _, rest = phrase.partition(" ")
    if head.lower() == "such" and rest:
        return f"{head} {_article(rest)} {rest}"
    return f"{_article(phrase)}/the {phrase}"


@lru_cache(maxsize=1)
def _idioms() -> dict[str, frozenset[str]]:
    """Verb-noun idioms with a bare noun (pipeline/rules/data/bare_noun_idioms.yaml): a
    mapping of lower-case verb lemmas to lists of lower-case nouns, or an error naming the file."""
    import yaml

    path = packaged.rule_data("bare_noun_idioms.yaml")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RuleError(f"{path}: {e}") from e
    if not isinstance(data, dict) or not all(
            isinstance(v, str) and v.islower() and isinstance(ns, list)
            and all(isinstance(n, str) and n.islower() for n in ns) for v, ns in data.items()):
        raise RuleError(f"{path}: must map lower-case verbs to lists of lower-case nouns")
    return {verb: frozenset(nouns) for verb, nouns in data.items()}


# adjectives that count, and so stand without "the": "one of many reasons", "one of several"
_QUANTITY_ADJECTIVES = {"many", "several", "few", "numerous", "countless", "various", "multiple",
                        "other", "such", "two", "three", "four", "five"}
_PARTITIVES = {"most", "many", "some", "all", "each", "one", "none", "both", "several", "few",
               "any", "two", "three", "four", "five"}


def _part_of_bare_plural(toks):
    """"most of patients": a part of a group names the group with a determiner ("most of the
    patients") or drops "of" ("most patients")."""
    for i in range(len(toks) - 2):
        q, of = toks[i], toks[i + 1]
        k = i + 2  # "one of major causes": adjectives may stand before the plural
        while k < len(toks) - 1 and toks[k].tag in ("JJ", "JJS") and toks[k].text.islower() and \
                toks[k].text.lower() not in _QUANTITY_ADJECTIVES:
            k += 1
        noun = toks[k]
        if q.text.lower() not in _PARTITIVES or of.text.lower() != "of" or noun.tag != "NNS" \
                or not noun.text.isalpha() or not noun.text.islower():
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and (nxt.tag in ("POS", "NNP") or nxt.text in ("'", "’")):
            continue  # "most of patients' files" is rare; a name after it is a title
        q_text = q.text
        group = " ".join(t.text for t in toks[i + 2:k + 1])
        general = "" if q_text.lower() == "one" else \
            f' (or "{q_text.lower()} {group}" for the group in general)'
        yield Match(q.start, noun.end,
                    f'"{q_text} of {group}" needs a determiner: "{q_text} of the '
                    f'{group}"{general}.',
                    suggestion=f"{q_text} of the {group}",
                    evidence={"partitive": q_text.lower(), "noun": noun.text}, confidence=0.75)


def _from_to_span(toks, first: int, head: int) -> bool:
    """Either end of a "from X to Y" span of bare nouns: "from head to toe", "from mouth to
    stomach" (English drops the articles there)."""
    def word(k):
        return toks[k].text.lower() if 0 <= k < len(toks) else ""
    return (word(first - 1) == "from" and word(head + 1) == "to"
            and head + 2 < len(toks) and toks[head + 2].tag.startswith("NN")) or \
        (word(first - 1) == "to" and word(first - 3) == "from" and toks[first - 2].tag.startswith("NN"))


_TIME_PAIRS = {"day", "night", "morning", "evening", "week", "month", "year", "noon"}


def _binomial(toks, np) -> bool:
    """"day and night", "morning and evening": two bare nouns of time joined by "and"/"or"."""
    words = [t.text.lower() for t in toks]
    h = np.head
    if np.lemma not in _TIME_PAIRS:
        return False
    return (h + 2 < len(toks) and words[h + 1] in ("and", "or") and words[h + 2] in _TIME_PAIRS) \
        or (np.first >= 2 and words[np.first - 1] in ("and", "or") and words[np.first - 2] in _TIME_PAIRS)


def _verb_after_plural(toks, np) -> bool:
    """A one-word "noun" right after a plural noun that can be the verb of that subject:
    "Gallstones form in the gallbladder" ("form" read as a noun). (A plural the tagger read as
    a verb, "Kidney stones/VBZ form", is not told from "the doctor makes plan".)"""
    if np.first != np.head or np.first == 0 or not can_be_verb(toks[np.head].text.lower()):
        return False
    prev = toks[np.first - 1]
    return prev.tag == "NNS" and can_be_noun(prev.text.lower())


def _count_noun(model, vocabulary, lemma: str) -> bool:
    det, bare = model.open_counts(lemma)
    if det + bare < OTHER_MIN_SEEN or bare > OTHER_MAX_BARE * (det + bare):
        return False
    singular = vocabulary.frequencies.get(lemma, 0.0)
    plural = vocabulary.frequencies.get(regular_plural(lemma), 0.0)
    return singular > 0 and plural >= singular * 10 ** OTHER_MIN_PLURAL_SHARE


def _other_singular(ctx, model, toks, np) -> Match | None:
    """"to other place": "other" with no determiner before a singular count noun."""
    if not _count_noun(model, ctx.resources.vocabulary, np.lemma):
        return None
    start, end = toks[np.first].start, toks[np.head].end
    phrase = ctx.text[start:end]
    rest = ctx.text[toks[np.first].end:end].strip()
    another = ("Another " if phrase[0].isupper() else "another ") + rest
    return Match(start, end,
                 f'"{phrase}" needs a determiner: "other" with a singular count noun is '
                 f'"another {rest}", "the other {rest}", or a plural ("other '
                 f'{regular_plural(np.lemma)}").',
                 suggestion=another, evidence={"noun": np.lemma, "determiner": "other"},
                 confidence=0.7)


class MissingArticle(Rule):
    """A singular count noun standing bare where correct English almost always gives it an
    article: "Patient should rest for week after operation".

    What it does
    Finds singular common-noun phrases with no article, possessive, number or quantifier ("for
    week", "makes plan", "There is experienced team") in running text, at the start of a
    sentence or governed by a preposition or a verb, and looks their noun up in counts learned
    from correct English (pipeline/rules/data/article_need.json.gz: 28,000 human post-edited
    sentences of MLQE-PE, about 500 lines of correct clinic English written for the project and
    the 16,454 definitions of the Human Phenotype Ontology shipped with the package, tagged by
    the pipeline's own model; rebuilt by training/train_article_model.py). A phrase
    is reported when its noun was seen at least 10 times and is almost never bare, overall and
    after the same preposition or verb (smoothed rates; pipeline/article_need/model.py); a noun
    heading a compound ("muscle function") is judged on its counts as a compound head. What correct English
    uses bare passes: mass nouns ("treatment", "pain", "surgery"), set phrases ("at home", "in
    hospital", "by mouth", "take place", "in practice"), rates ("per day"), labels ("room 4",
    "type 2"), repeated nouns ("step by step"), phrases after "and"/"or" or a comma that may
    share a determiner ("the doctor and nurse"), names and capitalised words, abbreviations,
    words in brackets or quotes, vocatives, headings, list fragments and title-like lines.
    A noun the counts do not know well enough is never reported (unknown is not wrong).
    A part of a group named by a bare plural ("most of patients", "many of women", "one of major
    causes") needs "the"; counting adjectives ("one of many reasons") pass.
    "Other" with no determiner before a singular noun ("referred to other hospital") is
    reported when the noun is a count noun: seen often outside set phrases and almost never
    bare there, with a common plural in wordfreq's English; the suggestion is "another".

    Why is this bad?
    Persian has no definite article, and machine translation from Persian drops "a" and "the"
    constantly; the text reads as a telegram, and a reader cannot tell "a" from "the" (one
    graft or the graft already named).

    Example
    Hair follicles are moved from donor area to the bald patch, and doctor makes plan.

    Use instead
    Hair follicles are moved from the donor area to the bald patch, and the doctor makes a
    plan.

    Severity
    Minor: the meaning is clear (MQM Fluency/Grammar). The confidence is the share of uses
    the counts say take a determiner; a rare correct bare use can still be reported, so the
    finding suggests, it does not assert.

    References
    Cambridge Dictionary, articles and countable nouns: https://dictionary.cambridge.org/grammar/british-grammar/nouns-countable-and-uncountable
    Quirk et al., A Comprehensive Grammar of the English Language (1985), 5.26-5.52 (zero article)
    MLQE-PE: Fomicheva et al. (2020), https://arxiv.org/abs/2010.04480
    MQM core typology, Fluency/Grammar: https://themqm.org/error-types-2/typology/
    """

    code = "TR070"
    name = "missing-article"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Grammar"

    def check(self, ctx):
        from pipeline.article_need import load, noun_phrases

        model = load()
        for seg in ctx.segments:
            if not _judged(seg):
                continue
            toks = seg.tokens
            yield from _part_of_bare_plural(toks)
            phrases = noun_phrases([t.text for t in toks], [t.tag for t in toks],
                                   [t.lemma for t in toks])
            for np in phrases:
                if not np.bare or (np.slot == "^" and
                                   _imperative_or_vocative(toks, np.first, np.head)):
                    continue
                if toks[np.first].text.lower() == "other" and np.head > np.first:
                    found = _other_singular(ctx, model, toks, np)
                    if found is not None:
                        yield found
                    continue
                if _from_to_span(toks, np.first, np.head) or _binomial(toks, np) or \
                        _verb_after_plural(toks, np):
                    continue
                verdict = model.judge(np.lemma, np.slot, np.compound)
                if verdict is None or not verdict.flag:
                    continue
                if np.lemma in _idioms().get(np.slot.removeprefix("v:"), ()):
                    continue  # a verb-noun idiom the counts lack ("take effect", "give birth")
                start, end = toks[np.first].start, toks[np.head].end
                phrase = ctx.text[start:end]
                shown = phrase[0].lower() + phrase[1:] if np.first == 0 else phrase
                where = "at the start of a sentence" if np.slot == "^" else \
                    f'after "{np.slot.removeprefix("v:").replace("there-be", "there is")}"'
                yield Match(
                    start, end,
                    f'"{phrase}" needs an article or another determiner: in correct English '
                    f'"{np.lemma}" stands bare in {verdict.seen_bare} of {verdict.seen} uses '
                    f'({verdict.slot_bare} of {verdict.slot_seen} {where}).',
                    suggestion=_suggest(shown),
                    evidence={"noun": np.lemma, "slot": np.slot, "seen": verdict.seen,
                              "seen_bare": verdict.seen_bare, "slot_seen": verdict.slot_seen,
                              "slot_bare": verdict.slot_bare, "bare_rate": verdict.rate},
                    confidence=round(min(0.9, 1 - verdict.rate) * 0.8, 3))
