"""clinic-audit command line.

  clinic-audit run [PATH...] [--out DIR]   the whole pipeline (ingest, segment, detect, validate, report)
  clinic-audit check FILE... [--format F]   audit files in memory and print the findings
  clinic-audit gate [--reports DIR]         the release gate: policy, waivers, baseline
  clinic-audit rules                        list the rules
  clinic-audit rule CODE                    one rule's documentation

Exit codes: 0 ok, 1 policy violated (gate/check), 2 error (bad input, failed rule, invalid output).
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from pipeline import config
from pipeline.report.policy import PolicyError
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
              f"findings.sarif, junit.xml, articles.csv, summary.json)")
    return worst


def cmd_rules(args) -> int:
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
        baseline = gate.read_findings(args.baseline) if args.baseline else None
        outcome = gate.apply(findings, articles, policy, waivers, baseline)
    except (PolicyError, gate.GateError) as e:
        print(f"gate: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    print(gate.render(outcome, policy, baseline is not None))
    return EXIT_OK if outcome.passed else EXIT_VIOLATION


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
    p.set_defaults(func=cmd_gate)
    sub.add_parser("rules", help="list the rules").set_defaults(func=cmd_rules)
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
