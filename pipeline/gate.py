"""The release gate: findings + policy + waivers (+ baseline) -> pass (0), violated (1), error (2).

The findings come from a report directory (summary.json + findings.jsonl): the summary must say
the run was complete, and findings.jsonl must have the sha256 and the number of lines that the
summary records; anything else is an error, never a pass. Waivers (sources/waivers.yaml) accept
reviewed findings by fingerprint; a waiver whose finding no longer exists is reported as stale.
With a baseline (an earlier findings.jsonl) only findings new since then can fail the gate."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
import yaml

from pipeline import safe_yaml
from pipeline.model import FINDING_COLUMNS, Finding
from pipeline.report.files import read_lines
from pipeline.policy import Policy, Verdict, evaluate

WAIVER_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["waivers"],
    "properties": {"waivers": {"type": "array", "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["fingerprint", "by", "date", "reason"],
        "properties": {
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{20}$"},
            "rule": {"type": "string"},
            "article": {"type": "string"},
            "by": {"type": "string", "minLength": 1},
            "date": {"type": "string", "format": "date"},
            "reason": {"type": "string", "minLength": 10},
            # set by `clinic-audit review export`: the editor's decision behind the waiver
            "decision": {"enum": ["false_alarm", "wont_fix"]},
        }}}},
}


class GateError(Exception):
    """The gate cannot decide: a missing, unreadable, invalid or incomplete input."""


@dataclass
class Waiver:
    fingerprint: str
    by: str
    date: str
    reason: str
    rule: str | None = None
    article: str | None = None
    decision: str | None = None


@dataclass
class Outcome:
    verdicts: dict[str, Verdict]
    waived: list[Finding] = field(default_factory=list)
    stale: list[Waiver] = field(default_factory=list)
    in_baseline: int = 0
    excluded: int = 0

    @property
    def passed(self) -> bool:
        return all(v.passed for v in self.verdicts.values())


def load_waivers(path: Path | None, required: bool = False) -> list[Waiver]:
    """Waivers from `path` (none when it is None or, unless `required`, absent); an invalid
    file is a GateError."""
    if path is None or not Path(path).exists():
        if required:
            raise GateError(f"{path}: no such waivers file")
        return []
    try:
        # dates stay strings: YAML would turn 2025-01-31 into a date object
        data = safe_yaml.load(Path(path).read_text(encoding="utf-8"), MAX_WAIVERS_CHARS,
                              _NoDatesLoader) or {}
        jsonschema.validate(data, WAIVER_SCHEMA, format_checker=jsonschema.FormatChecker())
    except (OSError, UnicodeDecodeError, safe_yaml.YAMLInputError) as e:
        raise GateError(f"{path}: unreadable waivers file: {e}") from e
    except jsonschema.ValidationError as e:
        where = "/".join(str(p) for p in e.absolute_path) or "(top level)"
        raise GateError(f"{path}: invalid waiver at {where}: {e.message}") from e
    waivers = [Waiver(**w) for w in data["waivers"]]
    seen: set[str] = set()
    for w in waivers:
        if w.fingerprint in seen:
            raise GateError(f"{path}: fingerprint {w.fingerprint} is waived twice")
        if dt.date.fromisoformat(w.date) > dt.date.today():
            raise GateError(f"{path}: waiver {w.fingerprint} is dated in the future ({w.date})")
        seen.add(w.fingerprint)
    return waivers


class _NoDatesLoader(safe_yaml.NoAliasLoader):
    pass


_NoDatesLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
MAX_WAIVERS_CHARS = 10_000_000


def read_findings(path: Path) -> list[Finding]:
    """Findings from a findings.jsonl; any unreadable or malformed line is a GateError."""
    try:
        lines = read_lines(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise GateError(f"{path}: cannot read findings: {e}") from e
    out = []
    for n, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
            # `review` and `unit_id` are optional: findings files from before the review
            # application and the bilingual readers lack them
            if not isinstance(row, dict) or \
                    set(row) | {"review", "unit_id"} != set(FINDING_COLUMNS):
                raise ValueError("not a finding record (wrong fields)")
            out.append(Finding(**row))
        except (ValueError, TypeError) as e:
            raise GateError(f"{path}:{n}: invalid finding: {e}") from e
    return out


def read_report(findings_path: Path) -> tuple[list[Finding], list[dict], dict]:
    """Findings, article rows (article_id, source, words) and the summary from a report
    directory's findings.jsonl, verified against the summary.json beside it. A run that audited
    no article is an error: it proves nothing about the release."""
    findings_path = Path(findings_path)
    summary_path = findings_path.parent / "summary.json"
    if not findings_path.exists():
        raise GateError(f"{findings_path} is missing: run `clinic-audit run` first")
    if not summary_path.exists():
        raise GateError(f"{summary_path} is missing: without it the findings cannot be checked "
                        f"for completeness")
    try:
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
        recorded = summary["findings_file"]
        complete = summary["complete"]
        articles = [{"article_id": aid, "source": a["source"], "words": a["words"]}
                    for aid, a in summary["articles"].items()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise GateError(f"{summary_path}: unreadable or invalid summary: {e}") from e
    if complete is not True:
        raise GateError(f"{summary_path}: the run was incomplete (see its `errors`); an "
                        f"incomplete run cannot pass the gate")
    if not articles:
        raise GateError(f"{summary_path}: the run audited no article; an empty run cannot pass "
                        f"the gate")
    data = findings_path.read_bytes()
    if hashlib.sha256(data).hexdigest() != recorded.get("sha256"):
        raise GateError(f"{findings_path} does not match the sha256 recorded in {summary_path}: "
                        f"it was changed or truncated after the run")
    findings = read_findings(findings_path)
    if len(findings) != recorded.get("count"):
        raise GateError(f"{findings_path} has {len(findings)} findings; {summary_path} "
                        f"records {recorded.get('count')}")
    known = {a["article_id"] for a in articles}
    strays = sorted({f.article_id for f in findings} - known)
    if strays:
        raise GateError(f"{findings_path}: findings for articles not in the summary: {strays[:3]}")
    return findings, articles, summary


def apply(findings: list[Finding], articles: list[dict], policy: Policy,
          waivers: list[Waiver], baseline: list[Finding] | None = None) -> Outcome:
    """Evaluate the policy with waivers and (optionally) a baseline."""
    present = {f.fingerprint: f for f in findings}
    for w in waivers:
        f = present.get(w.fingerprint)
        if f is not None and ((w.rule and w.rule != f.rule_id) or
                              (w.article and w.article != f.article_id)):
            raise GateError(f"waiver {w.fingerprint} names {w.rule or ''} {w.article or ''} but "
                            f"that fingerprint is {f.rule_id} in {f.article_id}")
    waived_fps = {w.fingerprint for w in waivers}
    old = {f.fingerprint for f in baseline} if baseline is not None else set()
    verdicts = evaluate(articles, findings, policy, accepted=waived_fps | old)
    gating = [f for f in findings if not policy.excludes(f.rule_id)]
    return Outcome(
        verdicts=verdicts,
        waived=[f for f in gating if f.fingerprint in waived_fps],
        stale=[w for w in waivers if w.fingerprint not in present],
        in_baseline=sum(1 for f in gating if f.fingerprint in old and f.fingerprint not in waived_fps),
        excluded=len(findings) - len(gating))


def render(outcome: Outcome, policy: Policy, baseline: bool) -> str:
    """The gate's summary for a terminal or a CI log."""
    lines = []
    for v in sorted(outcome.verdicts.values(), key=lambda v: v.source):
        if not v.passed:
            lines.append(f"FAIL {v.source} ({v.words} words, score {v.score:g})")
            lines.extend(f"  - {why}" for why in v.failures)
    for w in outcome.stale:
        lines.append(f"stale waiver {w.fingerprint} (by {w.by}, {w.date}): its finding no longer "
                     f"exists; remove it from the waivers file")
    failed = sum(1 for v in outcome.verdicts.values() if not v.passed)
    total = len(outcome.verdicts)
    parts = [f"{len(outcome.waived)} waived", f"{outcome.excluded} from non-gating rules"]
    if baseline:
        parts.append(f"{outcome.in_baseline} already in the baseline")
    head = (f"gate: FAILED, {failed} of {total} article(s) violate the policy" if failed
            else f"gate: passed, {total} article(s) meet the policy")
    lines.append(f"{head} ({policy.path}: {policy.describe()}); {', '.join(parts)}")
    return "\n".join(lines)
