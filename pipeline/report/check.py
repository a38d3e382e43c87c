"""`clinic-audit check FILE...`: ingest, segment and detect in memory (no data directory), print
the findings in the chosen format and judge them by the release policy (exit codes as the gate:
0 pass, 1 policy violated, 2 error)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from pipeline import gate, nlp
from pipeline.detect import describe, detect
from pipeline.limits import Limits
from pipeline.report import files, sarif, summary, terminal
from pipeline.report.policy import PolicyError, evaluate, load_policy
from pipeline.resources import Resources
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, EXIT_VIOLATION
from pipeline.stages.ingest import ingest


def _display(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


def check(paths: list[Path], settings: dict, *, fmt: str, policy_path: Path | None,
          waivers_path: Path | None, required: bool = False,
          waivers_required: bool = False) -> int:
    try:
        policy = load_policy(policy_path, required)
        waivers = gate.load_waivers(waivers_path, waivers_required)
    except (PolicyError, gate.GateError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    limits = Limits.from_settings(settings)
    articles, problems, _ = ingest(paths, limits)
    failed = nlp.segment(articles, model=settings["nlp"]["model"],
                         batch_size=settings["nlp"]["batch_size"], limits=limits)
    problems += failed
    articles = [a for a in articles if a.article_id not in {e["article_id"] for e in failed}]
    resources = Resources(settings)
    findings, errors, notes = detect(articles, settings, resources)
    problems += [e for e in errors if e.get("step")]
    errors = [e for e in errors if not e.get("step")]
    articles = [a for a in articles if a.article_id not in {e.get("article_id") for e in problems}]
    if not articles:
        problems.append({"source": ", ".join(map(str, paths)),
                         "problem": "no article was audited: the inputs hold no readable article"})
    shown = {a.source: _display(a.path) for a in articles}
    findings = terminal.ordered(findings, shown)
    for p in problems:  # unreadable files, and articles that failed a step (named)
        print(f"error: {describe(p) if p.get('step') else p['source'] + ': ' + p['problem']}",
              file=sys.stderr)
    for e in errors:
        print(f"error: {describe(e)}", file=sys.stderr)
    rows = [{"article_id": a.article_id, "source": a.source, "words": a.word_count}
            for a in articles]
    verdicts = evaluate(rows, findings, policy, accepted={w.fingerprint for w in waivers})
    if fmt == "jsonl":
        sys.stdout.write(files.jsonl_text(findings))
    elif fmt == "json":
        json.dump({"findings": [f.to_dict() for f in findings],
                   "articles": {v.source: {"path": shown[v.source], "words": v.words,
                                           "score": summary.mqm_score(
                                               [f for f in findings if f.article_id == aid],
                                               v.words),
                                           "passed": v.passed, "failures": v.failures}
                                for aid, v in verdicts.items()},
                   "complete": not (problems or errors), "notes": notes,
                   "grammar_engines": resources.grammar_engines},
                  sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    elif fmt == "sarif":
        json.dump(sarif.build(findings, {a.source: a.file_text for a in articles},
                              {a.source: sarif.artifact_uri(a.path, a.source) for a in articles}),
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        line = terminal.github_line if fmt == "github" else terminal.text_line
        for f in findings:
            print(line(f, shown[f.source]))
        for v in sorted(verdicts.values(), key=lambda v: shown[v.source]):
            for why in v.failures:
                print(f"{shown[v.source]}: policy: {why}")
        for note in notes.values():
            print(f"note: {note}")
        passed = all(v.passed for v in verdicts.values())
        print(f"{terminal.summary_line(findings, len(articles))}; policy "
              f"{'passed' if passed else 'FAILED'} ({policy.path})")
    if problems or errors:
        return EXIT_ERROR
    return EXIT_OK if all(v.passed for v in verdicts.values()) else EXIT_VIOLATION
