"""The decision database: SQLite in WAL mode, one short transaction per decision.

Tables (schema version in `PRAGMA user_version`, migrated on open; `PRAGMA application_id`
marks the file as ours):
  decision  the current decision per finding, keyed by (article_id, fingerprint), with a
            snapshot of the finding (rule, source, text, message) so that a decision whose
            finding no longer appears can still be shown (as resolved);
  history   every decision ever recorded: who, when, what it was before and what it became.
Every connection uses `synchronous=FULL`, so a decision acknowledged to a client survives a
crash of the process (and of the machine)."""
from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path

DECISIONS = ("confirmed", "false_alarm", "fixed", "wont_fix")
LABELS = {"confirmed": "confirmed", "false_alarm": "false alarm", "fixed": "fixed",
          "wont_fix": "won't fix"}
WAIVING = ("false_alarm", "wont_fix")  # decisions that act as waivers in the gate
MAX_COMMENT = 2000
MAX_REVIEWER = 80
APPLICATION_ID = 0x436C4175  # "ClAu"

# MIGRATIONS[n] takes a database from version n to n + 1; append, never edit.
MIGRATIONS: list[list[str]] = [
    [f"PRAGMA application_id = {APPLICATION_ID}",
     """CREATE TABLE decision (
          article_id TEXT NOT NULL, fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL,
          source TEXT NOT NULL, text TEXT NOT NULL, message TEXT NOT NULL,
          decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'false_alarm', 'fixed',
                                                     'wont_fix')),
          comment TEXT NOT NULL, reviewer TEXT NOT NULL, decided_at TEXT NOT NULL,
          PRIMARY KEY (article_id, fingerprint))""",
     """CREATE TABLE history (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          article_id TEXT NOT NULL, fingerprint TEXT NOT NULL, rule_id TEXT NOT NULL,
          decision TEXT NOT NULL, previous TEXT, comment TEXT NOT NULL, reviewer TEXT NOT NULL,
          decided_at TEXT NOT NULL)""",
     "CREATE INDEX history_finding ON history (article_id, fingerprint)"],
]
SCHEMA_VERSION = len(MIGRATIONS)

_DECISION_COLUMNS = ("article_id", "fingerprint", "rule_id", "source", "text", "message",
                     "decision", "comment", "reviewer", "decided_at")
_HISTORY_COLUMNS = ("id", "article_id", "fingerprint", "rule_id", "decision", "previous",
                    "comment", "reviewer", "decided_at")


class ReviewDBError(Exception):
    """The database cannot be used: not ours, newer than this program, unreadable."""


def check(decision, comment, reviewer) -> tuple[str, str, str]:
    """A decision's fields, normalised; ValueError with a message an editor understands."""
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}; got {decision!r}")
    if comment is None:
        comment = ""
    if not isinstance(comment, str):
        raise ValueError("comment must be a string")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT:
        raise ValueError(f"comment is {len(comment)} characters long; at most {MAX_COMMENT} "
                         f"are allowed")
    if not isinstance(reviewer, str) or not reviewer.strip():
        raise ValueError("reviewer is required: say who decides (your name)")
    reviewer = " ".join(reviewer.split())
    if len(reviewer) > MAX_REVIEWER:
        raise ValueError(f"reviewer is {len(reviewer)} characters long; at most {MAX_REVIEWER}")
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in reviewer + comment.replace("\n", "")):
        raise ValueError("reviewer and comment may not contain control characters")
    return decision, comment, reviewer


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def local_date(timestamp: str) -> str:
    """The day (in this machine's time zone) of a stored UTC timestamp, as YYYY-MM-DD."""
    return dt.datetime.fromisoformat(timestamp).astimezone().date().isoformat()


