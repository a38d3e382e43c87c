"""`clinic-audit run` through the resident server (pipeline/server/): the same report and table
files, stdout, stderr and exit code as in-process, for a first run and a re-audit at --jobs 2
(validate beside the report stage, in the process the server keeps) and for a run with other
settings, rules, cache and --jobs in the same server after it (nothing of one run leaks into the
next); a client that goes away stops its request. The server is the one of tests/test_server.py's
`Handle`, started and stopped here."""
from __future__ import annotations

import signal
import socket
import time
from pathlib import Path

import pytest

from pipeline.server import process
from tests.conftest import ROOT
from tests.test_server import Handle, run, server  # noqa: F401 (server: the fixture)

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix domain sockets")

EXTRA = {
    "x1.txt": "Magnesium is a vitamin that relaxes muscles.\n\nSciatica is a chronic condition.\n",
    "x2.txt": "Magnesium is not a vitamin.\n\nSciatica is a short-term condition. Patient should "
              "see doctor if the pain its getting worse.\n",
    "x3.txt": "Knee pain\n\nThe brace should wear for six weeks. Call now for an appointment!\n",
}


def _params(folder: Path, name: str, extra: str = "", **replace: str) -> Path:
    """The project's params.yaml with `extra` added and the settings `replace` names changed."""
    text = (ROOT / "params.yaml").read_text(encoding="utf-8")
    for old, new in replace.items():
        assert f"{old}:" in text
        text = text.replace(f"{old}:", f"{old}: {new}  #", 1)
    path = folder / f"{name}.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but GX's Data Docs (which carry their build time and id)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "validation"}


def _same_run(server: Handle, tmp: Path, args: list[str], params: dict[str, Path], tag: str):
    """`run ARGS` through the server (out/data under tmp/s-TAG, settings params["s"]) and
    in-process (tmp/i-TAG, params["i"]: the same but for their cache folder): the same exit
    code, stdout and stderr (their own folders named OUT) and the same files."""
    said = {}
    for mode, extra_env in (("s", {}), ("i", {"CLINIC_AUDIT_SERVER": "0"})):
        out = tmp / f"{mode}-{tag}"
        before = server.served()
        r = run(["--params", str(params[mode]), "run", *args, "--out", str(out / "reports"),
                 "--data-dir", str(out / "data")], ROOT, {**server.env, **extra_env})
        assert server.served() == before + (mode == "s")
        said[mode] = (r.returncode, r.stdout.replace(str(out).encode(), b"OUT"),
                      r.stderr.replace(str(out).encode(), b"OUT"))
    assert said["s"] == said["i"]
    s, i = tmp / f"s-{tag}", tmp / f"i-{tag}"
    assert _files(s / "reports") == _files(i / "reports")
    tables = _files(i / "data")
    assert {k: v for k, v in _files(s / "data").items() if k in tables} == tables
    return said["s"]


def test_runs_through_the_server_are_the_runs_in_process_and_leak_nothing(server, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in (ROOT / "sources" / "articles").glob("*.txt"):
        (corpus / p.name).write_bytes(p.read_bytes())
    for name, text in EXTRA.items():
        (corpus / name).write_text(text, encoding="utf-8")
    cached = {m: _params(tmp_path, f"cached-{m}",
                         f"\ncache: true\ncache_dir: {tmp_path}/cache-{m}\n") for m in "si"}
    # a first run, and a re-audit after one article changed: the cache's hits, validate beside
    code, out, err = _same_run(server, tmp_path, [str(corpus), "--jobs", "2"], cached, "a")
    assert code == 0 and b"cache: segment 0 of 5 articles reused" in out
    assert b"release policy not met" in err  # said by validate, in the process beside
    with (corpus / "x3.txt").open("a", encoding="utf-8") as f:
        f.write("Zinc is a mineral.\n")
    code, out, _ = _same_run(server, tmp_path, [str(corpus), "--jobs", "2"], cached, "a")
    assert code == 0 and b"cache: segment 4 of 5 articles reused" in out
    # other settings, selection, no cache and one job in the same server: nothing carries over
    other = _params(tmp_path, "other", batch_articles="2", select="[CO, FA]")
    code, out, err = _same_run(server, tmp_path, [str(corpus), "--no-cache", "--jobs", "1",
                                                  "--ignore", "FA007"], {"s": other, "i": other},
                               "b")
    assert b"cache:" not in out and code in (0, 1)
    findings = (tmp_path / "s-b" / "reports" / "findings.jsonl").read_text(encoding="utf-8")
    assert '"rule_id": "FA007"' not in findings and '"rule_id": "TR' not in findings
    # the first settings again: nothing of the second run's (selection, no cache, one job) stays
    code, out, _ = _same_run(server, tmp_path, [str(corpus), "--jobs", "2"], cached, "a")
    assert code == 0 and b"cache: segment 5 of 5 articles reused" in out
    assert (tmp_path / "s-a" / "reports" / "findings.jsonl").read_text(encoding="utf-8").count(
        '"rule_id": "TR') > 0
    # and a bad setting is the same error
    code, out, err = _same_run(server, tmp_path, [str(corpus), "--jobs", "-1"], cached, "c")
    assert code == 2 and b"jobs" in err


def test_a_client_that_goes_away_stops_its_request(tmp_path):
    srv = process.Server(tmp_path, "k" * 64, idle_timeout=60)
    previous = signal.signal(signal.SIGINT, srv.interrupt)
    try:
        ours, client = socket.socketpair()
        watch = process.HangUp(ours)
        srv.armed = True
        client.close()  # Ctrl-C on the client, or killed
        with pytest.raises(KeyboardInterrupt):
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                time.sleep(0.01)
        srv.armed = False
        watch.finish()
        assert watch.fired
        ours.close()
        ours, client = socket.socketpair()  # a client that waits for its answer
        watch = process.HangUp(ours)
        srv.armed = True
        time.sleep(0.2)
        srv.armed = False
        watch.finish()  # ends the watch: nothing is stopped
        assert not watch.fired and not watch.thread.is_alive()
        client.close()
        ours.close()
        signal.raise_signal(signal.SIGINT)  # not armed (between requests): nothing happens
    finally:
        signal.signal(signal.SIGINT, previous)
