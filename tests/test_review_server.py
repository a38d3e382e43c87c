"""The review server as a real process on a free port: four clients posting 250 decisions each at
once lose none; a server killed (SIGKILL) during a burst of writes leaves a database that opens,
passes `PRAGMA integrity_check` and holds every decision that got a 201; raw request paths
(`../`, `%2e%2e/`, encoded backslashes) never leave the reports directory."""
from __future__ import annotations

import http.client
import json
import sqlite3
import threading
import time
from urllib.parse import urlsplit

import pytest

from pipeline.review.db import DECISIONS, ReviewDB
from tests.review_support import build_report, review_server

CLIENTS, PER_CLIENT = 4, 250


@pytest.fixture
def report(tmp_path):
    findings = build_report(tmp_path / "reports", extra=40)
    return tmp_path / "reports", findings


def _connection(url: str) -> http.client.HTTPConnection:
    u = urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30)


def _token(url: str) -> str:
    conn = _connection(url)
    conn.request("GET", "/api/session")
    token = json.loads(conn.getresponse().read())["csrf_token"]
    conn.close()
    return token


def _client(url, token, findings, client, count, acked, errors, stop=None):
    """Post `count` decisions (each with a unique comment), recording those answered 201."""
    conn = _connection(url)
    headers = {"Content-Type": "application/json", "X-CSRF-Token": token}
    try:
        for i in range(count):
            if stop is not None and stop.is_set():
                return
            f = findings[(client * 7 + i) % len(findings)]
            comment = f"client {client} decision {i}"
            body = json.dumps({"fingerprint": f.fingerprint, "reviewer": f"Reviewer {client}",
                               "decision": DECISIONS[i % len(DECISIONS)], "comment": comment})
            conn.request("POST", "/api/decisions", body=body, headers=headers)
            r = conn.getresponse()
            r.read()
            if r.status == 201:
                acked.append(comment)
            else:
                errors.append(r.status)
    except (OSError, http.client.HTTPException) as e:
        errors.append(repr(e))
    finally:
        conn.close()


def test_four_clients_250_decisions_each_lose_none(tmp_path, report, capsys):
    reports, findings = report
    db_path = tmp_path / "review.sqlite"
    with review_server(reports, db_path) as (_, url):
        token = _token(url)
        acked: list[str] = []
        errors: list = []
        threads = [threading.Thread(target=_client, args=(url, token, findings, c, PER_CLIENT,
                                                          acked, errors)) for c in range(CLIENTS)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        elapsed = time.perf_counter() - t0
    assert errors == [] and len(acked) == CLIENTS * PER_CLIENT
    db = ReviewDB(db_path, create=False)
    history = db.history()
    stored = [h["comment"] for h in history]
    lost = len(set(acked) - set(stored))
    assert lost == 0 and len(stored) == CLIENTS * PER_CLIENT == len(set(stored))
    # the current decision of each finding is the last one recorded for it
    last = {}
    for h in history:
        last[h["fingerprint"]] = h["decision"]
    assert {d["fingerprint"]: d["decision"] for d in db.decisions()} == last
    with capsys.disabled():
        print(f"\n[review] {CLIENTS} clients x {PER_CLIENT} decisions: lost {lost}, "
              f"{len(acked) / elapsed:.0f} decisions/s ({elapsed:.2f} s)")


def test_a_killed_server_keeps_every_acknowledged_decision(tmp_path, report, capsys):
    reports, findings = report
    db_path = tmp_path / "review.sqlite"
    acked: list[str] = []
    errors: list = []
    stop = threading.Event()
    with review_server(reports, db_path) as (proc, url):
        token = _token(url)
        threads = [threading.Thread(target=_client, args=(url, token, findings, c, 10_000,
                                                          acked, errors, stop))
                   for c in range(CLIENTS)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 60
        while len(acked) < 200 and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.kill()  # SIGKILL, in the middle of the burst
        proc.wait(10)
        stop.set()
        for t in threads:
            t.join(30)
    assert len(acked) >= 200, errors[:3]
    assert errors, "the clients should have seen the server die mid-burst"
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {r[0] for r in conn.execute("SELECT comment FROM history")}
    missing = set(acked) - stored
    assert not missing, f"{len(missing)} acknowledged decisions lost"
    assert ReviewDB(db_path, create=False).version() == 1  # and it opens for the next session
    with capsys.disabled():
        print(f"\n[review] SIGKILL after {len(acked)} acknowledged decisions: "
              f"{len(stored)} stored, 0 lost, integrity ok")


RAW_PATHS = ["/../secret.txt", "/articles/../../secret.txt", "/%2e%2e/secret.txt",
             "/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt", "/articles/%2e%2e%2f%2e%2e%2fsecret.txt",
             "/..%5csecret.txt", "/articles/..%5c..%5csecret.txt", "/%5c..%5csecret.txt",
             "/%252e%252e/secret.txt", "/..\\secret.txt", "/%2fsecret.txt"]


def test_raw_paths_cannot_leave_the_reports_directory(tmp_path, report):
    reports, _ = report
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    with review_server(reports, tmp_path / "review.sqlite") as (_, url):
        assert urlsplit(url).hostname == "127.0.0.1"  # loopback unless told otherwise
        conn = _connection(url)
        conn.request("GET", "/findings.jsonl")
        r = conn.getresponse()
        assert r.status == 200 and r.read()  # the check below can fail
        for path in RAW_PATHS:
            conn.putrequest("GET", path, skip_accept_encoding=True)
            conn.endheaders()
            r = conn.getresponse()
            body = r.read()
            assert r.status in (400, 404), (path, r.status)
            assert b"TOP SECRET" not in body, path
        conn.close()

