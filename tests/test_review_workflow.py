"""The review workflow end to end: a finding fails the gate; an editor marks it a false alarm in
the review application; `gate --db` then passes; `review export` writes the waiver to the
waivers file, which passes the gate without the database and lets `check` pass in a copy of the
sources that has no database (a clean clone); the report stage marks the reviewed finding in
every output; `rules --stats` shows the rule's precision. A later "confirmed" takes it back."""
from __future__ import annotations

import csv
import json
import shutil

import pytest
import yaml
from starlette.testclient import TestClient

from pipeline import io, table_files, tables
from pipeline.cli import main
from pipeline.review.app import create_app
from pipeline.review.db import ReviewDB
from pipeline.rules.base import registry
from pipeline.stages import report as report_stage
from tests.conftest import ROOT, settings_for
from tests.test_gate import TEXT, audit, policy_file

COMMENT = "The repetition quotes the patient's own words."


def cli(capsys, *args, params=ROOT / "params.yaml") -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main(["--params", str(params), *map(str, args)])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def report_run(work, out, waivers, db):
    """The report stage over intermediate tables written from an in-memory audit (the NLP
    stages are tested elsewhere; the report stage is what reads waivers and decisions)."""
    article, findings = audit(TEXT)
    data = work / "data"
    if not data.exists():
        table_files.write(data / "articles.parquet", tables.articles_frame([article]))
        table_files.write(data / "findings.parquet", tables.findings_frame(findings))
        table_files.write(data / "segments_scored.parquet", tables.segments_frame([article]))
        io.write_json(data / "ingest.json", {"errors": [], "warnings": []})
        io.write_json(data / "segment.json", {"errors": []})
        io.write_json(data / "detect.json", {"findings": len(findings), "errors": [], "notes": {}})
        io.write_json(data / "validation.json", {"success": True, "suites": {}})
    settings = settings_for(["TR002"], out=str(out), data_dir=str(data), waivers=str(waivers),
                            policy=str(work / "policy.yaml"), review={"db": str(db)})
    assert report_stage.run(settings) == 0
    return findings


