"""The client side: `check` and `run` through a running server, and `clinic-audit server
start|stop|status`.

`check` and `run` ask the server only when one with this code's key is listening in the private
socket folder; otherwise (none, a stale socket file, another user's folder, no AF_UNIX on this
platform, the connection failing at any point before the whole answer arrived) they say why under
--verbose and work in-process, `check` with the same stdin. A client that is interrupted (Ctrl-C)
or killed closes its connection, and the server then stops that request as Ctrl-C would stop it
in-process (a run's output is left as it was). Nothing here imports spaCy."""
from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from pipeline import console
from pipeline.server import paths, protocol
from pipeline.stages.common import EXIT_ERROR, EXIT_OK, EXIT_VIOLATION

CONNECT_SECONDS = 2.0
ACCEPT_SECONDS = 10.0   # a server busy with another request answers after it
START_SECONDS = 300.0   # loading spaCy and the resources, on a busy machine
DEFAULT_IDLE = 1800.0


class Unavailable(Exception):
    """No usable server (the reason is the message)."""


def _stream_spec(stream) -> dict:
    isatty = getattr(stream, "isatty", None)
    return {"encoding": getattr(stream, "encoding", None),
            "errors": getattr(stream, "errors", None), "tty": bool(isatty and isatty())}


def _socket_path() -> tuple[Path, str]:
    if not hasattr(socket, "AF_UNIX"):
        raise Unavailable("this platform has no Unix domain sockets")
    try:
        folder = paths.private_directory(create=False)
    except paths.UnsafeDir as e:
        raise Unavailable(f"the socket folder is not private: {e}") from e
    if folder is None:
        raise Unavailable(f"none running (no {paths.directory()})")
    key = paths.key()
    return paths.socket_path(folder, key), key


def _connect(path: Path) -> socket.socket:
    """A connection to the server at `path`; a socket file nobody listens on (a server that
    crashed) is removed."""
    if not path.exists():
        raise Unavailable(f"none running for this version (no {path.name})")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(CONNECT_SECONDS)
    try:
        sock.connect(str(path))
    except (ConnectionRefusedError, FileNotFoundError) as e:
        sock.close()
        path.unlink(missing_ok=True)
        raise Unavailable(f"{path.name} was left by a server that is gone: removed") from e
    except OSError as e:
        sock.close()
        raise Unavailable(f"cannot connect to {path}: {e}") from e
    if not protocol.same_user(sock):
        sock.close()
        raise Unavailable(f"{path} is served by another user")
    return sock


def _ask(path: Path, request: dict) -> dict:
    with _connect(path) as sock:
        protocol.send_json(sock, request)
        return protocol.receive_json(sock)


def forward(argv: list[str], args) -> int | None:
    """`check ARGV` or `run ARGV` through the server: its exit code after writing its output, or
    None (nothing written) when there is no usable server; stdin, when read, is put back for
    the in-process check."""
    if getattr(args, "no_server", False) or paths.disabled():
        return None
    files = getattr(args, "files", None) or []
    stdin = sys.stdin.buffer.read() if any(str(f) == "-" for f in files) else b""
    try:
        path, key = _socket_path()
        return _through(path, key, argv, stdin)
    except (Unavailable, OSError, protocol.ProtocolError) as e:
        console.detail(f"server: {e}; {args.command} in-process")
        if stdin:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding=sys.stdin.encoding,
                                         errors=sys.stdin.errors)
        return None


def _through(path: Path, key: str, argv: list[str], stdin: bytes) -> int:
    request = {"op": "execute", "key": key, "argv": list(argv), "cwd": os.getcwd(),
               "env": dict(os.environ),
               "streams": {"stdin": _stream_spec(sys.stdin), "stdout": _stream_spec(sys.stdout),
                           "stderr": _stream_spec(sys.stderr)}}
    with _connect(path) as sock:
        protocol.send_json(sock, request)
        protocol.send(sock, stdin)
        sock.settimeout(ACCEPT_SECONDS)
        ack = protocol.receive_json(sock)
        if "accepted" not in ack:
            raise Unavailable(ack.get("error") or "the server refused the request")
        sock.settimeout(None)  # it takes what it takes; a server that dies closes the socket
        result = protocol.receive_json(sock)
        if "code" not in result:
            raise Unavailable(result.get("error") or "the server did not do it")
        data = protocol.receive(sock)
    console.detail(f"server: done by pid {ack['accepted']} ({path})")
    _replay(result["chunks"], data)
    return int(result["code"])


