"""The resident `check` server (pipeline/server/): `check` through it prints exactly what an
in-process `check` prints (stdout, stderr and exit code, byte for byte) for every format, stdin,
colour and terminals, selections, settings found upward and relative paths; it sees a changed
knowledge file; a server of other code, another user's folder, a killed server and --no-server all
mean an in-process check with the same output. Every server started here is stopped (or killed)
by the fixtures; the other test modules never use a server (tests/conftest.py)."""
from __future__ import annotations

import io
import os
import pty
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from pipeline.cli_parser import FORMATS
from pipeline.server import paths, process, protocol
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix domain sockets")

CLI = [sys.executable, "-c", "import sys; from pipeline.cli import main; main(sys.argv[1:])"]
ARTICLES = sorted((ROOT / "sources" / "articles").glob("*.txt"))
SHORT = ("Knee pain\n\nStudy time: 5 minutes\n\nThe doctor may prescribe metacarbamol for the the "
         "knee. Its important to refer to a doctor.\n- Rest\n- Ice\n")


def _env(folder: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("CLINIC_AUDIT_SERVER", "FORCE_COLOR", "NO_COLOR", "GITHUB_BASE_REF")}
    env.update({"CLINIC_AUDIT_SERVER_DIR": str(folder), "TERM": "xterm"}, **extra)
    return env


def run(args: list[str], cwd: Path, env: dict, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=cwd, env=env, input=stdin, capture_output=True,
                          timeout=600)


