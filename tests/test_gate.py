"""The release gate: every exit code, waivers (valid, invalid, stale), baseline mode, and
fingerprints that survive edits elsewhere in the article."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pipeline import gate
from pipeline.cli import main
from pipeline.report import files, summary as summary_mod
from pipeline.policy import Policy, PolicyError, load_policy
from tests.conftest import ROOT, make_article, run_rules

TEXT = ("Muscle cramps\n\n"
        "Symptoms include pain, muscle stiffness and stiffness, and fatigue.\n\n"
        "Rest and gentle stretching help most patients.\n")
PARAGRAPH = "A new paragraph an editor added later, with several more words in it.\n\n"


def audit(text: str, name: str = "cramps.txt"):
    article = make_article(text, name)
    return article, run_rules([article], ["TR002"])


def write_report(out: Path, articles, findings, complete: bool = True) -> Path:
    """A report directory as the report stage writes it (findings.jsonl + summary.json)."""
    rows = [{"article_id": a.article_id, "source": a.source, "word_count": a.word_count,
             "title": ""} for a in articles]
    sha = files.write_jsonl(out / "findings.jsonl", findings)
    validation = {"success": True, "suites": {}} if complete else None
    summary = summary_mod.build(rows, findings, ingest={}, detect={}, validation=validation,
                                findings_sha256=sha)
    summary_mod.add_policy(summary, {}, load_policy(ROOT / "sources/policy.yaml"), out)
    (out / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    return out


def gate_cli(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main(["--params", str(ROOT / "params.yaml"), "gate", *map(str, args)])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def policy_file(tmp_path: Path, **over) -> Path:
    data = {"min_score": 50.0, "max_critical": 0, "max_per_1000_words": {}, "exclude_rules": []}
    data.update(over)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def waivers_file(tmp_path: Path, waivers: list[dict]) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(yaml.safe_dump({"waivers": waivers}, sort_keys=False), encoding="utf-8")
    return path


def waiver(fp: str, **over) -> dict:
    return {"fingerprint": fp, "by": "Reviewer", "date": "2025-01-31",
            "reason": "Reviewed: the repetition is intended here.", **over}


@pytest.fixture
def report(tmp_path):
    article, findings = audit(TEXT)
    assert len(findings) == 1
    return write_report(tmp_path / "reports", [article], findings), findings


def test_pass_exits_0(capsys, tmp_path, report):
    reports, _ = report
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy_file(tmp_path),
                            "--waivers", waivers_file(tmp_path, []))
    assert code == 0, out
    assert "gate: passed" in out
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy_file(tmp_path),
                            "--waivers", waivers_file(tmp_path, []), "--quiet")
    assert code == 0 and out == ""  # --quiet: a pass says nothing


def test_violation_exits_1_with_what_failed(capsys, tmp_path, report):
    reports, _ = report
    policy = policy_file(tmp_path, max_per_1000_words={"translation": 1})
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy,
                            "--waivers", waivers_file(tmp_path, []))
    assert code == 1
    assert "FAIL cramps.txt" in out and "translation finding(s)" in out and "gate: FAILED" in out
    assert gate_cli(capsys, "--reports", reports, "--policy", policy, "--waivers",
                    waivers_file(tmp_path, []), "-q")[1] == out  # a failure says why, even so


def test_score_and_critical_rules(tmp_path, report):
    _, findings = report
    rows = [{"article_id": findings[0].article_id, "source": "cramps.txt", "words": 10}]
    strict = gate.apply(findings, rows, Policy(min_score=99.0), [])
    assert not strict.passed and "score 90 is below 99" in strict.verdicts[rows[0]["article_id"]].failures[0]
    findings[0].severity = "critical"
    crit = gate.apply(findings, rows, Policy(min_score=-1000), [])
    assert any("critical" in why for why in crit.verdicts[rows[0]["article_id"]].failures)
    assert gate.apply(findings, rows, Policy(min_score=-1000, exclude_rules=("TR",)), []).passed


@pytest.mark.parametrize("damage", ["missing", "no-summary", "tampered", "truncated", "incomplete",
                                    "invalid-json", "wrong-count"])
def test_bad_findings_are_an_error_never_a_pass(capsys, tmp_path, report, damage):
    reports, _ = report
    jsonl, summary = reports / "findings.jsonl", reports / "summary.json"
    data = json.loads(summary.read_text())
    if damage == "missing":
        jsonl.unlink()
    elif damage == "no-summary":
        summary.unlink()
    elif damage == "tampered":
        jsonl.write_text(jsonl.read_text().replace("stiffness", "stiffnesz"))
    elif damage == "truncated":
        jsonl.write_text("")
    elif damage == "incomplete":
        data["complete"] = False
        summary.write_text(json.dumps(data))
    elif damage == "invalid-json":
        jsonl.write_text("{not json\n")
        data["findings_file"]["sha256"] = files.hashlib.sha256(b"{not json\n").hexdigest()
        summary.write_text(json.dumps(data))
    elif damage == "wrong-count":
        data["findings_file"]["count"] = 5
        summary.write_text(json.dumps(data))
    code, out, err = gate_cli(capsys, "--reports", reports, "--policy", policy_file(tmp_path))
    assert code == 2, (out, err)
    assert "gate: error" in err and "passed" not in out


def test_findings_option_reads_the_summary_beside_it(capsys, tmp_path, report):
    reports, _ = report
    code, _, _ = gate_cli(capsys, "--findings", reports / "findings.jsonl",
                          "--policy", policy_file(tmp_path))
    assert code == 0
    code, _, err = gate_cli(capsys, "--findings", tmp_path / "nowhere.jsonl")
    assert code == 2 and "missing" in err


def test_invalid_policy_is_an_error(capsys, tmp_path, report):
    reports, _ = report
    bad = tmp_path / "bad.yaml"
    bad.write_text("min_score: high\nmax_typos: 3\n")
    code, _, err = gate_cli(capsys, "--reports", reports, "--policy", bad)
    assert code == 2 and "invalid policy" in err
    code, _, err = gate_cli(capsys, "--reports", reports, "--policy", tmp_path / "absent.yaml")
    assert code == 2 and "no such policy file" in err
    with pytest.raises(PolicyError):
        load_policy(bad)


def test_the_bundled_policy_and_waivers_files_are_valid():
    assert load_policy(ROOT / "sources/policy.yaml", required=True).path.endswith("policy.yaml")
    gate.load_waivers(ROOT / "sources/waivers.yaml", required=True)


@pytest.mark.parametrize("entry,problem", [
    ({"fingerprint": "0123456789abcdef0123", "by": "A", "date": "2025-01-31"}, "reason"),
    ({"fingerprint": "xyz", "by": "A", "date": "2025-01-31", "reason": "long enough reason"}, "fingerprint"),
    ({"fingerprint": "0123456789abcdef0123", "by": "A", "date": "31/01/2025",
      "reason": "long enough reason"}, "date"),
    ({"fingerprint": "0123456789abcdef0123", "by": "A", "date": "2999-01-01",
      "reason": "long enough reason"}, "future"),
    ({"fingerprint": "0123456789abcdef0123", "by": "A", "date": "2025-01-31",
      "reason": "long enough reason", "colour": "red"}, "colour"),
])
def test_invalid_waivers_are_an_error(capsys, tmp_path, report, entry, problem):
    reports, _ = report
    code, _, err = gate_cli(capsys, "--reports", reports, "--policy", policy_file(tmp_path),
                            "--waivers", waivers_file(tmp_path, [entry]))
    assert code == 2 and problem in err, err


def test_a_waiver_lets_a_reviewed_finding_pass(capsys, tmp_path, report):
    reports, findings = report
    policy = policy_file(tmp_path, max_per_1000_words={"translation": 1})
    w = waivers_file(tmp_path, [waiver(findings[0].fingerprint, rule="TR002")])
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy, "--waivers", w)
    assert code == 0, out
    assert "1 waived" in out


def test_a_waiver_naming_the_wrong_rule_is_an_error(capsys, tmp_path, report):
    reports, findings = report
    w = waivers_file(tmp_path, [waiver(findings[0].fingerprint, rule="TR001")])
    code, _, err = gate_cli(capsys, "--reports", reports, "--policy", policy_file(tmp_path),
                            "--waivers", w)
    assert code == 2 and "TR001" in err


def test_a_waiver_whose_finding_is_gone_is_stale(capsys, tmp_path, report):
    reports, findings = report
    fixed_article, fixed = audit(TEXT.replace("stiffness and stiffness", "stiffness and rigidity"))
    assert fixed == []
    write_report(reports, [fixed_article], fixed)
    w = waivers_file(tmp_path, [waiver(findings[0].fingerprint)])
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy_file(tmp_path),
                            "--waivers", w)
    assert code == 0
    assert f"stale waiver {findings[0].fingerprint}" in out


def test_baseline_fails_only_on_new_findings(capsys, tmp_path):
    old_article, old = audit(TEXT)
    baseline = write_report(tmp_path / "old", [old_article], old) / "findings.jsonl"
    new_text = TEXT + "\nThe the pain returns at night.\n"
    new_article, new = audit(new_text)
    assert len(new) == 2
    reports = write_report(tmp_path / "new", [new_article], new)
    policy = policy_file(tmp_path, max_per_1000_words={"translation": 1})
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy)
    assert code == 1
    # with the old release as baseline only the one new finding counts: still too many here...
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy,
                            "--baseline", baseline)
    assert code == 1 and "1 already in the baseline" in out
    # ...and when the new finding is waived, the baseline's finding does not fail the gate
    w = waivers_file(tmp_path, [waiver(next(f.fingerprint for f in new if f.text == "The the"))])
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy,
                            "--baseline", baseline, "--waivers", w)
    assert code == 0, out
    # the same release against itself as baseline: nothing is new
    code, _, _ = gate_cli(capsys, "--reports", reports, "--policy", policy,
                          "--baseline", reports / "findings.jsonl")
    assert code == 0


def test_an_unreadable_baseline_is_an_error(capsys, tmp_path, report):
    reports, _ = report
    bad = tmp_path / "baseline.jsonl"
    bad.write_text('{"rule_id": "TR002"}\n')
    code, _, err = gate_cli(capsys, "--reports", reports, "--baseline", bad)
    assert code == 2 and "invalid finding" in err


@pytest.mark.parametrize("edit", [
    lambda t: PARAGRAPH + t,  # a paragraph before the finding
    lambda t: t.replace("Muscle cramps\n\n", "Muscle cramps\n\n" + PARAGRAPH),
    lambda t: t + "\n" + PARAGRAPH,  # after it
    lambda t: t.replace("Rest and gentle", "Rest, warmth and gentle"),  # another line
])
def test_fingerprints_survive_edits_elsewhere_and_waivers_still_apply(capsys, tmp_path, edit):
    article, before = audit(TEXT)
    edited_article, after = audit(edit(TEXT))
    assert [f.fingerprint for f in after] == [f.fingerprint for f in before]
    reports = write_report(tmp_path / "reports", [edited_article], after)
    policy = policy_file(tmp_path, max_per_1000_words={"translation": 1})
    w = waivers_file(tmp_path, [waiver(before[0].fingerprint)])
    code, out, _ = gate_cli(capsys, "--reports", reports, "--policy", policy, "--waivers", w)
    assert code == 0 and "stale" not in out, out


def test_a_second_identical_finding_gets_its_own_fingerprint():
    _, findings = audit(TEXT + "\nAgain, stiffness and stiffness.\n")
    assert len({f.fingerprint for f in findings}) == len(findings) == 2
