"""Command-line conventions (issue 11, item 6): --version, stdin, --quiet/--verbose, colour,
progress, "did you mean", settings errors, --params, closed pipes, text output, --select/--ignore,
configuration discovery, the gitlab format and GitHub annotations within GitHub's limits."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from importlib.metadata import version

import pytest
import yaml

from pipeline import console
from pipeline.cli import EXIT_PIPE, main
from tests.conftest import ROOT

TEXT = "Cramps\n\nPain, stiffness and stiffness, and fatigue.\n\nThe the pain returns.\n"
LINE_3 = ('b.txt:3:7: TR002 [minor] "stiffness" is written as "X and X"; two source terms were '
          'probably translated by the same English word. Suggestion: stiffness')
LINE_5 = 'b.txt:5:1: TR002 [minor] "The" is written twice in a row. Suggestion: The'


def cli(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A content project: params.yaml selecting TR002 and TR009, a lenient policy, b.txt."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["rules"]["select"] = ["TR002", "TR009"]
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "policy.yaml").write_text("min_score: 0\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# -- --version, --quiet/--verbose -------------------------------------------------------------
def test_version(capsys):
    code, out, _ = cli(capsys, "--version")
    assert code == 0 and out == f"clinic-audit {version('clinic-audit')}\n"


def test_text_lines_show_severity_and_suggestion(capsys, project):
    code, out, _ = cli(capsys, "check", "b.txt")
    assert code == 0
    assert out.splitlines() == [
        LINE_3, LINE_5,
        "2 finding(s) (0 critical, 0 major, 2 minor) in 1 of 1 file(s); policy passed "
        "(sources/policy.yaml)"]


def test_quiet_prints_findings_only_and_verbose_says_more(capsys, project):
    code, out, err = cli(capsys, "check", "b.txt", "-q")
    assert code == 0 and out.splitlines() == [LINE_3, LINE_5] and err == ""
    code, out, err = cli(capsys, "--verbose", "check", "b.txt")
    assert code == 0 and out.splitlines()[:2] == [LINE_3, LINE_5]
    assert "settings: params.yaml" in err.splitlines()  # found here, shown as typed
    assert "rules: 2 of " in err and "read and segmented 1 article(s) in " in err
    assert cli(capsys, "check", "b.txt", "-q", "-v")[0] == 2


# -- stdin ------------------------------------------------------------------------------------
def test_check_dash_reads_stdin(capsys, project, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    code, out, _ = cli(capsys, "check", "-", "-q")
    assert code == 0 and out.splitlines() == [LINE_3.replace("b.txt", "<stdin>"),
                                              LINE_5.replace("b.txt", "<stdin>")]
    # named, it is the same article as the file: same ids and fingerprints, same path shown
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    _, piped, _ = cli(capsys, "check", "-", "--stdin-filename", "b.txt", "--format", "jsonl")
    _, direct, _ = cli(capsys, "check", "b.txt", "--format", "jsonl")
    assert piped == direct and len(piped.splitlines()) == 2


def test_stdin_filename_gives_the_format(capsys, project, monkeypatch):
    html = "<html><body><nav>Home</nav><p>Rest the the knee.</p></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html.encode())))
    code, out, _ = cli(capsys, "check", "-", "--stdin-filename", "page.html", "-q")
    assert code == 0
    assert out.splitlines() == ['page.html:1:36: TR002 [minor] "the" is written twice in a row. '
                                'Suggestion: the']


# -- colour and progress ------------------------------------------------------------------------
class Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("env,when,expected", [
    ({}, "auto", True),
    ({"NO_COLOR": "1"}, "auto", False),
    ({"NO_COLOR": ""}, "auto", True),        # present but empty: no effect (no-color.org)
    ({"TERM": "dumb"}, "auto", False),
    ({"NO_COLOR": "1"}, "always", True),     # the flag wins over the environment
    ({}, "never", False),
])
def test_colour_on_a_terminal_unless_refused(monkeypatch, env, when, expected):
    monkeypatch.setenv("TERM", "xterm")
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert console.wants_color(Tty(), when) is expected
    assert console.wants_color(io.StringIO(), "auto") is False  # a pipe or a file: never


def test_colour_flag_and_force_color(capsys, project, monkeypatch):
    _, plain, _ = cli(capsys, "check", "b.txt", "-q")
    assert "\x1b[" not in plain
    _, coloured, _ = cli(capsys, "check", "b.txt", "-q", "--color", "always")
    assert coloured.splitlines()[1] == ("\x1b[1mb.txt:5:1:\x1b[0m \x1b[1mTR002\x1b[0m "
                                        "\x1b[36m[minor]\x1b[0m \"The\" is written twice in a "
                                        "row. \x1b[32mSuggestion:\x1b[0m The")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert cli(capsys, "check", "b.txt", "-q")[1] == coloured


def test_article_control_characters_are_not_sent_to_the_terminal(capsys, project):
    (project / "esc.txt").write_text("Rest the the knee.\x1b[2J Ice it.\n", encoding="utf-8")
    _, out, _ = cli(capsys, "check", "esc.txt", "--select", "TR002", "-q", "--color", "always")
    assert "\x1b[2J" not in out
    assert console.printable("a\x1b[2Jb\tc") == "a\\x1b[2Jb\tc"


def test_progress_bar_only_on_a_terminal(monkeypatch):
    monkeypatch.setattr(console, "state", console.State())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    console.configure()
    items = [1, 2, 3]
    assert console.track(items, "detect") is items          # not a terminal: no bar at all
    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    console.configure(quiet=True)
    assert console.track(items, "detect") is items          # --quiet: none either
    console.configure()
    assert list(console.track(items, "detect")) == items    # short: the bar never shows
    assert tty.getvalue() == ""
    slow = console.track(iter([1, 2]), "detect", total=2)
    assert slow.delay == 1.0 and not slow.disable
    clock = [slow.start_t]
    slow._time = lambda: clock[0]
    for _ in slow:
        clock[0] += 2  # as if each article took two seconds
    assert "detect: " in tty.getvalue() and "2/2" in tty.getvalue()


# -- did you mean, settings errors, --params ---------------------------------------------------
@pytest.mark.parametrize("args,message", [
    (["chek", "x.txt"], "invalid choice: 'chek'; did you mean 'check'?"),
    (["check", "x.txt", "--fromat", "text"], "unrecognized arguments: --fromat (did you mean "
                                             "--format?)"),
    (["check", "x.txt", "--output-format", "gitlb"], "did you mean 'gitlab'?"),
    (["rules", "--stat"], "unrecognized arguments: --stat (did you mean --stats?)"),
])
def test_unknown_flags_and_commands_suggest(capsys, args, message):
    code, _, err = cli(capsys, *args)
    assert code == 2 and message in err


def test_unknown_rule_code_suggests(capsys, project):
    code, _, err = cli(capsys, "rule", "TR0022")
    assert code == 2 and "no rule 'TR0022'; did you mean 'TR002'?" in err
    code, _, err = cli(capsys, "check", "b.txt", "--select", "TR0022")
    assert code == 2 and "--select: selector 'TR0022' matches no rule; did you mean 'TR002'?" in err
    params = yaml.safe_load((project / "params.yaml").read_text())
    params["rules"]["severity"] = {"SA01": "major"}
    (project / "params.yaml").write_text(yaml.safe_dump(params))
    code, _, err = cli(capsys, "check", "b.txt")
    assert code == 2
    assert err == ("error: params.yaml: rules.severity: selector 'SA01' matches no rule; did you "
                   "mean 'SA001'? (`clinic-audit rules` lists them)\n")


@pytest.mark.parametrize("setting,message", [
    ({"rules": {"severity": {"TR002": "severe"}}},
     "rules.severity.TR002: 'severe' is not one of critical, major, minor"),
    ({"grammar": {"dialet": "british"}},
     "unknown setting 'grammar.dialet'; did you mean 'grammar.dialect'? ('grammar' accepts: "
     "harper, dialect, harper_rules)"),
    ({"grammar": {"dialect": "britsh"}}, "did you mean 'british'?"),
    ({"review": {"db": 5}}, "review.db: int 5 is not a string"),
    ({"termbases": "mine.tbx"}, "termbases: str 'mine.tbx' is not a list of strings"),
    ({"languagetool": {"timeout": 0}}, "languagetool.timeout: int 0 is not a positive number"),
    ({"nlp": {"batch_size": "many"}}, "nlp.batch_size: str 'many' is not a whole number >= 1"),
    ({"rules": {"select": "TR002"}}, "rules.select: str 'TR002' is not a list"),
    ({"rules": {"ignore": ["tr"]}}, "rules.ignore[0]: 'tr' is not a rule code (TR002), a prefix "
                                    "(TR, TR0) or ALL; did you mean 'TR'?"),
    ({"outt": "x"}, "unknown setting 'outt'; did you mean 'out'?"),
])
def test_every_bad_setting_is_an_error_naming_file_line_and_key(capsys, project, setting,
                                                                message):
    params = project / "params.yaml"
    data = yaml.safe_load(params.read_text())
    for key, value in setting.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) and key in data else value
    params.write_text(yaml.safe_dump(data, sort_keys=False))
    code, out, err = cli(capsys, "check", "b.txt")
    assert code == 2 and out == "" and "Traceback" not in err
    found = re.search(r"^error: params\.yaml:(\d+): (.*)$", err, re.MULTILINE)
    assert found and message in found.group(2)
    leaf, node = next(iter(setting.items()))
    while isinstance(node, dict):  # the deepest key given: the line the error points at
        leaf, node = next(iter(node.items()))
    assert params.read_text().splitlines()[int(found.group(1)) - 1].strip().startswith(leaf + ":")


def test_missing_params_file_is_an_error(capsys, tmp_path):
    for command in (["rules"], ["check", "x.txt"]):
        code, out, err = cli(capsys, "--params", tmp_path / "nope.yaml", *command)
        assert code == 2 and out == ""
        assert err == f"error: {tmp_path / 'nope.yaml'}: no such settings file (--params)\n"


def test_unreadable_input_never_says_passed(capsys, project):
    code, out, err = cli(capsys, "check", "nope.txt")
    assert code == 2 and "passed" not in out
    assert "nope.txt: no such file or directory" in err and "no article was audited" in err
    code, out, err = cli(capsys, "check", "b.txt", "nope.txt")
    assert code == 2 and "passed" not in out
    assert out.splitlines()[-1] == ("2 finding(s) (0 critical, 0 major, 2 minor) in 1 of 2 "
                                    "file(s); incomplete (errors above), so the policy was not "
                                    "judged")


# -- closed pipe --------------------------------------------------------------------------------
def test_closed_pipe_exits_quietly():
    proc = subprocess.Popen([sys.executable, "-c", "from pipeline.cli import main; main()",
                             "rules"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line: `clinic-audit rules | head -0`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == EXIT_PIPE and err == ""


# -- --select / --ignore ------------------------------------------------------------------------
@pytest.mark.parametrize("flags,rules", [
    ([], {"TR002", "TR009"}),                       # the settings' selection
    (["--select", "TR009"], {"TR009"}),             # --select replaces it
    (["--select", "TR002,TR009", "--ignore", "TR002"], {"TR009"}),
    (["--ignore", "TR002"], {"TR009"}),             # --ignore alone: after the settings
    (["--select", "TR00", "--ignore", "TR002"], {"TR006", "TR008", "TR009"}),
])
def test_select_and_ignore_on_the_command_line(capsys, project, flags, rules):
    (project / "b.txt").write_text(TEXT + "\nKnee pain and...\n\nThe pain goes and It returns.\n")
    params = yaml.safe_load((project / "params.yaml").read_text())
    params["rules"]["ignore"] = ["TR006"]  # replaced by --select, kept by --ignore alone
    (project / "params.yaml").write_text(yaml.safe_dump(params))
    code, out, _ = cli(capsys, "check", "b.txt", "--format", "jsonl", *flags)
    assert code == 0 and {json.loads(r)["rule_id"] for r in out.splitlines()} == rules


# -- configuration discovery --------------------------------------------------------------------
def test_settings_found_upward_with_paths_relative_to_the_project(capsys, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.clinic-audit]\n'
        'policy = "release/policy.yaml"\n\n[tool.clinic-audit.rules]\nselect = ["TR009"]\n')
    (tmp_path / "release").mkdir()
    (tmp_path / "release" / "policy.yaml").write_text("min_score: 99.9\n")
    deep = tmp_path / "content" / "articles"
    deep.mkdir(parents=True)
    (deep / "knee.txt").write_text("Knee pain and...\n\nRest the the knee.\n")
    (deep / "pyproject.toml").write_text('[project]\nname = "not-ours"\n')  # no table: passed by
    monkeypatch.chdir(deep)
    code, out, err = cli(capsys, "-v", "check", "knee.txt")
    assert f"settings: {tmp_path / 'pyproject.toml'}" in err
    assert code == 1 and [line.split()[1] for line in out.splitlines()[:1]] == ["TR009"]
    assert f"policy FAILED ({tmp_path / 'release' / 'policy.yaml'})" in out
    # a params.yaml nearer than the pyproject.toml makes its folder the project
    (tmp_path / "content" / "params.yaml").write_text("rules:\n  select: [TR002]\n")
    (tmp_path / "content" / "sources").mkdir()
    (tmp_path / "content" / "sources" / "policy.yaml").write_text("min_score: 0\n")
    code, out, err = cli(capsys, "-v", "check", "knee.txt")
    assert f"settings: {tmp_path / 'content' / 'params.yaml'}" in err
    assert code == 0 and [line.split()[1] for line in out.splitlines()[:-1]] == ["TR002"]
    # its defaults are relative to content/ too
    assert f"policy passed ({tmp_path / 'content' / 'sources' / 'policy.yaml'})" in out


def test_explicit_params_paths_are_relative_to_the_current_folder(tmp_path, monkeypatch):
    from pipeline import config

    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "p.yaml").write_text("out: build/reports\n")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "policy.yaml").write_text("min_score: 90\n")
    monkeypatch.chdir(tmp_path)
    s = config.load(tmp_path / "conf" / "p.yaml")
    assert s["out"] == "build/reports" and s["policy"] == "sources/policy.yaml"
    assert s.files == (tmp_path / "conf" / "p.yaml",)


# -- machine formats ----------------------------------------------------------------------------
def test_gitlab_code_quality(capsys, project):
    code, out, _ = cli(capsys, "check", "b.txt", "--output-format", "gitlab")
    assert code == 0
    issues = json.loads(out)
    _, jl, _ = cli(capsys, "check", "b.txt", "--format", "jsonl")
    fps = [json.loads(r)["fingerprint"] for r in jl.splitlines()]
    assert issues == [
        {"description": "TR002 \"stiffness\" is written as \"X and X\"; two source terms were "
                        "probably translated by the same English word. Suggestion: stiffness",
         "check_name": "TR002", "fingerprint": fps[0], "severity": "minor",
         "location": {"path": "b.txt", "positions": {"begin": {"line": 3, "column": 7},
                                                      "end": {"line": 3, "column": 30}}}},
        {"description": "TR002 \"The\" is written twice in a row. Suggestion: The",
         "check_name": "TR002", "fingerprint": fps[1], "severity": "minor",
         "location": {"path": "b.txt", "positions": {"begin": {"line": 5, "column": 1},
                                                      "end": {"line": 5, "column": 8}}}}]


def _git(cwd, *args):
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   cwd=cwd, check=True, capture_output=True)


def test_github_annotates_changed_files_most_severe_first(capsys, project):
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "b.txt")
    _git(project, "commit", "-q", "-m", "base")
    (project / "new.txt").write_text("Knee pain and...\n\nRest the the knee.\n")
    code, out, _ = cli(capsys, "check", "b.txt", "new.txt", "--format", "github",
                       "--diff-base", "main")
    lines = out.splitlines()
    assert code == 0
    assert [line.split(",")[0] for line in lines if line.startswith("::")] == [
        "::notice file=new.txt", "::notice file=new.txt"]
    assert lines[-1] == ("annotations: 2 of 4 finding(s) (0 error, 0 warning, 2 notice), most "
                         "severe first, in the files changed since main; left out: 2 in "
                         "unchanged files (--annotate-all includes them); every finding: "
                         "--output-format text or the SARIF report")
    _, out, _ = cli(capsys, "check", "b.txt", "new.txt", "--format", "github", "--diff-base",
                    "main", "--annotate-all")
    assert sum(line.startswith("::") for line in out.splitlines()) == 4


def test_github_without_a_base_annotates_every_file_and_says_why(capsys, project, monkeypatch):
    monkeypatch.setenv("GITHUB_BASE_REF", "main")  # a pull request, but no git history here
    _, out, _ = cli(capsys, "check", "b.txt", "--format", "github")
    last = out.splitlines()[-1]
    assert sum(line.startswith("::notice file=b.txt") for line in out.splitlines()) == 2
    assert last.startswith("annotations: 2 of 2 finding(s) (0 error, 0 warning, 2 notice), most "
                           "severe first, in every file (the files changed since origin/main "
                           "are unknown: ")


def test_github_limits_per_level_and_per_job(monkeypatch):
    from pipeline.model import Finding
    from pipeline.report import github

    def finding(i, sev):
        return Finding(source="a.txt", article_id="a", start=i, end=i + 1, line=i + 1, column=1,
                       text="x", rule_id="TR002", rule_name="doubled-word-or-phrase",
                       category="translation", mqm_type="fluency", severity=sev, message="m",
                       suggestion=None, evidence=None, confidence=1.0, unit_id=None,
                       fingerprint=f"{sev}{i}")

    found = [finding(i, sev) for sev in ("minor", "major", "critical") for i in range(15)]
    paths, files = {"a.txt": "a.txt"}, {"a.txt": "/x/a.txt"}
    chosen, left = github.select(found, paths, files, None)
    assert [f.severity for f in chosen] == ["critical"] * 10 + ["major"] * 10 + ["minor"] * 10
    assert [f.line for f in chosen[:10]] == list(range(1, 11)) and left == {"limit": 15}
    lines = github.annotations(found, paths, files, None, "in every file")
    assert [line[:8] for line in lines[:30:10]] == ["::error ", "::warnin", "::notice"]
    monkeypatch.setattr(github, "PER_LEVEL", 20)  # the job's 50 binds before the levels' 60
    found = [finding(i, sev) for sev in ("minor", "major", "critical") for i in range(20)]
    chosen, left = github.select(found, paths, files, None)
    assert len(chosen) == 50 and left == {"limit": 10}
    assert [f.severity for f in chosen[-10:]] == ["minor"] * 10


def test_run_quiet_and_select(capsys, project):
    code, out, err = cli(capsys, "run", "b.txt", "-q", "--select", "TR002", "--out", "r",
                         "--data-dir", "d")
    assert code == 0 and out == "" and err == ""
    rows = [json.loads(r) for r in (project / "r" / "findings.jsonl").read_text().splitlines()]
    assert [(r["rule_id"], r["line"]) for r in rows] == [("TR002", 3), ("TR002", 5)]
