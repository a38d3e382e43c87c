"""The command line's arguments: argparse with "did you mean" for a mistyped flag, command or
choice, global options accepted before or after the command, and no abbreviated flags (a
script's `--form` must not start meaning something else when a flag is added)."""
from __future__ import annotations

import argparse
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipeline.suggest import closest, did_you_mean

FORMATS = ("text", "json", "jsonl", "sarif", "github", "gitlab")  # of `check`
# Options every command takes, before or after its name (their defaults are filled in after
# parsing, so that a value given before the command is not reset by the command's parser).
COMMON_DEFAULTS = {"params": None, "quiet": False, "verbose": False, "color": "auto"}


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self.commands: dict[str, argparse.ArgumentParser] = {}

    def _check_value(self, action, value):
        if action.choices is not None and value not in action.choices:
            choices = [str(c) for c in action.choices]
            raise argparse.ArgumentError(action, f"invalid choice: {value!r}"
                                         f"{did_you_mean(str(value), choices)} "
                                         f"(choose from {', '.join(choices)})")

    def parse_args(self, args=None, namespace=None):
        ns, extras = self.parse_known_args(args, namespace)
        for key, value in COMMON_DEFAULTS.items():
            if not hasattr(ns, key):
                setattr(ns, key, value)
        if extras:
            sub = self.commands.get(getattr(ns, "command", None))
            flags = [o for p in (self, sub) if p for a in p._actions for o in a.option_strings]
            hints = []
            for extra in extras:
                best = closest(extra.split("=")[0], flags) if extra.startswith("-") else None
                hints.append(f"{extra} (did you mean {best}?)" if best else extra)
            (sub or self).error(f"unrecognized arguments: {' '.join(hints)}")
        if ns.quiet and ns.verbose:
            self.error("--quiet and --verbose exclude each other")
        return ns


def _codes(text: str) -> list[str]:
    """`--select TR002,CO` -> ["TR002", "CO"]."""
    return [c.strip() for c in text.split(",") if c.strip()]


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--params", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                   help="settings file (default: params.yaml or [tool.clinic-audit] in "
                   "pyproject.toml, in the nearest folder at or above this one)")
    p.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                   help="print results and errors only (no summary, notes or progress)")
    p.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                   help="also print the settings files read, timings and rule tracebacks")
    p.add_argument("--color", choices=("auto", "always", "never"), default=argparse.SUPPRESS,
                   help="colour the output: auto (default: on a terminal, unless NO_COLOR is "
                   "set), always, never")
    return p


def _rule_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", type=_codes, action="extend", metavar="CODES",
                   help="only these rules (codes, prefixes or ALL, comma-separated); replaces "
                   "rules.select and rules.ignore of the settings")
    p.add_argument("--ignore", type=_codes, action="extend", metavar="CODES",
                   help="leave these rules out (codes or prefixes, comma-separated), after the "
                   "settings' selection")


def package_version() -> str:
    try:
        return version("clinic-audit")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown (not installed)"


def build(doc: str, commands: dict) -> Parser:
    """The parser; `commands` maps each command name to its function."""
    common = _common()
    ap = Parser(prog="clinic-audit", description=doc.split("\n\n")[0], parents=[common])
    ap.add_argument("-V", "--version", action="version",
                    version=f"clinic-audit {package_version()}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help, parents=[common])
        p.set_defaults(func=commands[name])
        ap.commands[name] = p
        return p

    p = command("run", "run the whole pipeline (ingest, segment, detect, validate, report)")
    p.add_argument("paths", nargs="*", type=Path, help="files or directories (default sources/articles)")
    p.add_argument("--out", type=Path, help="output directory (default reports)")
    p.add_argument("--data-dir", type=Path, help="intermediate tables (default data)")
    p.add_argument("--policy", type=Path, help="policy file (default sources/policy.yaml)")
    p.add_argument("--jobs", "-j", type=int, metavar="N",
                   help="worker processes for segment and detect (default: `jobs` in the settings, "
                   "1; 0: one per core); the output is the same for any N")
    p.add_argument("--executor", choices=("local", "dask"),
                   help="where segment and detect run: local (default; --jobs processes) or dask "
                   "(a Dask cluster, --scheduler; needs the `cluster` extra)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="the Dask scheduler for --executor dask, e.g. tcp://host:8786")
    p.add_argument("--no-cache", dest="cache", action="store_false", default=None,
                   help="audit every article afresh: neither read nor write the per-article "
                   "cache (`cache: false` in the settings; README: Incremental re-audit)")
    _rule_flags(p)
    p = command("check", "audit files in memory (no data directory) and print the findings; "
                "exit 0 pass, 1 policy violated, 2 error")
    p.add_argument("files", nargs="+", type=Path,
                   help="article files or directories; - reads one article from stdin")
    p.add_argument("--output-format", "--format", dest="format", choices=FORMATS, default="text",
                   help="text (default), json, jsonl, sarif, github (workflow annotations), "
                   "gitlab (Code Quality report)")
    p.add_argument("--stdin-filename", metavar="NAME",
                   help="the name of the article read from stdin (its format and shown path)")
    p.add_argument("--policy", type=Path, help="policy file (default sources/policy.yaml)")
    p.add_argument("--waivers", type=Path, help="waivers file (default sources/waivers.yaml)")
    _rule_flags(p)
    p.add_argument("--annotate-all", action="store_true",
                   help="github format: annotate every file, not only those changed")
    p.add_argument("--diff-base", metavar="REF",
                   help="github format: annotate the files changed since REF (default "
                   "origin/$GITHUB_BASE_REF in a pull-request workflow)")
    p.add_argument("--no-server", action="store_true",
                   help="check in this process even when a `clinic-audit server` is running "
                   "(also CLINIC_AUDIT_SERVER=0)")
    p = command("server", "a resident process that keeps spaCy and the rules loaded, so that "
                "`check` answers in a fraction of the time: start, stop, status (status exits 1 "
                "when none is running)")
    p.add_argument("action", choices=("start", "stop", "status"))
    p.add_argument("--idle-timeout", type=float, metavar="SECONDS",
                   help="start: exit after this many seconds without a request (default 1800)")
    p = command("gate", "the release gate over a report: exit 0 pass, 1 policy violated, "
                "2 error (missing, invalid or incomplete findings)")
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
    db_help = "review database (default: `review.db` in params.yaml, review.sqlite)"
    p = command("rules", "list the rules")
    p.add_argument("--stats", action="store_true", help="each rule's precision from the editors' "
                   "decisions (review database and waivers file)")
    p.add_argument("--db", type=Path, help=db_help)
    p = command("review", "the editors' review application: record decisions on findings in "
                "the browser; `review export` writes them to the waivers file")
    p.add_argument("action", nargs="?", choices=("serve", "export"), default="serve",
                   help="serve the application (default) or export decisions as waivers")
    p.add_argument("--reports", type=Path, help="report directory (default reports/)")
    p.add_argument("--db", type=Path, help=db_help)
    p.add_argument("--waivers", type=Path, help="waivers file (default sources/waivers.yaml)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="another Host name the server answers to (when not on 127.0.0.1)")
    p = command("knowledge", "the knowledge base: concepts by source and type, source versions, "
                "index load time (cold and warm)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p = command("rule", "print one rule's documentation")
    p.add_argument("code")
    return ap
