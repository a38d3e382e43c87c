"""The decision database: versioned schema migrated on open, WAL, history of every change,
decisions keyed by article and fingerprint, clear errors for files that are not ours."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from pipeline.review import db as db_mod
from pipeline.review.db import ReviewDB, ReviewDBError, check
from tests.conftest import ROOT
from tests.review_support import build_report


@pytest.fixture
def findings(tmp_path):
    return build_report(tmp_path / "reports")


def test_a_new_database_is_at_the_latest_version_in_wal_mode(tmp_path):
    db = ReviewDB(tmp_path / "sub" / "review.sqlite")
    assert db.version() == db_mod.SCHEMA_VERSION == 1
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA application_id").fetchone()[0] == db_mod.APPLICATION_ID
    ReviewDB(db.path)  # opening again migrates nothing and keeps the data
    assert db.version() == 1


def test_an_older_database_is_migrated_on_open(tmp_path, monkeypatch, findings):
    db = ReviewDB(tmp_path / "review.sqlite")
    db.record(findings[0], "confirmed", "real", "Ann")
    monkeypatch.setattr(db_mod, "MIGRATIONS", db_mod.MIGRATIONS + [
        ["ALTER TABLE decision ADD COLUMN severity TEXT"]])
    monkeypatch.setattr(db_mod, "SCHEMA_VERSION", 2)
    migrated = ReviewDB(db.path)
    assert migrated.version() == 2
    with sqlite3.connect(db.path) as conn:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(decision)")]
    assert "severity" in cols
    assert [d["decision"] for d in migrated.decisions()] == ["confirmed"]


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    db = ReviewDB(tmp_path / "review.sqlite")
    monkeypatch.setattr(db_mod, "MIGRATIONS", db_mod.MIGRATIONS + [
        ["CREATE TABLE extra (x)", "THIS IS NOT SQL"]])
    monkeypatch.setattr(db_mod, "SCHEMA_VERSION", 2)
    with pytest.raises(ReviewDBError, match="migration to schema version 2 failed"):
        ReviewDB(db.path)
    monkeypatch.undo()
    assert db.version() == 1
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'extra'"
                            ).fetchone()[0] == 0


@pytest.mark.parametrize("kind", ["newer", "foreign", "garbage", "absent"])
def test_unusable_files_are_clear_errors(tmp_path, kind):
    path = tmp_path / "x.sqlite"
    if kind == "newer":
        ReviewDB(path)
        with sqlite3.connect(path) as conn:
            conn.execute("PRAGMA user_version = 99")
        match = "newer than this clinic-audit"
    elif kind == "foreign":
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (x)")
        match = "not a clinic-audit review database"
    elif kind == "garbage":
        path.write_bytes(b"this is not a database at all" * 100)
        match = "not a usable review database"
    else:
        match = "no such review database"
    with pytest.raises(ReviewDBError, match=match) as e:
        ReviewDB(path, create=kind != "absent")
    assert str(path) in str(e.value)


def test_history_keeps_who_when_and_what_changed(tmp_path, findings):
    db = ReviewDB(tmp_path / "review.sqlite")
    f = findings[0]
    first = db.record(f, "false_alarm", "  intended repetition ", "  Ann   Editor ")
    second = db.record(f, "confirmed", "", "Bob")
    assert (first["previous"], second["previous"]) == (None, "false_alarm")
    assert first["comment"] == "intended repetition" and first["reviewer"] == "Ann Editor"
    [current] = db.decisions()
    assert (current["decision"], current["reviewer"], current["text"]) == (
        "confirmed", "Bob", "stiffness and stiffness")
    hist = db.history(fingerprint=f.fingerprint)
    assert [(h["decision"], h["previous"], h["reviewer"]) for h in hist] == [
        ("false_alarm", None, "Ann Editor"), ("confirmed", "false_alarm", "Bob")]
    assert hist[0]["decided_at"] < hist[1]["decided_at"]
    assert db.history(article_id="beta") == []


def test_decisions_are_per_article_and_fingerprint(tmp_path, findings):
    db = ReviewDB(tmp_path / "review.sqlite")
    db.record(findings[0], "confirmed", "", "Ann")
    db.record(findings[3], "fixed", "", "Ann")
    assert [d["article_id"] for d in db.decisions("beta")] == ["beta"]
    assert len(db.decisions()) == 2


@pytest.mark.parametrize("args,message", [
    (("maybe", "", "Ann"), "decision must be one of"),
    (("confirmed", "x" * 2001, "Ann"), "at most 2000"),
    (("confirmed", "", ""), "reviewer is required"),
    (("confirmed", "", None), "reviewer is required"),
    (("confirmed", "", "   "), "reviewer is required"),
    (("confirmed", "", "A" * 81), "at most 80"),
    (("confirmed", 5, "Ann"), "comment must be a string"),
    (("confirmed", "", "Ann\u202e"), "control characters"),
])
def test_invalid_decisions_are_refused_and_nothing_is_stored(tmp_path, findings, args, message):
    with pytest.raises(ValueError, match=message):
        check(*args)
    db = ReviewDB(tmp_path / "review.sqlite")
    with pytest.raises(ValueError, match=message):
        db.record(findings[0], *args)
    assert db.decisions() == [] and db.history() == []


def test_the_pipeline_does_not_import_the_server_stack():
    code = ("import sys, pipeline.cli, pipeline.check, pipeline.stages.report\n"
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn')]\n"
            "assert not loaded, loaded\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
