"""TR092: a real word written for another word of medicine ("prostrate gland", "bowl movements",
"dental plague"). The pairs and the collocations that give them away are data:
pipeline/rules/data/translation_confusables.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from pipeline import packaged
from pipeline.rules.base import Match, Rule, RuleError

PATH = packaged.rule_data("translation_confusables.yaml")
_FLAGS = re.IGNORECASE


@dataclass(frozen=True)
class Confusable:
    id: str
    pattern: re.Pattern
    right: str
    context: re.Pattern | None
    not_context: re.Pattern | None
    references: tuple[str, ...]


@lru_cache(maxsize=1)
def load() -> tuple[Confusable, ...]:
    """The entries, compiled, or an error naming the file and the entry."""
    try:
        data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
        entries = []
        for raw in data["entries"]:
            where = f"{PATH}: entry {raw.get('id', '?')}"
            try:
                pattern = re.compile(raw["pattern"], _FLAGS)
                context = re.compile(raw["context"], _FLAGS) if "context" in raw else None
                not_context = re.compile(raw["not_context"], _FLAGS) if "not_context" in raw else None
            except re.error as e:
                raise RuleError(f"{where}: not a valid regular expression: {e}") from None
            if not any(g.startswith("w") for g in pattern.groupindex):
                raise RuleError(f"{where}: `pattern` names no group `w` (the wrong word)")
            refs = raw["references"]
            if not refs or not all(isinstance(r, str) and "http" in r for r in refs):
                raise RuleError(f"{where}: `references` must list entries with their URL")
            entries.append(Confusable(str(raw["id"]), pattern, str(raw["right"]), context, not_context,
                                      tuple(refs)))
        return tuple(entries)
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as e:
        raise RuleError(f"{PATH}: {e}") from e


class ConfusedWord(Rule):
    """A real word written for another word of medicine: "prostrate gland", "bowl movements",
    "dental plague", "spinal chord", "loose weight", "difficult to breath".

    What it does
    Matches the entries of pipeline/rules/data/translation_confusables.yaml. Each names a word
    that is spelled right but is not the word meant, and the collocation that gives it away: a
    "prostrate" before "gland" or "cancer", a "bowl" before "movements", "plague" after
    "dental", a "chord" after "spinal", "vocal" or "umbilical", "loose" before "weight", "breath"
    after "to" or "can". An entry may also require a word of context in the sentence ("tights"
    for thighs only beside fat or liposuction) or forbid one ("lay prostrate"). The finding
    names the word meant and its dictionary entry. The list is data: add an entry, not code.

    Why is this bad?
    A spelling checker passes these words, since each is a word. The reader stumbles, or reads
    a different thing: a "prostrate" man lies face down, a "plague" is an epidemic.

    Example
    Brushing removes dental plague, and an enlarged prostrate gland slows the urine.

    Use instead
    Brushing removes dental plaque, and an enlarged prostate gland slows the urine.

    Severity
    Minor: the word meant is usually clear from the context (MQM Fluency/Spelling).

    References
    MQM core typology, Fluency/Spelling: https://themqm.org/error-types-2/typology/
    Each entry of the data file cites the dictionary entry of the word meant.
    """

    code = "TR092"
    name = "confused-word"
    category = "translation"
    severity = "minor"
    mqm_type = "Fluency/Spelling"

    def check(self, ctx):
        entries = load()
        for seg in ctx.segments:
            text = seg.text
            for entry in entries:
                for m in entry.pattern.finditer(text):
                    if entry.context and not entry.context.search(text) or \
                            entry.not_context and entry.not_context.search(text):
                        continue
                    group = next(g for g in entry.pattern.groupindex if g.startswith("w") and m.group(g))
                    wrong = m.group(group)
                    right = entry.right
                    if wrong.lower().endswith("s") and not wrong.lower().endswith(("ous", "ss")) \
                            and not right.endswith("s"):
                        right += "s"  # "varicose vains" -> "veins"
                    right = right.capitalize() if wrong[:1].isupper() else right
                    yield Match(seg.start + m.start(group), seg.start + m.end(group),
                                f'"{wrong}" is not the word meant here ("{m.group().strip()}"): '
                                f'write "{right}".', suggestion=right, confidence=0.85,
                                evidence={"entry": entry.id, "cue": m.group(), "kb_entry": None,
                                          "references": list(entry.references)})
