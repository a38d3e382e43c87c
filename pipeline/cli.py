"""clinic-audit command line.

  clinic-audit run [PATH...] [--out DIR]   the whole pipeline (ingest, segment, detect, validate, report)
  clinic-audit check FILE... [--output-format F]   audit files (- for stdin) and print the findings
  clinic-audit gate [--reports DIR]         the release gate: policy, waivers, baseline
  clinic-audit rules [--stats]              list the rules (--stats: precision from reviews)
  clinic-audit review [--port N]            the editors' review application (review export:
                                            decisions -> sources/waivers.yaml)
  clinic-audit rule CODE                    one rule's documentation
  clinic-audit knowledge [--json]           the knowledge base: concepts by source, versions, load time
  clinic-audit server start|stop|status     a resident process that `check` and `run` use (spaCy,
                                            the rules, Great Expectations loaded once;
                                            pipeline/server/)

Every command takes --params FILE, -q/--quiet, -v/--verbose and --color auto|always|never.
Exit codes: 0 ok, 1 policy violated (gate/check), 2 error (bad input, bad setting, failed rule,
invalid output), 141 the reader closed the pipe (as a tool killed by SIGPIPE), 130 Ctrl-C,
143 SIGTERM (both stop the worker processes and leave the last report as it was).
"""
from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from pathlib import Path

from pipeline import cli_parser, cluster, config, console
from pipeline.parallel import jobs_setting
from pipeline.policy import PolicyError
from pipeline.review.db import ReviewDBError
from pipeline.rules.base import RuleError, check_selectors, registry, select
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, EXIT_VIOLATION, data_path
from pipeline.suggest import did_you_mean

EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool killed by a closed pipe
STAGES = ("ingest", "segment", "detect", "validate", "report")


def _settings(args) -> dict:
    """The settings (read once per command; `main` reads them first, so a bad or missing
    settings file is an error for every command)."""
    if getattr(args, "settings", None) is not None:
        return args.settings
    overrides = {}
    if getattr(args, "paths", None):
        overrides["inputs"] = [str(p) for p in args.paths]
    if getattr(args, "out", None):
        overrides["out"] = str(args.out)
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = str(args.data_dir)
    if getattr(args, "jobs", None) is not None:
        overrides["jobs"] = args.jobs
    for key in ("executor", "scheduler"):
        if getattr(args, key, None) is not None:
            overrides[key] = getattr(args, key)
    if getattr(args, "cache", None) is False:
        overrides["cache"] = False
    settings = config.load(args.params, overrides)
    console.detail("settings: " + (", ".join(map(str, settings.files)) or
                                   "defaults (no params.yaml or [tool.clinic-audit] found)"))
    args.settings = settings
    return settings


def _rule_selection(settings: dict, args) -> None:
    """Check the rule selectors of the settings (naming the file that set them) and apply
    --select/--ignore over them, as ruff does: --select replaces the selection of the settings,
    --ignore alone removes rules from it."""
    reg = registry()
    rules = settings["rules"]
    for key in ("select", "ignore", "severity"):
        check_selectors(rules[key], reg, f"{settings.origin('rules.' + key)}: rules.{key}")
    for code in rules["options"]:
        if code not in reg:
            raise RuleError(f"{settings.origin('rules.options')}: rules.options: no rule "
                            f"{code!r}{did_you_mean(code, reg)}")
    chosen, dropped = getattr(args, "select", None), getattr(args, "ignore", None)
    check_selectors(chosen or [], reg, "--select")
    check_selectors(dropped or [], reg, "--ignore")
    if chosen:
        rules["select"], rules["ignore"] = chosen, dropped or []
    elif dropped:
        kept = select(reg, rules["select"], rules["ignore"])
        rules["select"], rules["ignore"] = select(kept, ["ALL"], dropped), []
    console.detail(f"rules: {len(select(reg, rules['select'], rules['ignore']))} of {len(reg)} "
                   f"selected")


