"""The review application's JSON API and pages, through Starlette's in-process client: the
decisions round trip, every bad request is a 4xx that stores nothing, writes need the CSRF
token and the same origin, report pages keep a strict CSP and never leave the reports
directory."""
from __future__ import annotations

import html
import json
import re

import pytest
from starlette.testclient import TestClient

from pipeline.review.app import create_app, resolve, review_csp
from pipeline.review.db import ReviewDB
from tests.review_support import BETA, build_report, write_findings

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def setup(tmp_path):
    reports = tmp_path / "reports"
    findings = build_report(reports)
    db = ReviewDB(tmp_path / "review.sqlite")
    client = TestClient(create_app(reports, db), base_url=BASE)
    token = client.get("/api/session").json()["csrf_token"]
    client.headers.update({"X-CSRF-Token": token})
    return client, db, findings, reports


def post(client, **body):
    return client.post("/api/decisions", json=body)


def test_decide_then_read_back(setup):
    client, db, findings, _ = setup
    f = findings[0]
    r = post(client, fingerprint=f.fingerprint, decision="false_alarm", comment="intended",
             reviewer="Ann")
    assert r.status_code == 201, r.text
    assert r.json()["decision"] == "false_alarm" and r.json()["previous"] is None
    listed = client.get("/api/findings", params={"article": "alpha"}).json()
    assert listed["count"] == 3
    by_fp = {x["fingerprint"]: x for x in listed["findings"]}
    assert by_fp[f.fingerprint]["decision"]["reviewer"] == "Ann"
    assert by_fp[findings[1].fingerprint]["decision"] is None
    todo = client.get("/api/findings", params={"unreviewed": "1"}).json()
    assert {x["fingerprint"] for x in todo["findings"]} == {g.fingerprint for g in findings[1:]}
    decisions = client.get("/api/decisions").json()["decisions"]
    assert [(d["fingerprint"], d["decision"], d["resolved"]) for d in decisions] == [
        (f.fingerprint, "false_alarm", False)]
    r = post(client, fingerprint=f.fingerprint, decision="confirmed", comment="", reviewer="Bob")
    assert r.status_code == 201 and r.json()["previous"] == "false_alarm"
    hist = client.get("/api/history", params={"fingerprint": f.fingerprint}).json()["history"]
    assert [(h["reviewer"], h["previous"], h["decision"]) for h in hist] == [
        ("Ann", None, "false_alarm"), ("Bob", "false_alarm", "confirmed")]


def test_rule_precision(setup):
    client, _, findings, _ = setup
    for f, d in zip(findings, ["confirmed", "fixed", "false_alarm", "confirmed"]):
        assert post(client, fingerprint=f.fingerprint, decision=d, reviewer="Ann").status_code == 201
    rules = client.get("/api/stats").json()["rules"]
    assert rules == {
        "TR002": {"confirmed": 2, "false_alarm": 1, "fixed": 0, "wont_fix": 0, "precision": 0.6667},
        "CO001": {"confirmed": 0, "false_alarm": 0, "fixed": 1, "wont_fix": 0, "precision": None}}


def test_a_decision_whose_finding_is_gone_is_resolved(setup):
    client, _, findings, reports = setup
    gone = findings[3]  # beta's only finding
    assert post(client, fingerprint=gone.fingerprint, decision="confirmed",
                reviewer="Ann").status_code == 201
    fixed = BETA.replace("helps helps", "helps")
    write_findings(reports, findings[:3], {"alpha": ("alpha.txt", ""), "beta": ("beta.txt", fixed)})
    [d] = client.get("/api/decisions", params={"article": "beta"}).json()["decisions"]
    assert d["resolved"] is True and d["text"] == "helps helps"
    assert client.get("/api/findings", params={"article": "beta"}).json()["count"] == 0
    r = post(client, fingerprint=gone.fingerprint, decision="fixed", reviewer="Ann")
    assert r.status_code == 404


