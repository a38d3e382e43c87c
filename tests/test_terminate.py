"""A run stopped from outside never leaves worker processes behind: SIGTERM (a cancelled CI job,
`timeout`) ends `clinic-audit run` through its clean-up, exit code 143, with the reason recorded
in the staging folder and no report in place; after SIGKILL, which allows no clean-up, the
workers notice that the process that started them is gone and end themselves."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from pipeline import parallel
from tests.conftest import ROOT

WORKERS = 2


def _corpus(folder):
    """Enough articles (20) that segment starts its worker pool (`parallel.worth_a_pool`)."""
    folder.mkdir()
    body = sorted((ROOT / "sources" / "articles").glob("*.txt"))[0].read_text(encoding="utf-8")
    for k in range(20):
        (folder / f"a{k:02}.txt").write_text(f"Article {k}\n\n{body}", encoding="utf-8")
    return folder


def _start(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    env = dict(os.environ, CLINIC_AUDIT_SERVER="0")
    return subprocess.Popen(
        [sys.executable, "-c", "from pipeline.cli import main; main()", "--params",
         str(ROOT / "params.yaml"), "run", str(corpus), "--out", str(tmp_path / "reports"),
         "--data-dir", str(tmp_path / "data"), "--jobs", str(WORKERS), "--no-cache"],
        # stderr to a file: orphaned workers would hold a pipe open
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "stderr.txt").open("wb"))


def _workers_started(proc) -> list[psutil.Process]:
    """Every process under the run once its worker processes run (forkserver: the server and
    the workers it forked)."""
    deadline = time.monotonic() + 600  # a shared, busy machine
    run = psutil.Process(proc.pid)
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before its workers started"
        family = run.children(recursive=True)
        pool = [p for p in family if _is_pool_process(p)]
        if len(pool) >= WORKERS + 1 or (len(pool) >= WORKERS and not _forkserver()):
            return family
        time.sleep(0.05)
    pytest.fail("no worker process started")


def _is_pool_process(p: psutil.Process) -> bool:
    try:
        cmd = " ".join(p.cmdline())
    except psutil.Error:
        return False
    return "forkserver" in cmd or "spawn_main" in cmd


def _forkserver() -> bool:
    import multiprocessing

    return "forkserver" in multiprocessing.get_all_start_methods()


def _left(family: list[psutil.Process], seconds: float) -> list[int]:
    gone, alive = psutil.wait_procs(family, timeout=seconds)
    for p in alive:  # do not leave them to the next test
        p.kill()
    return [p.pid for p in alive]


def test_sigterm_stops_the_run_and_its_workers_and_records_why(tmp_path):
    proc = _start(tmp_path)
    family = _workers_started(proc)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=120)
    left = _left(family, 30)
    err = (tmp_path / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    assert code == 143, err
    assert left == []
    assert not (tmp_path / "reports").exists()
    failed = json.loads((tmp_path / "reports.staging" / "run-failed.json").read_text())
    assert failed["complete"] is False and failed["failed_stage"] in ("ingest", "segment",
                                                                      "detect")
    assert "the run stopped in" in err


def test_workers_end_themselves_when_the_run_is_killed(tmp_path):
    proc = _start(tmp_path)
    family = _workers_started(proc)
    proc.kill()  # SIGKILL: no clean-up in the run
    proc.wait(timeout=60)
    workers = [p for p in family if _is_pool_process(p)]
    assert _left(workers, parallel.WATCH_SECONDS * 20) == []


def test_owner_alive_knows_a_live_a_gone_and_a_zombie_process():
    assert parallel.owner_alive(os.getpid())
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 30
    while psutil.Process(child.pid).status() != psutil.STATUS_ZOMBIE \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    if sys.platform.startswith("linux"):
        assert not parallel.owner_alive(child.pid)  # exited, not yet reaped
    child.wait()
    assert not parallel.owner_alive(child.pid)