def cmd_run(args) -> int:
    from importlib import import_module

    from pipeline.policy import load_policy
    from pipeline.staging import Staging

    settings = _settings(args)
    if args.policy:
        settings["policy"] = str(args.policy)
    load_policy(settings["policy"])  # a missing or invalid policy fails before any work
    if int(settings.get("jobs") or 0) < 0:
        raise config.ConfigError(f"{settings.origin('jobs')}: jobs: {settings['jobs']} is not 0 "
                                 f"(one worker per core) or a number of workers")
    if settings["executor"] == "dask":
        if not settings.get("scheduler"):
            raise config.ConfigError(f"{settings.origin('executor')}: executor: dask needs the "
                                     f"address of a Dask scheduler (--scheduler tcp://host:8786 "
                                     f"or `scheduler:` in the settings)")
        cluster.distributed()  # the extra is installed, or exit 2 naming it, before any work
    _rule_selection(settings, args)
    data_path(settings, "validation.json").unlink(missing_ok=True)
    from pipeline.cache import STATS

    STATS.clear()  # this run's hits and misses, printed when it finished
    out = Path(settings["out"])
    # the stages write into a staging folder beside the output, swapped in when the run finished
    staging = Staging(out)
    settings["out"] = str(staging.start())
    worst, failed_stage, name = EXIT_OK, None, STAGES[0]
    # validate, run beside the report stage when there are two workers or more (its process
    # starts now, and imports Great Expectations while the other stages work)
    beside = None
    try:
        if jobs_setting(settings.get("jobs", 1)) > 1:
            beside = import_module("pipeline.stages.validate").Background()
        for name in STAGES:
            started = time.perf_counter()
            stage = import_module(f"pipeline.stages.{name}")
            if name == "validate" and beside is not None:
                beside.start(settings)
                continue
            # the report stage waits for validate only when it assembles its summary
            code = stage.run(settings, validated=beside.result) if beside and name == "report" \
                else stage.run(settings)
            console.detail(f"{name}: {time.perf_counter() - started:.1f} s")
            worst = max(worst, code)
            if code != EXIT_OK and name != "validate":
                failed_stage = name
                break  # validate's failure is reported by the report stage, which still runs
        if beside is not None:
            worst = max(worst, beside.result())  # 0 when an earlier stage stopped the run
            if beside.future is not None:
                console.detail(f"validate: {beside.seconds:.1f} s (beside report)")
    except BaseException as e:
        if beside is not None:
            beside.close()
        staging.fail(name, EXIT_ERROR, f"{type(e).__name__}: {e}")
        console.error(f"the run stopped in {name}: {out}/ is unchanged; this run's partial output "
                      f"is in {staging.path}/ ({staging.path.name}/run-failed.json)")
        raise
    finally:
        settings["out"] = str(out)
    if not staging.finished():
        where = staging.fail(failed_stage, max(worst, EXIT_ERROR))
        console.error(f"the run did not finish ({failed_stage or 'no article was audited'}): "
                      f"{out}/ is unchanged; this run's partial output is in {staging.path}/ "
                      f"(why: {where}; stage tables: {settings['data_dir']}/)")
        return max(worst, EXIT_ERROR)
    staging.swap()
    _cache_summary()
    if worst == EXIT_OK:
        console.info(f"wrote {out}/ (index.html, articles/, findings.jsonl, "
                     f"findings.csv, findings.sarif, junit.xml, articles.csv, fixlist.csv, "
                     f"metrics.json, summary.json)")
    return worst


def _cache_summary() -> None:
    from pipeline.cache import STATS

    if STATS:
        console.info("cache: " + ", ".join(
            f"{step} {s['hits']} of {s['hits'] + s['misses']} "
            f"{'batches' if step == 'validate' else 'articles'} reused"
            for step, s in STATS.items()))
    STATS.clear()


def cmd_rules(args) -> int:
    if args.stats:
        return _rule_stats(args)
    for code, cls in registry().items():
        print(f"{code}  {cls.name:<34} {cls.category:<12} {cls.severity:<9} {cls.summary()}")
    return EXIT_OK


def cmd_rule(args) -> int:
    reg = registry()
    cls = reg.get(args.code.upper())
    if cls is None:
        console.error(f"no rule {args.code!r}{did_you_mean(args.code.upper(), reg)} "
                      f"(`clinic-audit rules` lists them)")
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
        stats = knowledge_stats(project=Path(settings["knowledge"]))
    except KnowledgeError as e:
        console.error(str(e))
        return EXIT_ERROR
    print(json.dumps(stats, indent=2) if args.json else render(stats))
    return EXIT_OK


