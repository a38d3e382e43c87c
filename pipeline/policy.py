"""The release policy: one place where it is read, where MQM scores are computed and where
articles are judged. Validate (its release-policy expectation suite), the report (pass/fail
marks, junit.xml, summary.json), `check` and the gate all use `evaluate`; the suite is generated
from `limits`, the same limits `evaluate` applies to the same per-article table (`table`).

An article passes when, counting only its *gating* findings (not from an excluded rule, not
waived, and, in baseline mode, not already in the baseline):
  - it has no more critical findings than `max_critical` (0: none at all);
  - its MQM score over those findings is at least `min_score`;
  - no category has more than `max_per_1000_words[category]` findings per 1,000 words.
A release passes when every article passes."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import jsonschema

from pipeline import safe_yaml
from pipeline.model import CATEGORIES, SEVERITY_PENALTY, Finding

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "min_score": {"type": "number", "maximum": 100},
        "max_critical": {"type": "integer", "minimum": 0},
        "max_per_1000_words": {
            "type": "object", "additionalProperties": False,
            "properties": {c: {"type": "number", "minimum": 0} for c in CATEGORIES}},
        "exclude_rules": {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{1,2}[0-9]{0,3}$"},
                          "uniqueItems": True},
    },
}


MAX_POLICY_BYTES = 1_000_000


class PolicyError(Exception):
    pass


@dataclass(frozen=True)
class Policy:
    min_score: float = 95.0
    max_critical: int = 0
    max_per_1000_words: dict[str, float] = field(default_factory=dict)
    exclude_rules: tuple[str, ...] = ()
    path: str = "(built-in defaults)"
    sha256: str = ""

    def excludes(self, rule_id: str) -> bool:
        return any(rule_id.startswith(sel) for sel in self.exclude_rules)

    def describe(self) -> str:
        parts = [f"score >= {self.min_score:g}", f"critical <= {self.max_critical}"]
        parts += [f"{c} <= {v:g}/1000 words" for c, v in sorted(self.max_per_1000_words.items())]
        if self.exclude_rules:
            parts.append(f"not gating: {', '.join(self.exclude_rules)}")
        return "; ".join(parts)


def policy_file(path: Path | str) -> Path:
    """The file behind a policy setting: `package:...` names the default shipped in the package."""
    from pipeline import packaged

    return packaged.policy_file() if str(path) == packaged.POLICY_REF else Path(path)


def load_policy(path: Path | str | None, required: bool = True, sha256: str | None = None) -> Policy:
    """The policy in `path` (a file, or `package:pipeline/data/policy.yaml`, the packaged default,
    which the settings choose only when no policy was named and the project has no
    `sources/policy.yaml`: `pipeline.config.load`). A missing file is an error: a release gate that
    silently fell back to other defaults would judge the same report differently depending on
    where it runs. With `sha256`, the policy must have exactly that hash (the policy a run
    recorded; for the packaged default, a clinic-audit upgrade that changed it is an error too).
    `required` is kept for callers' readability; there is no fallback either way."""
    if path is None or not policy_file(path).is_file():
        raise PolicyError(f"{path}: no such policy file (give one with --policy, or create it; "
                          f"there is no silent fallback)")
    try:
        raw = policy_file(path).read_bytes()
        if sha256 is not None and hashlib.sha256(raw).hexdigest() != sha256:
            raise PolicyError(f"{path}: the policy file changed since the run that recorded it "
                              f"(sha256 differs); re-run the audit or pass --policy explicitly")
        data = safe_yaml.load(raw.decode("utf-8"), MAX_POLICY_BYTES) or {}
        jsonschema.validate(data, SCHEMA)
    except (OSError, UnicodeDecodeError, safe_yaml.YAMLInputError) as e:
        raise PolicyError(f"{path}: unreadable policy: {e}") from e
    except jsonschema.ValidationError as e:
        where = "/".join(str(p) for p in e.absolute_path) or "(top level)"
        raise PolicyError(f"{path}: invalid policy at {where}: {e.message}") from e
    return Policy(min_score=float(data.get("min_score", Policy.min_score)),
                  max_critical=int(data.get("max_critical", Policy.max_critical)),
                  max_per_1000_words=dict(data.get("max_per_1000_words", {})),
                  exclude_rules=tuple(data.get("exclude_rules", [])), path=str(path),
                  sha256=hashlib.sha256(raw).hexdigest())


def record(policy: Policy, reports: Path) -> dict:
    """How a run records its policy in summary.json: the path as given, the path relative to the
    report folder (`from_reports`: no absolute path, so a report stays valid when the project
    folder moves or is cloned elsewhere) and the hash. The packaged default is recorded as
    `package:pipeline/data/policy.yaml`."""
    from pipeline import packaged

    if policy.path == packaged.POLICY_REF:
        return {"path": policy.path, "from_reports": policy.path, "sha256": policy.sha256}
    rel = os.path.relpath(Path(policy.path).resolve(), Path(reports).resolve())
    return {"path": policy.path, "from_reports": Path(rel).as_posix(), "sha256": policy.sha256}


