from __future__ import annotations

from pipeline.rules.translation.lexicon import DATA, LexiconRule

FALSE_FRIENDS = DATA / "translation_false_friends.yaml"


class FalseFriend(LexiconRule):
    """A false friend of Persian-to-English medical translation ("nervous disorders").

    What it does
    Matches the entries of pipeline/rules/data/translation_false_friends.yaml: each a pattern,
    the context it needs (block kind, words nearby, words that must not be next to it), the
    explanation, a suggestion and references. The list is data: add an entry, not code.

    Why is this bad?
    A Persian medical word often has two English equivalents, one everyday and one clinical
    ("asabi": nervous / neurological; "kamar": waist / lower back); machine translation picks the
    everyday one and the sentence says something else to an English reader.

    Example
    Nervous disorders and waist pain often come together; the desired muscle feels stiff.

    Use instead
    Neurological disorders and lower back pain often come together; the muscle in question feels
    stiff.

    Severity
    Minor: a wrong term that a reader can often decode (MQM Terminology/Wrong term).

    References
    MQM core typology, Terminology: https://themqm.org/error-types-2/typology/
    Each entry of the data file cites its own dictionary or MeSH reference.
    """

    code = "TR010"
    name = "false-friend"
    category = "translation"
    severity = "minor"
    mqm_type = "Terminology/Wrong term"
    options = {"data": str(FALSE_FRIENDS)}