def cmd_check(args) -> int:
    from pipeline.check import Options, Stdin, check

    settings = _settings(args)
    _rule_selection(settings, args)
    files = [p for p in args.files if str(p) != "-"]
    stdin = None
    if len(files) < len(args.files):
        stdin = Stdin(sys.stdin.buffer.read(), args.stdin_filename)
    elif args.stdin_filename:
        console.error("--stdin-filename names the article read from stdin: add - to the files")
        return EXIT_ERROR
    options = Options(fmt=args.format, annotate_all=args.annotate_all, diff_base=args.diff_base,
                      stdin=stdin)
    return check(files, settings, policy_path=args.policy or Path(settings["policy"]),
                 waivers_path=args.waivers or Path(settings["waivers"]),
                 required=bool(args.policy), waivers_required=bool(args.waivers), options=options)


def cmd_gate(args) -> int:
    from pipeline import gate
    from pipeline.policy import PolicyError, load_policy, recorded_policy

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
    if not (outcome.passed and console.state.level == console.QUIET):
        print(gate.render(outcome, policy, baseline is not None))
    return EXIT_OK if outcome.passed else EXIT_VIOLATION


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
        console.error(str(e))
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
    if args.action == "serve":
        try:
            from pipeline.review.serve import serve
        except ImportError as e:
            print(f"review: error: the review application needs the `review` extra "
                  f"(starlette, uvicorn): pip install 'clinic-audit[review]' ({e})", file=sys.stderr)
            return EXIT_ERROR
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
        return serve(reports, db, host=args.host, port=args.port, waivers=waivers,
                     allow_hosts=args.allow_host)
    except (gate.GateError, ReviewDBError) as e:
        print(f"review: error: {e}", file=sys.stderr)
        return EXIT_ERROR


def cmd_server(args) -> int:
    from pipeline.server import client

    return client.command(args)


COMMANDS = {"run": cmd_run, "check": cmd_check, "gate": cmd_gate, "rules": cmd_rules,
            "review": cmd_review, "knowledge": cmd_knowledge, "rule": cmd_rule,
            "server": cmd_server}


def build_parser():
    return cli_parser.build(__doc__, COMMANDS)


def _close_stdout() -> None:
    """After a closed pipe: point stdout at /dev/null so the exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (tests): nothing left to flush
        pass


def main(argv: list[str] | None = None) -> None:
    previous = _terminate_cleanly()
    try:
        code = execute(sys.argv[1:] if argv is None else list(argv))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    sys.exit(code)


EXIT_TERMINATED = 128 + signal.SIGTERM


def _stop(signum, frame):
    raise SystemExit(EXIT_TERMINATED)


def _terminate_cleanly():
    """SIGTERM (a CI job cancelled, `timeout`, `kill`) ends the command as Ctrl-C does, through
    its clean-up: worker processes are stopped, a run records why it failed in its staging
    folder and leaves the last report as it was; the exit code is 143. Python's default is to
    die at once, leaving the workers behind. Returns the handler it replaced (None when it
    could not: not the main thread of an embedding caller)."""
    try:
        return signal.signal(signal.SIGTERM, _stop)
    except ValueError:
        return None


def execute(argv: list[str], via_server: bool = True) -> int:
    """Run the command of `argv` and return its exit code; `check` and `run` go through a
    running `clinic-audit server` when `via_server` and one is usable (pipeline/server/). The
    server runs requests here with `via_server=False`."""
    try:
        args = build_parser().parse_args(argv)
        console.configure(quiet=args.quiet, verbose=args.verbose, color=args.color)
        code = None
        if via_server and args.func in (cmd_check, cmd_run):
            from pipeline.server import client

            code = client.forward(argv, args)
        if code is None:
            _settings(args)
            code = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:  # `clinic-audit rules | head`: the reader has all it wanted
        _close_stdout()
        code = EXIT_PIPE
    except KeyboardInterrupt:
        console.error("interrupted")
        code = 130
    except (config.ConfigError, RuleError, PolicyError, FileNotFoundError,
            cluster.ClusterError) as e:
        for line in str(e).splitlines():  # one error per bad setting
            console.error(line)
        code = EXIT_ERROR
    except Exception:  # a crash is an error (2), never mistaken for a policy verdict (1)
        traceback.print_exc()
        console.error("clinic-audit crashed; no output of this run is complete")
        code = EXIT_ERROR
    return code
