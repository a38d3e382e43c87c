"""One defect, one finding: findings of rules that report the same defect on the same span are
merged by the precedence table `pipeline/rules/data/precedence.yaml` (data, validated at load).
The finding of the more specific rule stays; each absorbed finding is attached to it under
`evidence.related` (rule, severity, message, span, fingerprint) and no longer counts on its own,
so the MQM penalty counts the defect once. Runs after the quality score (which reads every
finding) in `pipeline.detect.detect`."""
from __future__ import annotations

from functools import lru_cache

import jsonschema
import yaml

from pipeline import packaged
from pipeline.model import Finding

PRECEDENCE = "precedence.yaml"
SCHEMA = {
    "type": "array",
    "items": {"type": "object", "additionalProperties": False, "required": ["keep", "over", "why"],
              "properties": {"keep": {"$ref": "#/$defs/codes"}, "over": {"$ref": "#/$defs/codes"},
                             "overlap": {"type": "boolean"},
                             "why": {"type": "string", "minLength": 1}}},
    "$defs": {"codes": {"type": "array", "minItems": 1, "uniqueItems": True,
                        "items": {"type": "string", "pattern": "^[A-Z]{2}[0-9]{3}$"}}},
}


@lru_cache(maxsize=1)
def precedence() -> dict[str, frozenset[str]]:
    """{absorbed rule: the rules that absorb it}."""
    return _tables()[0]


@lru_cache(maxsize=1)
def overlapping() -> frozenset[tuple[str, str]]:
    """The (absorbed, absorbing) pairs of entries with `overlap: true`: the absorbed finding
    need only overlap the other's span, not lie within it (a span of improbable word order
    around a specific grammar error)."""
    return _tables()[1]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], frozenset[tuple[str, str]]]:
    path = packaged.rule_data(PRECEDENCE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError as e:
        raise ValueError(f"{path}: entry {list(e.absolute_path)}: {e.message}") from e
    out: dict[str, set[str]] = {}
    loose: set[tuple[str, str]] = set()
    for entry in data:
        for code in entry["over"]:
            if code in entry["keep"]:
                raise ValueError(f"{path}: {code} cannot take precedence over itself")
            out.setdefault(code, set()).update(entry["keep"])
            if entry.get("overlap"):
                loose.update((code, keeper) for keeper in entry["keep"])
    return {k: frozenset(v) for k, v in out.items()}, frozenset(loose)


def merge(findings: list[Finding], table: dict[str, frozenset[str]] | None = None,
          loose: frozenset[tuple[str, str]] | None = None) -> list[Finding]:
    """`findings` with each absorbed finding moved into the `evidence.related` of the finding that
    absorbs it (the first in sort order when several could); order otherwise kept."""
    if table is None:
        table, loose = precedence(), overlapping()
    loose = loose or frozenset()
    by_article: dict[str, list[Finding]] = {}
    for f in findings:
        by_article.setdefault(f.article_id, []).append(f)
    absorbed: set[int] = set()
    for f in findings:
        keepers = table.get(f.rule_id)
        if not keepers:
            continue
        host = next((k for k in by_article[f.article_id] if k.rule_id in keepers and id(k) not in absorbed
                     and (k.start <= f.start and f.end <= k.end or (f.rule_id, k.rule_id) in loose
                          and k.start < f.end and f.start < k.end)), None)
        if host is None:
            continue
        host.evidence = {**host.evidence, "related": [*host.evidence.get("related", []), {
            "rule_id": f.rule_id, "rule_name": f.rule_name, "severity": f.severity,
            "message": f.message, "start": f.start, "end": f.end, "text": f.text,
            "fingerprint": f.fingerprint}]}
        absorbed.add(id(f))
    return [f for f in findings if id(f) not in absorbed]
