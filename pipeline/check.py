"""`clinic-audit check FILE...`: ingest, segment and detect in memory (no data directory), print
the findings in the chosen format and judge them by the release policy (exit codes as the gate:
0 pass, 1 policy violated, 2 error). `-` reads one article from stdin."""
from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pipeline import console, gate, nlp
from pipeline.detect import describe, detect
from pipeline.ingest import IngestError, read_article
from pipeline.limits import Limits
from pipeline.model import Article
from pipeline.report import files, github, gitlab, sarif, terminal
from pipeline.policy import PolicyError, evaluate, load_policy, mqm_score
from pipeline.resources import Resources
from pipeline.rules.base import registry, select
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, EXIT_VIOLATION
from pipeline.stages.ingest import ingest

STDIN_NAME = "<stdin>"


@dataclass
class Stdin:
    """An article read from standard input; `name` gives its format and its shown path."""
    data: bytes
    name: str | None = None


@dataclass
class Options:
    fmt: str = "text"
    annotate_all: bool = False     # github: every file, not only the changed ones
    diff_base: str | None = None   # github: what "changed" is measured against
    stdin: Stdin | None = None


def _display(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path


def _read(paths: list[Path], stdin: Stdin | None,
          limits: Limits) -> tuple[list[Article], list[dict], dict]:
    articles, problems, _ = ingest(paths, limits) if paths else ([], [], [])
    shown = {a.source: _display(a.path) for a in articles}
    if stdin is not None:
        name = Path(stdin.name or "stdin.txt")
        try:
            a = read_article(name, name.parent, data=stdin.data, limits=limits)
        except IngestError as e:
            problems.append({"source": stdin.name or STDIN_NAME, "problem": e.problem})
        else:
            if a.source in shown:
                problems.append({"source": stdin.name or STDIN_NAME, "problem":
                                 f"has the same article id as {shown[a.source]}"})
            else:
                articles.append(a)
                shown[a.source] = stdin.name or STDIN_NAME
    return articles, problems, shown


def check(paths: list[Path], settings: dict, *, policy_path: Path | None,
          waivers_path: Path | None, required: bool = False, waivers_required: bool = False,
          options: Options | None = None) -> int:
    opts = options or Options()
    try:
        policy = load_policy(policy_path, required)
        waivers = gate.load_waivers(waivers_path, waivers_required)
    except (PolicyError, gate.GateError) as e:
        console.error(str(e))
        return EXIT_ERROR
    t0 = time.perf_counter()
    limits = Limits.from_settings(settings)
    articles, problems, shown = _read(paths, opts.stdin, limits)
    if not articles:  # nothing to judge: never a pass
        for p in problems:
            console.error(f"{console.printable(p['source'])}: {p['problem']}")
        console.error("no article was audited: the inputs hold no readable article")
        return EXIT_ERROR
    resources = Resources(settings)
    resources.start_harper(select(registry(), settings["rules"]["select"],
                                  settings["rules"]["ignore"]))
    failed = nlp.segment(articles, model=settings["nlp"]["model"],
                         batch_size=settings["nlp"]["batch_size"], limits=limits)
    problems += failed
    articles = [a for a in articles if a.article_id not in {e["article_id"] for e in failed}]
    t1 = time.perf_counter()
    findings, errors, notes = detect(articles, settings, resources)
    problems += [e for e in errors if e.get("step")]  # articles that failed a step (named)
    errors = [e for e in errors if not e.get("step")]
    articles = [a for a in articles if a.article_id not in {e.get("article_id") for e in problems}]
    console.detail(f"read and segmented {len(articles)} article(s) in {t1 - t0:.1f} s, "
                   f"checked in {time.perf_counter() - t1:.1f} s")
    findings = terminal.ordered(findings, shown)
    for p in problems:
        console.error(describe(p) if p.get("step") else
                      f"{console.printable(p['source'])}: {p['problem']}")
    for e in errors:
        console.error(describe(e))
        console.detail(e.get("traceback", ""))
    rows = [{"article_id": a.article_id, "source": a.source, "words": a.word_count}
            for a in articles]
    verdicts = evaluate(rows, findings, policy, accepted={w.fingerprint for w in waivers})
    complete = not (problems or errors)
    if opts.fmt == "jsonl":
        sys.stdout.write(files.jsonl_text(findings))
    elif opts.fmt == "json":
        _print_json(findings, verdicts, shown, complete, notes, resources)
    elif opts.fmt == "sarif":
        _print_json_doc(sarif.build(findings, {a.source: a.file_text for a in articles},
                                    {a.source: sarif.artifact_uri(a.path, a.source)
                                     for a in articles}))
    elif opts.fmt == "gitlab":
        _print_json_doc(gitlab.build(findings, shown))
    else:
        _print_lines(findings, verdicts, shown, notes, complete, policy, opts,
                     {a.source: str(Path(a.path).resolve()) for a in articles},
                     len(articles) + len(problems))
    if not complete:
        return EXIT_ERROR
    return EXIT_OK if all(v.passed for v in verdicts.values()) else EXIT_VIOLATION


def _print_json_doc(doc) -> None:
    json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_json(findings, verdicts, shown, complete, notes, resources) -> None:
    json.dump({"findings": [f.to_dict() for f in findings],
               "articles": {v.source: {"path": shown[v.source], "words": v.words,
                                       "score": mqm_score(
                                           [f for f in findings if f.article_id == aid], v.words),
                                       "passed": v.passed, "failures": v.failures}
                            for aid, v in verdicts.items()},
               "complete": complete, "notes": notes,
               "grammar_engines": resources.grammar_engines},
              sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def _print_lines(findings, verdicts, shown, notes, complete, policy, opts: Options,
                 files: dict[str, str], total_files: int) -> None:
    """The text and github formats: one line per finding (or annotation), then, unless
    --quiet, the policy's reasons, the notes and a summary line."""
    if opts.fmt == "github":
        changed, scope = (None, "in every file (--annotate-all)") if opts.annotate_all else \
            github.changed_files(opts.diff_base)
        lines = github.annotations(findings, shown, files, changed, scope)
        for out in lines[:-1]:
            print(out)
        tail = [lines[-1]]
    else:
        for f in findings:
            print(terminal.text_line(f, shown[f.source]))
        tail = []
    if console.state.level == console.QUIET:
        return
    failed = 0
    for v in sorted(verdicts.values(), key=lambda v: shown[v.source]):
        failed += not v.passed
        for why in v.failures:
            print(f"{console.printable(shown[v.source])}: policy: {why}")
    for note in notes.values():
        print(f"note: {note}")
    line = terminal.summary_line(findings, total_files)
    if not complete:
        verdict = console.paint("incomplete", "bold", "red") + \
            " (errors above), so the policy was not judged"
        if failed:
            verdict += f"; {failed} article(s) fail it"
    else:
        word = console.paint("FAILED", "bold", "red") if failed else \
            console.paint("passed", "bold", "green")
        verdict = f"policy {word} ({policy.path.strip('()')})"
    print(f"{line}; {verdict}")
    for out in tail:
        print(out)