@pytest.mark.parametrize("body,status,message", [
    (b"{not json", 400, "bad JSON"),
    (b"[1, 2]", 400, "expected a JSON object"),
    (json.dumps({"fingerprint": "FP", "decision": "maybe", "reviewer": "Ann"}), 422,
     "decision must be one of"),
    (json.dumps({"fingerprint": "0" * 20, "decision": "confirmed", "reviewer": "Ann"}), 404,
     "unknown fingerprint"),
    (json.dumps({"fingerprint": "FP", "decision": "confirmed", "reviewer": "Ann",
                 "comment": "x" * 2001}), 422, "at most 2000"),
    (json.dumps({"fingerprint": "FP", "decision": "confirmed"}), 422, "reviewer is required"),
    (json.dumps({"fingerprint": "FP", "decision": "confirmed", "reviewer": " "}), 422,
     "reviewer is required"),
    (json.dumps({"fingerprint": "FP", "decision": "confirmed", "reviewer": "Ann",
                 "severity": "minor"}), 422, "unknown field"),
    (json.dumps({"fingerprint": "FP", "decision": "confirmed", "reviewer": "Ann",
                 "article_id": "beta"}), 404, "unknown fingerprint"),
    (json.dumps({"fingerprint": "FP", "decision": "confirmed", "reviewer": "Ann",
                 "comment": "y" * 20000}), 413, "larger than"),
])
def test_bad_requests_are_4xx_with_a_message_and_store_nothing(setup, body, status, message):
    client, db, findings, _ = setup
    if isinstance(body, str):
        body = body.replace("FP", findings[0].fingerprint).encode()
    r = client.post("/api/decisions", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert message in r.json()["error"]
    assert db.decisions() == [] and db.history() == []


@pytest.mark.parametrize("headers,status,message", [
    ({"X-CSRF-Token": ""}, 403, "X-CSRF-Token"),
    ({"X-CSRF-Token": "forged"}, 403, "X-CSRF-Token"),
    ({"Origin": "http://evil.example"}, 403, "cross-origin"),
    ({"Origin": "http://127.0.0.1:9999"}, 403, "cross-origin"),
    ({"Sec-Fetch-Site": "cross-site"}, 403, "cross-site"),
    ({"Content-Type": "text/plain"}, 415, "JSON"),
])
def test_writes_need_the_token_and_the_same_origin(setup, headers, status, message):
    client, db, findings, _ = setup
    body = json.dumps({"fingerprint": findings[0].fingerprint, "decision": "confirmed",
                       "reviewer": "Ann"})
    r = client.post("/api/decisions", content=body,
                    headers={"Content-Type": "application/json", **headers})
    assert r.status_code == status and message in r.json()["error"]
    assert db.history() == []
    ok = client.post("/api/decisions", content=body, headers={
        "Content-Type": "application/json", "Origin": BASE, "Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 201


def test_foreign_host_names_are_refused(setup):
    client, *_ = setup
    assert client.get("/api/session").status_code == 200
    r = client.get("/api/session", headers={"Host": "attacker.example"})
    assert r.status_code == 400 and "csrf_token" not in r.text


def test_article_pages_get_the_panel_and_keep_a_strict_csp(setup):
    client, _, _, reports = setup
    r = client.get("/articles/alpha.html")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', r.text).group(1)
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    assert script_src[-1] == "'self'" and all(s.startswith("'sha256-") for s in script_src[:-1])
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "connect-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert html.unescape(meta) + "; frame-ancestors 'none'" == csp
    assert r.text.count('<script src="/_review/review.js"></script>') == 1
    token = client.headers["X-CSRF-Token"]
    assert f'<meta name="clinic-audit-csrf" content="{token}">' in r.text
    # article text stays text: its markup arrives escaped, never as a tag
    assert "<b onmouseover" not in r.text and "&lt;b onmouseover=" in r.text
    # the report's own file is unchanged on disk (served, not rewritten)
    assert "review.js" not in (reports / "articles" / "alpha.html").read_text()
    js = client.get("/_review/review.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "innerHTML" not in js.text and "insertAdjacentHTML" not in js.text
    assert client.get("/_review/app.py").status_code == 404
    assert client.get("/", follow_redirects=False).headers["location"] == "/index.html"
    data = client.get("/findings.jsonl")
    assert data.status_code == 200 and data.headers["content-security-policy"].startswith(
        "default-src 'none'")


def test_review_csp_widens_only_script_style_and_connect():
    page = ("default-src 'none'; style-src 'sha256-A'; script-src 'sha256-B'; img-src 'none'; "
            "base-uri 'none'; form-action 'none'")
    assert review_csp(page) == (
        "default-src 'none'; style-src 'sha256-A' 'self'; script-src 'sha256-B' 'self'; "
        "img-src 'none'; base-uri 'none'; form-action 'none'; connect-src 'self'")


@pytest.mark.parametrize("path", [
    "../secret.txt", "articles/../../secret.txt", "./findings.jsonl", "..\\secret.txt",
    "articles\\..\\..\\secret.txt", "%2e%2e/secret.txt", "..%2fsecret.txt", "%2e%2e%5csecret.txt",
    "articles/%252e%252e/%252e%252e/secret.txt", "/secret.txt", "link/secret.txt", "x\x00.html",
    "articles", "",
])
def test_resolve_never_leaves_the_reports_directory(tmp_path, path):
    root = tmp_path / "reports"
    (root / "articles").mkdir(parents=True)
    (root / "findings.jsonl").write_text("{}\n")
    (tmp_path / "secret.txt").write_text("secret")
    (root / "link").symlink_to(tmp_path)
    assert resolve(root.resolve(), path) is None
    assert resolve(root.resolve(), "findings.jsonl") == (root / "findings.jsonl").resolve()


def test_an_unreadable_report_is_a_503_with_a_message(setup):
    client, _, findings, reports = setup
    (reports / "findings.jsonl").write_text("{truncated\n", encoding="utf-8")
    r = client.get("/api/findings")
    assert r.status_code == 503 and "re-run `clinic-audit run`" in r.json()["error"]


def test_a_missing_report_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="findings.jsonl is missing"):
        create_app(tmp_path, ReviewDB(tmp_path / "review.sqlite"))
