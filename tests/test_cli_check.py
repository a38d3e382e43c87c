"""`clinic-audit check FILE...`: in-memory audit, every output format, exit codes as the gate."""
from __future__ import annotations

import json

import pytest
import yaml

from pipeline.cli import main
from tests.conftest import ROOT

TEXT = "Cramps\n\nPain, stiffness and stiffness, and fatigue.\n\nThe the pain returns.\n"


def check(capsys, d, *args) -> tuple[int, str, str]:
    """Run `check` with only TR002 selected (d/params.yaml), so that the expected lines do not
    depend on the other rules."""
    with pytest.raises(SystemExit) as e:
        main(["--params", str(d / "params.yaml"), "check", *map(str, args)])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.fixture
def files(tmp_path):
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["rules"]["select"] = ["TR002"]
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text("A clean sentence.\n\nIt is is fine.\n", encoding="utf-8")
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text(yaml.safe_dump({"min_score": 0}), encoding="utf-8")
    strict = tmp_path / "strict.yaml"
    strict.write_text(yaml.safe_dump({"min_score": 99}), encoding="utf-8")
    return tmp_path, lenient, strict


def test_text_lines_are_sorted_and_deterministic(capsys, files, monkeypatch):
    d, lenient, _ = files
    monkeypatch.chdir(d)
    code, out, _ = check(capsys, d, "b.txt", "a.txt", "--policy", lenient)
    assert code == 0
    lines = out.splitlines()
    findings = [line for line in lines if line.count(":") >= 3 and not line.startswith("note")]
    assert findings[0].startswith("b.txt:3:7: TR002 ")  # a.txt's "is is" is allowed
    assert "b.txt:5:1: TR002 " in findings[1]
    assert lines[-1].startswith("2 finding(s) (0 critical, 0 major, 2 minor) in 1 of 2 file(s)")
    assert check(capsys, d, "a.txt", "b.txt", "--policy", lenient)[1] == out


def test_policy_violation_exits_1(capsys, files):
    d, _, strict = files
    code, out, _ = check(capsys, d, d / "b.txt", "--policy", strict)
    assert code == 1
    assert "policy: score" in out and "policy FAILED" in out


@pytest.mark.parametrize("args,problem", [
    (["missing.txt", "--policy", "lenient.yaml"], "no such file"),
    (["a.txt", "--policy", "nope.yaml"], "no such policy file"),
])
def test_errors_exit_2(capsys, files, monkeypatch, args, problem):
    d, _, _ = files
    monkeypatch.chdir(d)
    code, _, err = check(capsys, d, *args)
    assert code == 2 and problem in err


def test_without_a_policy_file_the_packaged_default_is_used_and_named(capsys, files, monkeypatch):
    d, _, _ = files  # no sources/policy.yaml and none named: the policy shipped in the package
    monkeypatch.chdir(d)
    code, out, _ = check(capsys, d, "b.txt")
    assert code == 1  # the packaged policy: 2 minor findings in 12 words, far over 5 per 1,000
    assert out.splitlines()[-1].endswith("policy FAILED (package:pipeline/data/policy.yaml)")


def test_machine_formats(capsys, files):
    d, lenient, _ = files
    _, jl, _ = check(capsys, d, d / "b.txt", "--format", "jsonl", "--policy", lenient)
    rows = [json.loads(line) for line in jl.splitlines()]
    assert [r["rule_id"] for r in rows] == ["TR002", "TR002"]
    _, js, _ = check(capsys, d, d / "b.txt", "--format", "json", "--policy", lenient)
    doc = json.loads(js)
    assert doc["complete"] and doc["articles"]["b.txt"]["passed"] and len(doc["findings"]) == 2
    _, sa, _ = check(capsys, d, d / "b.txt", "--format", "sarif", "--policy", lenient)
    assert json.loads(sa)["runs"][0]["results"][0]["partialFingerprints"]["clinicAudit/v1"] == \
        rows[0]["fingerprint"]


def test_github_annotations(capsys, files, monkeypatch):
    d, lenient, _ = files
    monkeypatch.chdir(d)
    code, out, _ = check(capsys, d, "b.txt", "--format", "github", "--policy", lenient)
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("::notice file=b.txt,line=3,col=7,endLine=3,title=TR002 ")
    assert "::\"stiffness\" is written" in first