def test_a_false_alarm_in_review_waives_the_finding_everywhere(tmp_path, capsys):
    work = tmp_path
    policy = policy_file(work, min_score=99.0)  # one minor finding in 18 words fails it
    waivers, db_path, reports = work / "waivers.yaml", work / "review.sqlite", work / "reports"
    waivers.write_text("# Reviewed findings (hand-written header kept by export)\nwaivers: []\n")
    [finding] = report_run(work, reports, waivers, db_path)
    gate = ("gate", "--reports", reports, "--policy", policy, "--waivers", waivers)
    code, out, _ = cli(capsys, *gate)
    assert code == 1 and "FAIL cramps.txt" in out

    # the editor's decision, through the API the page uses
    client = TestClient(create_app(reports, ReviewDB(db_path)), base_url="http://127.0.0.1:8765")
    token = client.get("/api/session").json()["csrf_token"]
    r = client.post("/api/decisions", headers={"X-CSRF-Token": token}, json={
        "fingerprint": finding.fingerprint, "decision": "false_alarm", "comment": COMMENT,
        "reviewer": "Ann Editor"})
    assert r.status_code == 201, r.text

    code, out, _ = cli(capsys, *gate, "--db", db_path)
    assert code == 0 and "1 waived" in out and "stale" not in out

    code, out, _ = cli(capsys, "review", "export", "--reports", reports, "--db", db_path,
                       "--waivers", waivers)
    assert code == 0 and "1 waiver(s) from review" in out
    text = waivers.read_text(encoding="utf-8")
    assert text.startswith("# Reviewed findings (hand-written header kept by export)\n")
    [w] = yaml.safe_load(text)["waivers"]
    assert {k: w[k] for k in ("fingerprint", "rule", "article", "by", "reason", "decision")} == {
        "fingerprint": finding.fingerprint, "rule": "TR002", "article": finding.article_id,
        "by": "Ann Editor", "reason": f"False alarm in review: {COMMENT}",
        "decision": "false_alarm"}
    code, out, _ = cli(capsys, *gate)  # the file alone, no database
    assert code == 0 and "1 waived" in out

    # a clean clone: the sources and the exported waivers, no database, no reports
    clone = work / "clone"
    (clone / "articles").mkdir(parents=True)
    (clone / "articles" / "cramps.txt").write_text(TEXT, encoding="utf-8")
    shutil.copy(waivers, clone / "waivers.yaml")
    shutil.copy(policy, clone / "policy.yaml")  # a missing policy is an error, not the defaults
    params = clone / "params.yaml"
    params.write_text("rules: {select: [TR002]}\n", encoding="utf-8")
    check = ("check", clone / "articles", "--policy", policy)
    code, out, _ = cli(capsys, *check, "--waivers", clone / "waivers.yaml", params=params)
    assert code == 0 and "policy passed" in out
    (clone / "empty.yaml").write_text("waivers: []\n")
    assert cli(capsys, *check, "--waivers", clone / "empty.yaml", params=params)[0] == 1

    # the next run marks the reviewed finding in every output (from the file, then the database)
    plain = clone / "reports"
    report_run(clone, plain, clone / "waivers.yaml", clone / "no-such.sqlite")
    [rec] = [json.loads(x) for x in (plain / "findings.jsonl").read_text().splitlines()]
    assert rec["review"] == {"decision": "false_alarm", "by": "Ann Editor", "at": w["date"],
                             "comment": f"False alarm in review: {COMMENT}", "origin": "waivers"}
    report_run(work, reports, waivers, db_path)
    [rec] = [json.loads(x) for x in (reports / "findings.jsonl").read_text().splitlines()]
    assert (rec["review"]["decision"], rec["review"]["comment"], rec["review"]["origin"]) == (
        "false_alarm", COMMENT, "database")
    [row] = csv.DictReader((reports / "findings.csv").open(encoding="utf-8"))
    assert json.loads(row["review"])["decision"] == "false_alarm"
    [result] = json.loads((reports / "findings.sarif").read_text())["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "external", "status": "accepted",
                                       "justification": COMMENT}]
    page = (reports / "articles" / f"{finding.article_id}.html").read_text(encoding="utf-8")
    assert page.count('data-review="false_alarm"') == 2  # the highlight and the sentence table
    assert "Reviewed: <strong>false alarm</strong> by Ann Editor" in page
    summary = json.loads((reports / "summary.json").read_text())
    assert summary["policy"]["passed"] is True
    assert summary["review"] == {
        "reviewed": 1, "unreviewed": 0, "resolved": 0,
        "decisions": {"confirmed": 0, "false_alarm": 1, "fixed": 0, "wont_fix": 0, "waived": 0},
        "rules": {"TR002": {"confirmed": 0, "false_alarm": 1, "fixed": 0, "wont_fix": 0,
                            "precision": 0.0}}}
    code, out, _ = cli(capsys, "rules", "--stats", "--db", db_path)
    assert code == 0
    assert [line.split() for line in out.splitlines() if line.startswith("TR002")] == [
        ["TR002", registry()["TR002"].name, "0.00", "0", "1", "0", "0"]]

    # the editor changes their mind: confirmed is not a waiver, and export drops the waiver
    r = client.post("/api/decisions", headers={"X-CSRF-Token": token}, json={
        "fingerprint": finding.fingerprint, "decision": "confirmed", "reviewer": "Bob"})
    assert r.status_code == 201 and r.json()["previous"] == "false_alarm"
    code, out, _ = cli(capsys, "review", "export", "--reports", reports, "--db", db_path,
                       "--waivers", waivers)
    assert code == 0 and "0 waiver(s) from review" in out
    assert yaml.safe_load(waivers.read_text())["waivers"] == []
    assert cli(capsys, *gate, "--db", db_path)[0] == 1


def test_export_keeps_hand_written_waivers_and_leaves_out_resolved_decisions(tmp_path, capsys):
    work = tmp_path
    policy_file(work)
    db_path, reports, waivers = work / "review.sqlite", work / "reports", work / "waivers.yaml"
    hand = {"fingerprint": "0123456789abcdef0123", "by": "Carol", "date": "2025-01-31",
            "reason": "A quotation, reviewed by hand."}
    waivers.write_text(yaml.safe_dump({"waivers": [hand]}), encoding="utf-8")
    [finding] = report_run(work, reports, waivers, db_path)
    db = ReviewDB(db_path)
    db.record(finding, "wont_fix", "", "Ann")
    gone = type(finding)(**{**finding.to_dict(), "fingerprint": "f" * 20, "text": "old"})
    db.record(gone, "false_alarm", "", "Ann")  # a finding no longer in the report
    code, out, _ = cli(capsys, "review", "export", "--reports", reports, "--db", db_path,
                       "--waivers", waivers)
    assert code == 0, out
    assert "1 waiver(s) from review, 1 kept from the file" in out and "1 decision(s) left out" in out
    rows = yaml.safe_load(waivers.read_text())["waivers"]
    assert {r["fingerprint"]: (r["by"], r.get("decision")) for r in rows} == {
        hand["fingerprint"]: ("Carol", None), finding.fingerprint: ("Ann", "wont_fix")}
    assert [r["reason"] for r in rows if r["by"] == "Ann"] == ["Won't fix in review."]


def test_gate_with_a_missing_database_is_an_error(tmp_path, capsys):
    policy = policy_file(tmp_path)
    reports = tmp_path / "reports"
    report_run(tmp_path, reports, tmp_path / "w.yaml", tmp_path / "none.sqlite")
    code, _, err = cli(capsys, "gate", "--reports", reports, "--policy", policy,
                       "--db", tmp_path / "absent.sqlite")
    assert code == 2 and "no such review database" in err