class ReviewDB:
    """A decision database at `path`, created (when `create`) and migrated on open."""

    def __init__(self, path: Path, create: bool = True, timeout: float = 30.0):
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()
        # writers of this process queue here rather than in SQLite's busy handler, which sleeps
        self._write_lock = threading.Lock()
        if not self.path.exists():
            if not create:
                raise ReviewDBError(f"{self.path}: no such review database")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise ReviewDBError(f"{self.path}: not a usable review database: {e}") from e

    @contextmanager
    def connect(self):
        """This thread's connection, opened once: closing the last connection makes SQLite
        checkpoint and delete the write-ahead log, which would cost a sync on every request."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            except sqlite3.Error as e:
                raise ReviewDBError(f"{self.path}: cannot open: {e}") from e
            conn.execute("PRAGMA synchronous = FULL")
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        yield conn

    @contextmanager
    def _transaction(self, conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _migrate(self) -> None:
        with self.connect() as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id != APPLICATION_ID and (app_id or version or tables):
                raise ReviewDBError(f"{self.path}: not a clinic-audit review database")
            if version > SCHEMA_VERSION:
                raise ReviewDBError(f"{self.path}: schema version {version} is newer than this "
                                    f"clinic-audit understands ({SCHEMA_VERSION}); upgrade it")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise ReviewDBError(f"{self.path}: cannot use write-ahead logging (got {mode})")
            for target in range(version + 1, SCHEMA_VERSION + 1):
                try:
                    with self._transaction(conn):
                        # another process may have migrated since we looked
                        if conn.execute("PRAGMA user_version").fetchone()[0] >= target:
                            continue
                        for statement in MIGRATIONS[target - 1]:
                            conn.execute(statement)
                        conn.execute(f"PRAGMA user_version = {target}")
                except sqlite3.Error as e:
                    raise ReviewDBError(f"{self.path}: migration to schema version {target} "
                                        f"failed (nothing was changed): {e}") from e

    def version(self) -> int:
        with self.connect() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]

    def record(self, finding, decision: str, comment: str, reviewer: str) -> dict:
        """Store a decision on `finding` (a Finding) in one transaction; return it with
        `previous` (the decision it replaces, or None) and `history_id`."""
        decision, comment, reviewer = check(decision, comment, reviewer)
        with self._write_lock, self.connect() as conn, self._transaction(conn):
            at = now()
            row = conn.execute("SELECT decision FROM decision WHERE article_id = ? AND "
                               "fingerprint = ?", (finding.article_id, finding.fingerprint)
                               ).fetchone()
            previous = row[0] if row else None
            cur = conn.execute(
                "INSERT INTO history (article_id, fingerprint, rule_id, decision, previous, "
                "comment, reviewer, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (finding.article_id, finding.fingerprint, finding.rule_id, decision, previous,
                 comment, reviewer, at))
            conn.execute(
                f"INSERT INTO decision ({', '.join(_DECISION_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_DECISION_COLUMNS))}) "
                "ON CONFLICT (article_id, fingerprint) DO UPDATE SET rule_id = excluded.rule_id, "
                "source = excluded.source, text = excluded.text, message = excluded.message, "
                "decision = excluded.decision, comment = excluded.comment, "
                "reviewer = excluded.reviewer, decided_at = excluded.decided_at",
                (finding.article_id, finding.fingerprint, finding.rule_id, finding.source,
                 finding.text, finding.message, decision, comment, reviewer, at))
            history_id = cur.lastrowid
        return {"article_id": finding.article_id, "fingerprint": finding.fingerprint,
                "rule_id": finding.rule_id, "source": finding.source, "text": finding.text,
                "message": finding.message, "decision": decision, "comment": comment,
                "reviewer": reviewer, "decided_at": at, "previous": previous,
                "history_id": history_id}

    def decisions(self, article_id: str | None = None) -> list[dict]:
        """Current decisions (of one article, or all), oldest first."""
        where, args = ("WHERE article_id = ?", (article_id,)) if article_id else ("", ())
        with self.connect() as conn:
            rows = conn.execute(f"SELECT {', '.join(_DECISION_COLUMNS)} FROM decision {where} "
                                f"ORDER BY decided_at, article_id, fingerprint", args).fetchall()
        return [dict(r) for r in rows]

    def history(self, fingerprint: str | None = None, article_id: str | None = None) -> list[dict]:
        """Every recorded decision (of one finding or article, or all), oldest first."""
        conds = [(c, v) for c, v in (("fingerprint", fingerprint), ("article_id", article_id)) if v]
        where = ("WHERE " + " AND ".join(f"{c} = ?" for c, _ in conds)) if conds else ""
        with self.connect() as conn:
            rows = conn.execute(f"SELECT {', '.join(_HISTORY_COLUMNS)} FROM history {where} "
                                f"ORDER BY id", tuple(v for _, v in conds)).fetchall()
        return [dict(r) for r in rows]
