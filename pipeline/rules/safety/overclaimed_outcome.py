"""SA008: an outcome promised that medicine cannot give: a lasting mark removed ("eliminates
wrinkles", "gets rid of stretch marks") or harm ruled out ("without any damage to the teeth",
"the hair will never fall out"). The marks and words are data:
pipeline/rules/data/safety_overclaims.yaml."""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule, RuleError
from pipeline.rules.references import read_references

PATH = packaged.rule_data("safety_overclaims.yaml")
NOUN_REACH = 6  # words between a removal verb and the head of its object
FTC = {"title": "FTC: Health Products Compliance Guidance",
       "url": "https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance"}
# a denial or a hedge before the claim: "no treatment removes scars", "may reduce", "cannot be
# removed"; a purpose or condition that makes the harm sentence advice ("so that your skin will
# not be harmed", "if the wound is kept clean, ...")
_DENIED = re.compile(r"\b(?:no|not|never|nothing|cannot|can't|none|neither|nor|unlikely|may|might|could|"
                     r"rarely|seldom|hardly)\b|n't\b", re.I)
_ADVICE = re.compile(r"\b(?:so\s+that|in\s+order|to\s+(?:make\s+sure|ensure|avoid|prevent)|if|unless|when|"
                     r"whenever|as\s+long\s+as|provided|otherwise|until|most|usually|generally|often|rarely)\b", re.I)
# ... but a condition on the practitioner's skill is still a promise ("if a skilled surgeon does the
# injection, this problem won't occur")
_PRACTITIONER = re.compile(r"\b(?:skilled|experienced|expert|qualified|specialist|surgeon|dentist|doctor|physician|"
                           r"practitioner|injector)s?\b", re.I)
_HEDGE_AFTER = re.compile(r"\b(?:temporarily|for\s+(?:a\s+)?(?:few|several|some)|in\s+most|usually|generally|"
                          r"partly|partially)\b", re.I)