def _replay(chunks: list, data: bytes) -> None:
    """The server's output, in the order it was written; each chunk flushed when its stream is
    a terminal (as an in-process check's line-buffered stdout would be)."""
    sys.stdout.flush()
    sys.stderr.flush()
    at = 0
    for stream, n in chunks:
        target = sys.stdout if stream == 1 else sys.stderr
        raw = getattr(target, "buffer", None)
        if raw is None:  # a text-only stream (an embedding program's): decode as it would encode
            target.write(data[at:at + n].decode(target.encoding or "utf-8", "replace"))
        else:
            raw.write(data[at:at + n])
        at += n
        if stream == 2 or target.isatty():
            (raw or target).flush()
    sys.stdout.flush()
    getattr(sys.stdout, "buffer", sys.stdout).flush()


# -- clinic-audit server start | stop | status ------------------------------------------------
def command(args) -> int:
    if not hasattr(socket, "AF_UNIX"):
        console.error("server: this platform has no Unix domain sockets; `check` and `run` work "
                      "in-process")
        return EXIT_ERROR
    try:
        folder = paths.private_directory(create=args.action == "start")
    except (paths.UnsafeDir, OSError) as e:
        console.error(f"server: {e}")
        return EXIT_ERROR
    key = paths.key()
    path = paths.socket_path(folder, key) if folder else None
    status = _status(path) if path else None
    if args.action == "status":
        return _print_status(status, path)
    if args.action == "stop":
        return _stop_all(folder, path)
    if status is not None:
        console.info(f"server: already running (pid {status['pid']}, {path})")
        return EXIT_OK
    return _start(folder, key, path, args.idle_timeout)


def _status(path: Path) -> dict | None:
    try:
        return _ask(path, {"op": "status"})
    except (Unavailable, OSError, protocol.ProtocolError):
        return None


def _others(folder: Path | None, path: Path | None) -> list[Path]:
    """The sockets of servers started from other code (another version, other packages)."""
    return sorted(p for p in folder.glob("check-*.sock") if p != path) if folder else []


def _stop_all(folder: Path | None, path: Path | None) -> int:
    """Stop this code's server and those of other code (which would otherwise wait for their
    idle timeout)."""
    stopped = 0
    for sock_path in ([path] if path and path.exists() else []) + _others(folder, path):
        try:
            reply = _ask(sock_path, {"op": "stop"})
        except (Unavailable, OSError, protocol.ProtocolError):
            continue  # gone meanwhile (a file left by a crash is removed on the way)
        _wait_gone(sock_path)
        console.info(f"server: stopped (pid {reply.get('stopped')}"
                     f"{'' if sock_path == path else ', started from other code'})")
        stopped += 1
    if not stopped:
        console.info("server: not running")
    return EXIT_OK


def _print_status(status: dict | None, path: Path | None) -> int:
    others = [p for p in _others(path.parent if path else None, path) if _status(p)]
    more = (f"\n  {len(others)} server(s) of other code running (they exit when idle; "
            f"`clinic-audit server stop` stops them too)") if others else ""
    if status is None:
        console.info(f"server: not running ({path or paths.directory()}){more}")
        return EXIT_VIOLATION
    now = time.time()
    console.info(f"server: running, pid {status['pid']}, socket {status['socket']}\n"
                 f"  up {now - status['started']:.0f} s, {status['requests']} request(s) served, "
                 f"idle for {now - status['last_request']:.0f} s of {status['idle_timeout']:g} s"
                 f"{more}")
    return EXIT_OK


def _start(folder: Path, key: str, path: Path, idle_timeout: float | None) -> int:
    if idle_timeout is not None and idle_timeout <= 0:
        console.error(f"server: --idle-timeout {idle_timeout:g}: give a number of seconds > 0")
        return EXIT_ERROR
    if len(str(path)) > paths.SOCKET_PATH_MAX:
        console.error(f"server: the socket path {path} is too long for a Unix socket; set "
                      f"{paths.ENV_DIR} to a shorter folder")
        return EXIT_ERROR
    path.unlink(missing_ok=True)  # nobody answered on it
    log = paths.log_path(folder, key)
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "pipeline.server.process", "--idle-timeout",
             str(idle_timeout or DEFAULT_IDLE), "--key", key],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
            close_fds=True)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        status = _status(path) if path.exists() else None
        if status is not None:
            console.info(f"server: started (pid {status['pid']}, {path}; stops after "
                         f"{status['idle_timeout']:g} s idle; log {log})")
            return EXIT_OK
        if proc.poll() is not None:
            console.error(f"server: the server exited ({proc.returncode}) while starting; its "
                          f"log {log} ends:\n{_tail(log)}")
            return EXIT_ERROR
        time.sleep(0.1)
    proc.terminate()
    console.error(f"server: not ready after {START_SECONDS:g} s (log {log}); stopped it")
    return EXIT_ERROR


def _wait_gone(path: Path, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError as e:
        return f"(unreadable: {e})"