def recorded_policy(record: dict | None, where: str) -> Policy:
    """The policy a run used, from the `policy` record of its summary.json (`where`; `path`,
    `from_reports` or, in older reports, `resolved`, and `sha256`): the same policy, unchanged
    since the run."""
    from pipeline import packaged

    if not isinstance(record, dict) or not record.get("sha256") or not record.get("path"):
        raise PolicyError(f"{where} does not record the policy file the run used; pass --policy")
    if record["path"] == packaged.POLICY_REF:
        return load_policy(packaged.POLICY_REF, sha256=record["sha256"])
    reports = Path(where).parent
    candidates = [reports / record["from_reports"]] if record.get("from_reports") else []
    candidates += [Path(p) for p in (record.get("resolved"), record["path"]) if p]
    path = next((p for p in candidates if p.is_file()), candidates[0])
    return load_policy(path, sha256=record["sha256"])


@dataclass
class Verdict:
    """One article against the policy."""

    article_id: str
    source: str
    words: int
    score: float  # over the gating findings
    gating: list[Finding]
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures


def mqm_score(findings: list[Finding], words: int) -> float:
    """100 x (1 - penalty / words), penalty = minor 1, major 5, critical 25 (MQM). An article
    whose penalty exceeds its word count scores below 0; the score is not clipped."""
    return score(sum(SEVERITY_PENALTY[f.severity] for f in findings), words)


def score(penalty: int, words: int) -> float:
    """The MQM score of a total `penalty` over `words` words (see `mqm_score`)."""
    return round(100.0 * (1.0 - penalty / max(words, 1)), 2)


@dataclass(frozen=True)
class Limit:
    """One condition of the policy on one column of the per-article table: min <= value <= max."""

    column: str
    min_value: float | None = None
    max_value: float | None = None

    def violated(self, value: float) -> bool:
        return ((self.min_value is not None and value < self.min_value)
                or (self.max_value is not None and value > self.max_value))


def limits(policy: Policy) -> list[Limit]:
    """The policy's conditions, in the order failures are reported."""
    return [Limit("critical", 0, policy.max_critical), Limit("score", policy.min_score),
            *(Limit(f"{c}_per_1000_words", 0, v) for c, v in sorted(policy.max_per_1000_words.items()))]


def _gating(findings: Iterable[Finding], policy: Policy, accepted) -> dict[str, list[Finding]]:
    by_article: dict[str, list[Finding]] = {}
    for f in findings:
        if not policy.excludes(f.rule_id) and f.fingerprint not in accepted:
            by_article.setdefault(f.article_id, []).append(f)
    return by_article


def table(articles: Iterable[dict], findings: Iterable[Finding], policy: Policy,
          accepted: frozenset[str] | set[str] = frozenset()) -> list[dict]:
    """The one per-article table the policy is judged on: article_id, source, words, score (MQM
    over the gating findings), critical, and per category its count and rate per 1,000 words;
    `gating` holds the findings counted. `articles`: rows with article_id, source, words;
    `accepted`: fingerprints that do not gate (waived, or in the baseline)."""
    by_article = _gating(findings, policy, accepted)
    rows = []
    for a in articles:
        gating = by_article.get(a["article_id"], [])
        words = int(a["words"])
        row = {"article_id": a["article_id"], "source": a["source"], "words": words,
               "score": mqm_score(gating, words),
               "critical": sum(1 for f in gating if f.severity == "critical"), "gating": gating}
        for c in CATEGORIES:
            row[c] = sum(1 for f in gating if f.category == c)
            row[f"{c}_per_1000_words"] = 1000.0 * row[c] / max(words, 1)
        rows.append(row)
    return rows


def _explain(limit: Limit, row: dict) -> str:
    if limit.column == "critical":
        critical = [f for f in row["gating"] if f.severity == "critical"]
        where = ", ".join(f"{f.rule_id} at {f.line}:{f.column}" for f in critical[:5])
        return (f"{row['critical']} critical finding(s) (at most {limit.max_value} allowed): "
                f"{where}")
    if limit.column == "score":
        return f"score {row['score']:g} is below {limit.min_value:g}"
    cat = limit.column.removesuffix("_per_1000_words")
    return (f"{row[cat]} {cat} finding(s) = {row[limit.column]:.1f} per 1,000 words "
            f"(at most {limit.max_value:g})")


def evaluate(articles: Iterable[dict], findings: Iterable[Finding], policy: Policy,
             accepted: frozenset[str] | set[str] = frozenset()) -> dict[str, Verdict]:
    """Verdicts by article id, from `table` and `limits` (see there for the arguments)."""
    checks = limits(policy)
    return {row["article_id"]: Verdict(row["article_id"], row["source"], row["words"], row["score"],
                                       row["gating"], [_explain(lim, row) for lim in checks
                                                       if lim.violated(row[lim.column])])
            for row in table(articles, findings, policy, accepted)}
