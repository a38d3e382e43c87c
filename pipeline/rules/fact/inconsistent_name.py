from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from pipeline.rules.base import Match, Rule

_NAME = re.compile(r"\b(?P<title>Dr\.?|Doctor|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?)\s+"
                   r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})")


class InconsistentName(Rule):
    """The same person is spelled two ways in one article: "Dr. Sara Karimi" / "Dr. Sarah Karimi".

    What it does
    Collects titled names (Dr., Doctor, Prof., Mr., Mrs., Ms. followed by capitalised words). Two
    names with the same number of words that differ in exactly one word, where the two spellings
    are close (rapidfuzz ratio at or above `min_similarity`), are one person spelled twice; every
    occurrence of the less frequent spelling (the later one on a tie) is reported, with the other
    spelling as the suggestion. "Dr. Karimi" next to "Dr. Sara Karimi" is a short form and passes.

    Why is this bad?
    Readers cannot tell whether two people are meant, and a clinician's name spelled wrongly
    cannot be found in a registry.

    Example
    Dr. Anna Karimi ... Book a visit with Dr. Ana Karimi.

    Use instead
    Dr. Anna Karimi ... Book a visit with Dr. Anna Karimi.

    Severity
    Minor: an inconsistency the reader can usually resolve; it does not change medical content.

    References
    MQM typology, Accuracy/Inconsistency: https://themqm.org/error-types-2/typology/
    """

    code = "FA006"
    name = "inconsistent-name"
    category = "fact"
    severity = "minor"
    mqm_type = "Accuracy/Inconsistency"
    options = {"min_similarity": 70}

    def check(self, ctx):
        found = [(m.start("name"), m.end("name"), m.group("name")) for m in _NAME.finditer(ctx.text)]
        counts = Counter(n for _, _, n in found)
        first = {}
        for s, _, n in found:
            first.setdefault(n, s)
        for name in counts:
            words = name.split()
            for other in counts:
                ow = other.split()
                if other == name or len(ow) != len(words):
                    continue
                diff = [(a, b) for a, b in zip(words, ow) if a != b]
                if len(diff) != 1 or fuzz.ratio(*diff[0]) < ctx.options["min_similarity"]:
                    continue
                if (counts[name], -first[name]) > (counts[other], -first[other]):
                    continue  # `name` is the preferred spelling
                for s, e, n in found:
                    if n == name:
                        yield Match(s, e, f'"{name}" is spelled "{other}" elsewhere in this article.',
                                    suggestion=other, confidence=0.8,
                                    evidence={"variants": {name: counts[name], other: counts[other]},
                                              "kb_entry": None, "references": []})
