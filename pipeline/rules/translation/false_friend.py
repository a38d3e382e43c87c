from __future__ import annotations

from pipeline.limits import step
from pipeline.rules.base import Match
from pipeline.rules.translation import procedure_agent
from pipeline.rules.translation.lexicon import DATA, LexiconRule, load_lexicon

FALSE_FRIENDS = DATA / "translation_false_friends.yaml"
# the entry whose explanation and references the parse-based check of the patient as the agent
# of an operation reports (procedure_agent.py); its pattern finds the commonest wordings
AGENT_ENTRY = "do-surgery-for-have"


class FalseFriend(LexiconRule):
    """A false friend of Persian-to-English medical translation ("nervous disorders").

    What it does
    Matches the entries of pipeline/rules/data/translation_false_friends.yaml: each a pattern,
    the context it needs (block kind, words nearby, words that must not be next to it), the
    explanation, a suggestion and references. The list is data: add an entry, not code.
    One entry, `do-surgery-for-have` (the patient "does" or "performs" the operation: Persian
    "amal anjam dadan"), is also found from the dependency parse, whatever the wording ("Do I
    need to perform cosmetic surgery?", "women who performed a hysterectomy", "the doctor tells
    the patient to perform the surgery"): the verb do/perform/carry out, an operation as its
    object and a patient as the one who does it (procedure_agent.py); a phrase that the entry's
    pattern and the parse both find is reported once.

    Why is this bad?
    A Persian medical word often has two English equivalents, one everyday and one clinical
    ("asabi": nervous / neurological; "kamar": waist / lower back); machine translation picks the
    everyday one and the sentence says something else to an English reader.

    Example
    Nervous disorders and waist pain often come together; the desired muscle feels stiff.
    Women who performed a hysterectomy stay in the surgery section for two days.

    Use instead
    Neurological disorders and lower back pain often come together; the muscle in question feels
    stiff.
    Women who had a hysterectomy stay on the surgical ward for two days.

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

    def check(self, ctx):
        found = list(super().check(ctx))
        yield from found
        entry = next((e for e in load_lexicon(ctx.options["data"]) if e.id == AGENT_ENTRY), None)
        if entry is None:  # a project's own lexicon without the entry: no parse-based check
            return
        kb = None
        for seg in ctx.segments:
            if not procedure_agent.candidate(seg):
                continue
            if kb is None and ctx.resources is not None:
                kb = ctx.resources.knowledge
            with step("false-friend parser"):
                hits = list(procedure_agent.find(seg, kb))
            for h in hits:
                if any(m.start < h.end and h.start < m.end for m in found):
                    continue  # the entry's pattern found it already
                quote = ctx.text[h.start:h.end]
                found.append(m := Match(
                    h.start, h.end,
                    f'"{quote}" makes the patient the one who operates. {entry.explanation}',
                    suggestion=h.suggestion,
                    evidence={"entry": entry.id, "source": entry.source, "right": entry.right,
                              "references": entry.references, "found_by": "parse"},
                    confidence=entry.confidence))
                yield m
