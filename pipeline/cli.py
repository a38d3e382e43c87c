"""clinic-audit command line.

  clinic-audit run [PATH...] [--out DIR]   the whole pipeline (ingest, segment, detect, validate, report)
  clinic-audit check FILE... [--format F]   audit files in memory and print the findings
  clinic-audit gate [--reports DIR]         the release gate: policy, waivers, baseline
  clinic-audit rules [--stats]              list the rules (--stats: precision from reviews)
  clinic-audit review [--port N]            the editors' review application (review export:
                                            decisions -> sources/waivers.yaml)
  clinic-audit rule CODE                    one rule's documentation
  clinic-audit knowledge [--json]           the knowledge base: concepts by source, versions, load time

Exit codes: 0 ok, 1 policy violated (gate/check), 2 error (bad input, failed rule, invalid output).
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from pipeline import config
from pipeline.report.policy import PolicyError
from pipeline.review.db import ReviewDBError
from pipeline.rules.base import RuleError, registry
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, EXIT_VIOLATION, data_path

STAGES = ("ingest", "segment", "detect", "validate", "report")


def _settings(args) -> dict:
    overrides = {}
    if getattr(args, "paths", None):
        overrides["inputs"] = [str(p) for p in args.paths]
    if getattr(args, "out", None):
        overrides["out"] = str(args.out)
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = str(args.data_dir)
    return config.load(args.params, overrides)


def cmd_run(args) -> int:
    from importlib import import_module

    from pipeline.report.policy import load_policy

    settings = _settings(args)
    if args.policy:
        settings["policy"] = str(args.policy)
    load_policy(Path(settings["policy"]))  # a missing or invalid policy fails before any work
    data_path(settings, "validation.json").unlink(missing_ok=True)
    summary = Path(settings["out"]) / "summary.json"
    summary.unlink(missing_ok=True)  # no stale summary may vouch for a run that fails midway
    worst = EXIT_OK
    for name in STAGES:
        code = import_module(f"pipeline.stages.{name}").run(settings)
        worst = max(worst, code)
        if code != EXIT_OK and name != "validate":
            break  # validate's failure is reported by the report stage, which still runs
    if worst == EXIT_OK:
        print(f"wrote {settings['out']}/ (index.html, articles/, findings.jsonl, findings.csv, "
              f"findings.sarif, junit.xml, articles.csv, fixlist.csv, summary.json)")
    return worst


def cmd_rules(args) -> int:
    if args.stats:
        return _rule_stats(args)
    for code, cls in registry().items():
        print(f"{code}  {cls.name:<34} {cls.category:<12} {cls.severity:<9} {cls.summary()}")
    return EXIT_OK


def cmd_rule(args) -> int:
    cls = registry().get(args.code.upper())
    if cls is None:
        print(f"error: no rule {args.code!r}; `clinic-audit rules` lists them", file=sys.stderr)
        return EXIT_ERROR
    print(f"{cls.code} {cls.name}  [{cls.category}, {cls.severity}, {cls.mqm_type}]\n")
    print(cls.documentation())
    if cls.options:
        print("\nOptions (defaults):")
        for k, v in cls.options.items():
            print(f"  {k}: {v!r}")
    return EXIT_OK


def cmd_knowledge(args) -> int:
    import json

    from pipeline.knowledge import KnowledgeError
    from pipeline.knowledge.stats import knowledge_stats, render

    settings = _settings(args)
    try:
        stats = knowledge_stats(Path(settings["knowledge"]))
    except KnowledgeError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    print(json.dumps(stats, indent=2) if args.json else render(stats))
    return EXIT_OK


def cmd_check(args) -> int:
    from pipeline.report.check import check

    settings = _settings(args)
    return check(args.files, settings, fmt=args.format,
                 policy_path=args.policy or Path(settings["policy"]),
                 waivers_path=args.waivers or Path(settings["waivers"]),
                 required=bool(args.policy), waivers_required=bool(args.waivers))


def cmd_gate(args) -> int:
    from pipeline import gate
    from pipeline.report.policy import PolicyError, load_policy, recorded_policy

    settings = _settings(args)
    findings_file = args.findings or (args.reports or Path(settings["out"])) / "findings.jsonl"
    try:
        findings, articles, summary = gate.read_report(findings_file)
        # exactly the policy the run used (same file, same hash), unless one is given explicitly
        policy = (load_policy(args.policy) if args.policy else
                  recorded_policy(summary.get("policy"), str(findings_file.parent / "summary.json")))
        waivers = gate.load_waivers(args.waivers or Path(settings["waivers"]),
                                    required=bool(args.waivers))
        if args.db:  # the review database's false alarms and won't-fixes, as more waivers
            waivers += _review_waivers(args.db, findings, waivers)
        baseline = gate.read_findings(args.baseline) if args.baseline else None
        outcome = gate.apply(findings, articles, policy, waivers, baseline)
    except (PolicyError, gate.GateError, ReviewDBError) as e:
        print(f"gate: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    print(gate.render(outcome, policy, baseline is not None))
    return EXIT_OK if outcome.passed else EXIT_VIOLATION


DB_HELP = "review database (default: `review.db` in params.yaml, review.sqlite)"


# -- review (pipeline/review) -------------------------------------------------------------------
def _review_waivers(db_path: Path, findings, waivers) -> list:
    from pipeline.review.db import ReviewDB
    from pipeline.review.marks import db_waivers

    listed = {w.fingerprint for w in waivers}
    present = {f.fingerprint: f for f in findings}
    return [w for w in db_waivers(ReviewDB(db_path, create=False), present)
            if w.fingerprint not in listed]


def _rule_stats(args) -> int:
    from pipeline import gate
    from pipeline.review import marks

    settings = _settings(args)
    db = args.db or Path(settings["review"]["db"])
    if args.db and not args.db.exists():
        raise FileNotFoundError(f"{args.db}: no such review database")
    try:
        reviews = marks.collect(gate.load_waivers(Path(settings["waivers"])), db)
    except (gate.GateError, ReviewDBError) as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_ERROR
    stats = marks.rule_stats(reviews)
    reg = registry()
    head = ("rule", "name", "precision", "confirmed", "false alarm", "fixed", "won't fix")
    print("{:<6} {:<34} {:>9} {:>9} {:>11} {:>5} {:>9}".format(*head))
    worst_first = sorted(stats.items(), key=lambda kv: (kv[1]["precision"] is None,
                                                        kv[1]["precision"] or 0, kv[0]))
    for code, s in worst_first:
        p = "-" if s["precision"] is None else f"{s['precision']:.2f}"
        name = reg[code].name if code in reg else "(not installed)"
        print(f"{code:<6} {name:<34} {p:>9} {s['confirmed']:>9} {s['false_alarm']:>11} "
              f"{s['fixed']:>5} {s['wont_fix']:>9}")
    print(f"{len(stats)} rule(s) with decisions, {len(set(reg) - set(stats))} without; "
          f"precision = confirmed / (confirmed + false alarm)")
    return EXIT_OK


def cmd_review(args) -> int:
    from pipeline import gate
    from pipeline.review.db import ReviewDB

    settings = _settings(args)
    reports = args.reports or Path(settings["out"])
    try:
        waivers = gate.load_waivers(args.waivers or Path(settings["waivers"]))
        db = ReviewDB(args.db or Path(settings["review"]["db"]), create=args.action == "serve")
        if args.action == "export":
            from pipeline.review.export import export

            path = args.waivers or Path(settings["waivers"])
            r = export(db, path, reports / "findings.jsonl")
            print(f"wrote {path}: {r.from_review} waiver(s) from review, {r.kept} kept from the "
                  f"file, {r.dropped} overruled by a later decision; {r.resolved} decision(s) "
                  f"left out because their finding is no longer in {reports}/findings.jsonl")
            return EXIT_OK
        try:
            from pipeline.review.serve import serve
        except ImportError as e:
            print(f"review: error: the review application needs starlette and uvicorn "
                  f"(pip install clinic-audit with its dependencies): {e}", file=sys.stderr)
            return EXIT_ERROR
        return serve(reports, db, host=args.host, port=args.port, waivers=waivers,
                     allow_hosts=args.allow_host)
    except (gate.GateError, ReviewDBError) as e:
        print(f"review: error: {e}", file=sys.stderr)
        return EXIT_ERROR


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="clinic-audit", description=__doc__.split("\n\n")[0])
    ap.add_argument("--params", type=Path, default=None,
                    help="settings file (default: params.yaml in the current directory)")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("run", help="run the whole pipeline")
    p.add_argument("paths", nargs="*", type=Path, help="files or directories (default sources/articles)")
    p.add_argument("--out", type=Path, help="output directory (default reports)")
    p.add_argument("--data-dir", type=Path, help="intermediate tables (default data)")
    p.add_argument("--policy", type=Path, help="policy file (default sources/policy.yaml)")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("check", help="audit files in memory (no data directory) and print the "
                       "findings; exit 0 pass, 1 policy violated, 2 error")
    p.add_argument("files", nargs="+", type=Path, help="article files or directories")
    p.add_argument("--format", choices=("text", "json", "jsonl", "sarif", "github"),
                   default="text")
    p.add_argument("--policy", type=Path, help="policy file (default sources/policy.yaml)")
    p.add_argument("--waivers", type=Path, help="waivers file (default sources/waivers.yaml)")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("gate", help="the release gate over a report: exit 0 pass, 1 policy "
                       "violated, 2 error (missing, invalid or incomplete findings)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--reports", type=Path, help="report directory (default reports/)")
    src.add_argument("--findings", type=Path,
                     help="a findings.jsonl (verified against the summary.json beside it)")
    p.add_argument("--policy", type=Path, help="policy file (default: the one the run used, as "
                   "recorded in summary.json with its sha256)")
    p.add_argument("--waivers", type=Path, help="waivers file (default sources/waivers.yaml)")
    p.add_argument("--baseline", type=Path,
                   help="an earlier findings.jsonl: only findings new since then can fail")
    p.add_argument("--db", type=Path, help="a review database: its false alarms and won't-fixes "
                   "are waivers too")
    p.set_defaults(func=cmd_gate)
    p = sub.add_parser("rules", help="list the rules")
    p.add_argument("--stats", action="store_true", help="each rule's precision from the editors' "
                   "decisions (review database and waivers file)")
    p.add_argument("--db", type=Path, help=DB_HELP)
    p.set_defaults(func=cmd_rules)
    p = sub.add_parser("review", help="the editors' review application: record decisions on "
                       "findings in the browser; `review export` writes them to the waivers file")
    p.add_argument("action", nargs="?", choices=("serve", "export"), default="serve",
                   help="serve the application (default) or export decisions as waivers")
    p.add_argument("--reports", type=Path, help="report directory (default reports/)")
    p.add_argument("--db", type=Path, help=DB_HELP)
    p.add_argument("--waivers", type=Path, help="waivers file (default sources/waivers.yaml)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another Host name the server answers to (when not on 127.0.0.1)")
    p.set_defaults(func=cmd_review)
    p = sub.add_parser("knowledge", help="the knowledge base: concepts by source and type, source "
                       "versions, index load time (cold and warm)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_knowledge)
    p = sub.add_parser("rule", help="print one rule's documentation")
    p.add_argument("code")
    p.set_defaults(func=cmd_rule)
    return ap


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    try:
        code = args.func(args)
    except (config.ConfigError, RuleError, PolicyError, FileNotFoundError) as e:
        print(f"error: {e}", file=sys.stderr)
        code = EXIT_ERROR
    except Exception:  # a crash is an error (2), never mistaken for a policy verdict (1)
        traceback.print_exc()
        print("error: clinic-audit crashed; no output of this run is complete", file=sys.stderr)
        code = EXIT_ERROR
    sys.exit(code)
