"""Bounds on the work that one input can cause, and the per-article time budget.

The limits come from the `limits` settings (params.yaml). Past a size limit an article is refused
at ingest with an error naming the file and the limit; an article whose segmentation or detection
runs past `article_seconds` is stopped with `OverBudget` and reported the same way. Either way the
other articles go on.

The budget is a timer signal (SIGALRM), so it also stops a step that is stuck inside a regular
expression or a library loop: CPython checks for signals while it matches a pattern. It applies in
the main thread only (where Python delivers signals); elsewhere (a Dask worker's task threads,
pipeline/cluster.py) the step runs unbounded.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


class OverBudget(BaseException):
    """A step of one article ran past its time budget.

    A BaseException, so that a rule's own `except Exception` cannot swallow it: it must reach the
    per-article handler that records it."""


class StepFailed(BaseException):
    """A named step of one article's audit (Harper, the claims parser, quality scoring...)
    failed. The article is reported as failed at that step (`step`, `problem`) and the other
    articles go on. A BaseException for the reason OverBudget is one."""

    def __init__(self, step: str, problem: str):
        super().__init__(f"{step}: {problem}")
        self.step = step
        self.problem = problem


@contextmanager
def step(name: str):
    """Turn any failure inside the block into StepFailed(`name`): a Python exception, and also a
    BaseException from a native extension (a Rust panic surfaces as pyo3's PanicException, which
    `except Exception` does not catch). Interrupts, exits and time budgets pass through."""
    try:
        yield
    except (StepFailed, OverBudget, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - see above
        raise StepFailed(name, f"{type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 5_000_000
    max_block_chars: int = 100_000
    max_metadata_bytes: int = 65_536
    article_seconds: float = 120.0
    follow_symlinks: bool = False

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> "Limits":
        if not settings:
            return cls()
        lim = settings.get("limits", {}) or {}
        return cls(max_file_bytes=int(lim.get("max_file_bytes", cls.max_file_bytes)),
                   max_block_chars=int(lim.get("max_block_chars", cls.max_block_chars)),
                   max_metadata_bytes=int(lim.get("max_metadata_bytes", cls.max_metadata_bytes)),
                   article_seconds=float(lim.get("article_seconds", cls.article_seconds)),
                   follow_symlinks=bool((settings.get("ingest") or {}).get("follow_symlinks",
                                                                            False)))


@contextmanager
def time_budget(seconds: float | None, what: str):
    """Raise OverBudget(`what`) in the block when it runs longer than `seconds` (None or 0: no
    limit). The timer re-fires every second until the block ends, in case library code swallowed
    the first signal. An enclosing timer (a caller's own deadline) that expires sooner is left
    alone; a later one is suspended and restored, less the time spent, afterwards."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    outer, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    if outer and outer <= seconds:
        yield
        return

    def expire(signum, frame):
        raise OverBudget(f"{what} took longer than {seconds:g} s (limits.article_seconds)")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            left = outer - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer_interval)