@lru_cache(maxsize=1)
def load() -> dict:
    """{"marks": {lemma or two-word phrase: (group, references)}, "face": frozenset,
    "verbs": [word tuples], "harm": regex, "never": regex}, or an error naming the file."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        marks = {}
        for g in data["lasting_marks"]:
            refs = read_references(g["references"], f"group {g['group']!r}")
            for noun in g["nouns"]:
                marks[str(noun).lower()] = (str(g["group"]), refs)
        words = lambda key: sorted((str(w).lower() for w in data[key]), key=len, reverse=True)  # noqa: E731
        verbs = [tuple(v.split()) for v in words("removal_verbs")]
        harm = re.compile(r"\b(?:without\s+(?:any|the\s+(?:slightest|least))|with\s+no)\s+(?:\w+\s+){0,1}?"
                          r"(?:" + "|".join(map(re.escape, words("harm_nouns"))) + r")\b", re.I)
        never = re.compile(r"\b(?:will|would|shall)\s+(?:never|not)\s+(?:be\s+)?(?:"
                           + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words("never_verbs"))
                           + r")\b|\bwon['’]t\s+(?:ever\s+)?(?:be\s+)?(?:"
                           + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words("never_verbs")) + r")\b",
                           re.I)
        return {"marks": marks, "face": frozenset(str(w).lower() for w in data["face_parts"]),
                "verbs": verbs, "harm": harm, "never": never}
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        raise RuleError(f"{PATH}: {e}") from e


class OverclaimedOutcome(Rule):
    """An outcome promised that treatment cannot give: "eliminates wrinkles", "removes acne scars",
    "without any damage to the teeth", "the transplanted hair will never fall out".

    What it does
    Reports two kinds of promise in running text.
    - A lasting mark said to be removed: a verb of removal ("eliminate", "remove", "erase",
      "eradicate", "get rid of"), active or passive, whose object is a mark that treatment can
      soften, lighten or make less visible but not remove: scars, stretch marks, cellulite,
      melasma, wrinkles and facial lines ("the lines between the eyebrows", not "the lines" of a
      drip). Each group of marks carries the reference that says so
      (pipeline/rules/data/safety_overclaims.yaml). Marks that treatment can remove (freckles and
      age spots by laser, moles, tattoos) are not listed.
    - Harm ruled out: "without any damage/harm/complications/risk/scarring", "with no risk", "will
      not be harmed", "will never fall out", "won't occur", "will never come back".
    A sentence that denies or hedges the claim before it ("no cream removes cellulite", "wrinkles
    cannot be removed", "may reduce") passes, and so does a harm sentence that is advice or a
    condition ("wear gloves so that your skin will not be harmed", "if the wound stays clean, the
    infection will not come back") or speaks of most cases ("most patients have no
    complications"). Claims of complete cure, "no side effects" and "100% safe" are SA003's;
    cures within a set time and percentages are SA007's.

    Why is this bad?
    Clinic pages sell procedures with these promises. A reader who expects wrinkles or scars to be
    gone, or no risk at all, consents on false terms and loses trust when the mark stays or a
    complication comes.

    Example
    This laser removes acne scars, and the procedure is done without any damage to the skin.

    Use instead
    This laser can make acne scars less visible; like any procedure, it carries a small risk of
    side effects.

    Severity
    Minor: misleading, but about expectations more than immediate harm (MQM Audience
    appropriateness).

    References
    NHS: Scars: https://www.nhs.uk/conditions/scars/
    NHS: Stretch marks: https://www.nhs.uk/conditions/stretch-marks/
    U.S. FTC, Health Products Compliance Guidance: https://www.ftc.gov/business-guidance/resources/health-products-compliance-guidance
    """

    code = "SA008"
    name = "overclaimed-outcome"
    category = "safety"
    severity = "minor"
    mqm_type = "Audience appropriateness/Unsupported claim"

    def check(self, ctx):
        data = load()
        for seg in ctx.segments:
            if seg.block_kind in ("title", "heading"):
                continue
            found = list(_removals(seg, data)) + list(_guarantees(seg, data))
            for start, end, message, refs, suggestion in sorted(found, key=lambda f: f[0]):
                yield Match(start, end, message, confidence=0.7, suggestion=suggestion,
                            evidence={"cue": seg.text[start - seg.start:end - seg.start], "kb_entry": None,
                                      "references": list(refs)})


def _removals(seg, data):
    """(start, end, message, references, suggestion) for "removes scars" and "wrinkles are
    eliminated"."""
    toks = seg.tokens
    for i, tok in enumerate(toks):
        n = _verb_at(toks, i, data["verbs"])
        if not n:
            continue
        if _DENIED.search(seg.text[:tok.start - seg.start][-60:]) or \
                _HEDGE_AFTER.search(seg.text[toks[i + n - 1].end - seg.start:][:40]):
            continue
        passive = tok.tag == "VBN" and i > 0 and any(
            t.lemma.lower() == "be" for t in toks[max(0, i - 3):i])
        if passive:
            head = _subject_before(toks, i, data)
        elif tok.tag != "VBN" or n > 1:
            head = _object_after(toks, i + n, data)
        else:
            continue
        if head is None:
            continue
        hit = _mark(toks, head, data)
        if hit is None:
            continue
        group, refs = hit
        first, last = (min(head, i), max(head, i + n - 1))
        yield (toks[first].start, toks[last].end,
               f"Promises to remove {group}, which treatment can soften or make less visible but not "
               f"remove: \"{seg.text[toks[first].start - seg.start:toks[last].end - seg.start]}\".",
               refs + (FTC,), "Say what the treatment can do: soften, lighten or make less visible.")


def _verb_at(toks, i: int, verbs) -> int:
    """How many tokens from toks[i] spell a removal verb ("removes" 1, "get rid of" 3), or 0."""
    for words in verbs:
        if len(words) == 1:
            # any tag: the tagger reads "eliminates" in "Mesotherapy eliminates cellulite" as a noun
            if toks[i].lemma.lower() == words[0]:
                return 1
        elif toks[i].lemma.lower() == words[0] and i + len(words) <= len(toks) and all(
                toks[i + k].text.lower() == w for k, w in enumerate(words[1:], start=1)):
            return len(words)
    return 0


def _object_after(toks, j: int, data):
    """The index of the head noun of the noun phrase from toks[j] (the last noun of its first run
    of determiners, adjectives and nouns: "the deep acne scars" -> "scars"), or None. A listed
    mark counts as a noun whatever its tag ("cellulite" read as a verb)."""
    head = None
    for k in range(j, min(len(toks), j + NOUN_REACH)):
        t = toks[k]
        if t.tag.startswith("NN") or t.lemma.lower() in data["marks"] or t.text.lower() in data["marks"]:
            head = k
        elif t.tag in ("DT", "PRP$", "JJ", "JJR", "JJS", "CD", "HYPH", "POS", "VBN", "VBG", "RB") and head is None:
            continue
        else:
            break
    return head


def _subject_before(toks, i: int, data):
    """The index of the mark that heads the subject of a passive verb at toks[i] ("Wrinkles and
    sagging are removed", "Deep scars on the face are eliminated"), or None: the words before
    the verb's "be", back to a comma, a verb or the start, through one prepositional phrase."""
    k = i - 1
    while k >= 0 and (toks[k].lemma.lower() == "be" or toks[k].tag in ("RB", "MD")):
        k -= 1
    for j in range(k, max(-1, k - NOUN_REACH - 2), -1):
        t = toks[j]
        if t.tag in (",", ":", ".") or t.tag.startswith("VB") and t.lemma.lower() not in data["marks"] \
                and t.tag != "VBG":
            return None
        if _mark(toks, j, data):
            return j
    return None


def _mark(toks, k: int, data):
    """(group, references) when the noun at toks[k] names a lasting mark, else None."""
    tok = toks[k]
    lemma = tok.lemma.lower()
    if tok.tag.startswith("NNP") and tok.text.lower().endswith("s"):
        lemma = tok.text.lower()[:-1]  # "Wrinkles" opening a sentence, read as a name
    marks = data["marks"]
    if k > 0 and f"{toks[k - 1].text.lower()} {lemma}" in marks:
        return marks[f"{toks[k - 1].text.lower()} {lemma}"]
    if lemma in marks:
        return marks[lemma]
    if lemma == "line" and tok.text.lower() == "lines":
        nxt = [t.text.lower() for t in toks[k + 1:k + 4]]
        if nxt[:1] and nxt[0] in ("between", "around", "on", "of", "across") and \
                any(w in data["face"] for w in nxt[1:]):
            return marks["wrinkle"]
    return None


def _guarantees(seg, data):
    """(start, end, message, references, suggestion) for "without any damage" and "will never
    fall out"."""
    text = seg.text
    advice = _ADVICE.search(text)
    if advice and not (advice.group().lower() in ("if", "when", "as long as", "provided")
                       and _PRACTITIONER.search(text)):
        return
    for pattern, what in ((data["harm"], "Rules out any harm or complication"),
                          (data["never"], "Promises that a problem will never happen")):
        for m in pattern.finditer(text):
            if _DENIED.search(text[:m.start()][-30:]) and not m.group().lower().startswith(("will", "won", "would", "shall")):
                continue
            yield (seg.start + m.start(), seg.start + m.end(),
                   f"{what}: \"{m.group()}\". No procedure is free of risk; say how likely the problem "
                   f"is instead.", (FTC,), "Say how rare the problem is and what is done if it happens.")