class Handle:
    """A server started for the tests, in its own short temporary folder."""

    def __init__(self):
        # short: a Unix socket's path holds about 100 bytes
        self.folder = Path(tempfile.mkdtemp(prefix="cas-", dir="/tmp"))
        self.env = _env(self.folder)
        self.pid: int | None = None

    def start(self, idle: float = 900) -> None:
        r = run(["server", "start", "--idle-timeout", str(idle)], ROOT, self.env)
        assert r.returncode == 0, r.stderr.decode()
        self.pid = int(re.search(rb"started \(pid (\d+)", r.stdout).group(1))

    def served(self) -> int:
        r = run(["server", "status"], ROOT, self.env)
        assert r.returncode == 0, r.stdout.decode()
        return int(re.search(rb"(\d+) request\(s\) served", r.stdout).group(1))

    def alive(self) -> bool:
        """Running (a zombie that nobody reaps yet does not count)."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text(encoding="ascii")
        except FileNotFoundError:
            return False
        except OSError:  # no /proc: ask the kernel
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                return False
            return True
        return stat.rsplit(")", 1)[1].split()[0] != "Z"

    def kill(self) -> None:
        if self.pid is not None and self.alive():
            os.kill(self.pid, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while self.alive() and time.monotonic() < deadline:
                time.sleep(0.05)

    def close(self) -> None:
        try:
            run(["server", "stop"], ROOT, self.env)
        finally:
            self.kill()
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def server():
    handle = Handle()
    try:
        handle.start()
        yield handle
    finally:
        handle.close()


def same(server: Handle, args: list[str], cwd: Path = ROOT, stdin: bytes = b"",
         **env: str) -> subprocess.CompletedProcess:
    """`check ARGS` through the server and in-process: the same bytes and exit code, and the
    first was served by the server (one more check served)."""
    before = server.served()
    through = run(args, cwd, {**server.env, **env}, stdin)
    assert server.served() == before + 1
    alone = run(args, cwd, {**server.env, **env, "CLINIC_AUDIT_SERVER": "0"}, stdin)
    assert through.stdout == alone.stdout
    assert through.stderr == alone.stderr
    assert through.returncode == alone.returncode
    return through


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_same_through_the_server(server, fmt):
    files = [str(p.relative_to(ROOT)) for p in ARTICLES] if fmt == "text" else \
        [str(ARTICLES[0].relative_to(ROOT))]
    r = same(server, ["check", "--output-format", fmt, *files])
    assert r.returncode == 1 and r.stdout  # the bundled articles fail the policy


@pytest.mark.parametrize("args,env", [
    (["check", "-", "--stdin-filename", "page.md"], {}),
    (["check", "-", "--color", "always", "--select", "TR,CO", "--ignore", "TR035"], {}),
    (["-q", "check", "-"], {"FORCE_COLOR": "1"}),
    (["check", "-", "--color", "auto"], {"NO_COLOR": "1", "FORCE_COLOR": "1"}),
])
def test_stdin_colour_and_selection_are_the_same(server, args, env):
    r = same(server, args, stdin=SHORT.encode("utf-8"), **env)
    assert b"TR016" in r.stdout or b"TR002" in r.stdout
    assert (b"\x1b[" in r.stdout) == ("always" in args or env == {"FORCE_COLOR": "1"})


def test_a_terminal_gets_the_same_colours(server, tmp_path):
    (tmp_path / "knee.txt").write_text(SHORT, encoding="utf-8")

    def on_a_terminal(env):
        leader, follower = pty.openpty()
        p = subprocess.Popen([*CLI, "check", "knee.txt"], cwd=tmp_path, env=env, stdout=follower,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 1 << 16)
            except OSError:  # the terminal's other end closed
                break
            if not chunk:
                break
            out += chunk
        os.close(leader)
        return out, p.stderr.read(), p.wait(timeout=600)

    before = server.served()
    through = on_a_terminal(server.env)
    assert server.served() == before + 1
    assert through == on_a_terminal({**server.env, "CLINIC_AUDIT_SERVER": "0"})
    assert b"\x1b[1;31mFAILED\x1b[0m" in through[0]  # the server knew stdout was a terminal


def test_settings_found_upward_and_paths_shown_from_the_clients_folder(server, tmp_path):
    (tmp_path / "params.yaml").write_text("rules:\n  ignore: [TR016]\n", encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "knee.txt").write_text(SHORT, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    r = same(server, ["check", "../articles/knee.txt"], cwd=tmp_path / "docs")
    assert b"knee.txt:3:1: TR035" in r.stdout and b"TR016" not in r.stdout  # params.yaml above
    r = same(server, ["--params", str(ROOT / "params.yaml"), "check", "articles/knee.txt",
                      "--select", "TR016"], cwd=tmp_path)
    assert r.stdout.startswith(b"articles/knee.txt:5:") and b"TR016" in r.stdout
    same(server, ["check", "../articles/knee.txt", "--params", "missing.yaml"],
         cwd=tmp_path / "docs")  # an error in the settings: exit 2, the same message


def test_a_changed_knowledge_file_is_read_again(server, tmp_path):
    own = tmp_path / "sources" / "knowledge"
    own.mkdir(parents=True)
    (tmp_path / "params.yaml").write_text("knowledge: sources/knowledge\n", encoding="utf-8")
    (tmp_path / "knee.txt").write_text(SHORT, encoding="utf-8")
    ref = '{title: "Gray\'s Anatomy (textbook)", book: true}'
    good = (f"domain: test\nconcepts:\n  - {{id: knee-cap, name: knee cap, type: anatomy, "
            f"references: [{ref}]}}\n")
    (own / "ours.yaml").write_text(good, encoding="utf-8")
    first = same(server, ["check", "knee.txt"], cwd=tmp_path)
    assert first.returncode == 1
    (own / "ours.yaml").write_text(good.replace("type: anatomy,", "type: anatomy, "
                                                "part_of: [legg],"), encoding="utf-8")
    broken = same(server, ["check", "knee.txt"], cwd=tmp_path)
    assert broken.returncode == 2
    assert b"ours.yaml: entry 'knee-cap': part_of names unknown concept 'legg'" in broken.stderr
    (own / "ours.yaml").write_text(good, encoding="utf-8")
    before = server.served()
    again = run(["check", "knee.txt"], tmp_path, server.env)
    assert server.served() == before + 1
    assert (again.stdout, again.stderr, again.returncode) == \
        (first.stdout, first.stderr, first.returncode)


def test_no_server_flag_and_variable_check_in_process(server, tmp_path):
    (tmp_path / "knee.txt").write_text(SHORT, encoding="utf-8")
    before = server.served()
    a = run(["check", "knee.txt", "--no-server"], tmp_path, server.env)
    b = run(["check", "knee.txt"], tmp_path, {**server.env, "CLINIC_AUDIT_SERVER": "off"})
    assert server.served() == before
    assert (a.stdout, a.returncode) == (b.stdout, b.returncode) and a.returncode == 1


def test_the_client_imports_no_spacy(server, tmp_path):
    (tmp_path / "knee.txt").write_text(SHORT, encoding="utf-8")
    script = ("import sys\nfrom pipeline.cli import main\ntry:\n    main(['check', 'knee.txt'])\n"
              "except SystemExit as e:\n    code = e.code\n"
              "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
              "('spacy', 'thinc', 'pandas', 'pyarrow', 'great_expectations', 'harper'))\n"
              "print(code, heavy, file=sys.stderr)\n")
    before = server.served()
    r = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=server.env,
                       capture_output=True, timeout=600)
    assert server.served() == before + 1
    assert r.stderr.decode().splitlines()[-1] == "1 []"


def test_a_server_of_other_code_is_never_used(server, tmp_path):
    # another installed distribution (here: one more dist-info folder on the path) is another key
    extra = tmp_path / "site"
    (extra / "zz_other-1.0.dist-info").mkdir(parents=True)
    (tmp_path / "knee.txt").write_text(SHORT, encoding="utf-8")
    before = server.served()
    env = {**server.env, "PYTHONPATH": os.pathsep.join(filter(None, [
        str(extra), os.environ.get("PYTHONPATH")]))}
    other = run(["-v", "check", "knee.txt"], tmp_path, env)
    assert server.served() == before
    assert b"server: none running for this version" in other.stderr
    alone = run(["check", "knee.txt"], tmp_path, {**server.env, "CLINIC_AUDIT_SERVER": "0"})
    assert (other.stdout, other.returncode) == (alone.stdout, alone.returncode)
    # and the server itself refuses a request made with another key
    (sock_path,) = server.folder.glob("check-*.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(30)
        s.connect(str(sock_path))
        protocol.send_json(s, {"op": "execute", "key": "0" * 64, "argv": ["check", "x"]})
        assert protocol.receive_json(s) == {"error": "stale: the server runs other code"}


def test_a_folder_others_may_enter_is_not_used(tmp_path):
    folder = tmp_path / "open"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    (tmp_path / "knee.txt").write_text(SHORT, encoding="utf-8")
    env = _env(folder)
    r = run(["server", "start"], tmp_path, env)
    assert r.returncode == 2 and b"others may enter it (mode 755; it must be 700)" in r.stderr
    r = run(["-v", "check", "knee.txt", "--select", "TR016"], tmp_path, env)
    assert r.returncode == 1 and b"server: the socket folder is not private" in r.stderr
    assert r.stdout.startswith(b"knee.txt:5:")


def test_idle_timeout_stop_status_and_a_removed_socket_end_a_server(tmp_path, monkeypatch):
    folder = Path(tempfile.mkdtemp(prefix="cas-", dir="/tmp"))
    try:
        monkeypatch.setattr(process, "CHECK_SECONDS_TICK", 0.05)
        key = "k" * 64
        path = paths.socket_path(folder, key)
        started = time.monotonic()
        process.Server(folder, key, idle_timeout=0.3).serve()  # no request: returns when idle
        assert 0.3 <= time.monotonic() - started < 10 and not path.exists()

        def serving(srv):
            thread = threading.Thread(target=srv.serve, daemon=True)
            thread.start()
            deadline = time.monotonic() + 10
            while not path.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            return thread

        thread = serving(process.Server(folder, key, idle_timeout=60))
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(path))
            assert protocol.same_user(s)
            protocol.send_json(s, {"op": "status"})
            status = protocol.receive_json(s)
        assert (status["pid"], status["requests"], status["key"]) == (os.getpid(), 0, key)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(path))
            protocol.send_json(s, {"op": "stop"})
            assert protocol.receive_json(s) == {"stopped": os.getpid()}
        thread.join(10)
        assert not thread.is_alive() and not path.exists()

        thread = serving(process.Server(folder, key, idle_timeout=60))
        path.unlink()  # removed (or replaced by another server's): the server goes
        thread.join(10)
        assert not thread.is_alive()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_output_chunks_keep_their_order():
    assert process.merged([(1, b"a"), (1, b"b"), (2, b""), (2, b"e"), (1, b"c")]) == \
        [(1, b"ab"), (2, b"e"), (1, b"c")]


def test_replayed_output_goes_to_each_stream_in_order(monkeypatch):
    from pipeline.server import client

    out, err = io.StringIO(), io.StringIO()  # text-only streams (no .buffer): decoded
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    client._replay([[1, 3], [2, 5], [1, 2]], b"abcd\xc3\xa9f\nXY")
    assert (out.getvalue(), err.getvalue()) == ("abcXY", "d\u00e9f\n")


def test_status_stop_and_a_killed_server(server, tmp_path):
    """Last in this module: it kills the module's server."""
    (tmp_path / "knee.txt").write_text(SHORT, encoding="utf-8")
    assert run(["server", "status"], ROOT, server.env).returncode == 0
    server.kill()  # a crash: its socket file stays behind
    (sock_path,) = server.folder.glob("check-*.sock")
    r = run(["-v", "check", "knee.txt"], tmp_path, server.env)
    assert b"was left by a server that is gone: removed" in r.stderr and not sock_path.exists()
    fallback = run(["check", "knee.txt"], tmp_path, server.env)
    alone = run(["check", "knee.txt"], tmp_path, {**server.env, "CLINIC_AUDIT_SERVER": "0"})
    assert (fallback.stdout, fallback.stderr, fallback.returncode) == \
        (alone.stdout, alone.stderr, alone.returncode)
    status = run(["server", "status"], ROOT, server.env)
    assert status.returncode == 1 and status.stdout.startswith(b"server: not running")
    server.start()
    assert run(["server", "start"], ROOT, server.env).stdout.startswith(
        b"server: already running (pid %d" % server.pid)
    stop = run(["server", "stop"], ROOT, server.env)
    assert stop.stdout == b"server: stopped (pid %d)\n" % server.pid and stop.returncode == 0
    deadline = time.monotonic() + 30
    while server.alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not server.alive() and not list(server.folder.glob("check-*.sock"))
    assert run(["server", "stop"], ROOT, server.env).stdout == b"server: not running\n"
