"""The resident process behind `clinic-audit server start` (run as `python -P -m
pipeline.server.process`, so that nothing is imported from the folder it starts in; its stdout
and stderr are the log file beside the socket).

It warms up by checking a short article from stdin in the folder it was started from (spaCy, the
rule registry, the vocabulary, the knowledge base, Harper...), then listens on its socket and runs
one request (a `check` or a `run`) at a time: the client's environment, working directory, stdin
and terminal flags are put in place, the same code as in-process runs (`pipeline.cli.execute`),
and what it wrote to stdout and stderr goes back in the order it was written, with the exit code.
Between requests it keeps the heavy resources (`pipeline.resources.kept`: each under a digest of
the project files it was built from, so a changed knowledge file or termbase is read again) and
the process that validates beside the report stage, Great Expectations imported
(`pipeline.parallel.resident`); settings, policy, waivers and the cache's statistics are read or
reset by every request, as in-process, and worker processes a request starts get its environment
and folder. A client that goes away (Ctrl-C, killed) stops its request as Ctrl-C would stop it
in-process: its connection is watched while the request runs.

It exits after `--idle-timeout` seconds without a request, on `server stop`, on SIGTERM/SIGHUP,
and when its socket file is removed or replaced (another server took its place)."""
from __future__ import annotations

import argparse
import io
import os
import signal
import socket
import sys
import threading
import time
import traceback
import warnings
from contextlib import contextmanager
from pathlib import Path

from pipeline.server import paths, protocol

CHECK_SECONDS_TICK = 30.0  # how often an idle server looks at its socket file and the clock
# A short article that reaches the lazily built tables of most rules (a misspelt drug, a
# Persian-style spelling, a claim, a list, page furniture, Persian script).
WARM_UP_TEXT = (
    "Knee pain after running\n\n"
    "Study time: 5 minutes\n\n"
    "Pain in the knee joint is common in runners. The doctor may prescribe ibuprofen or "
    "metacarbamol, and an esteroid injection helps the the sinusit. Its important to rest.\n"
    "- Rest and ice\n- Exercises for the hamstring muscle زانو\n\n"
    "Osteoarthritis of the knee is a infectious disease of the cartilage; an MRI scan shows "
    "it. Vitamin D is found in the liver, which pumps blood.\n")


class _Sink(io.RawIOBase):
    """A binary stream that records each write as (stream number, bytes) in a shared list."""

    def __init__(self, chunks: list, stream: int):
        super().__init__()
        self.chunks, self.stream = chunks, stream

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append((self.stream, bytes(data)))
        return len(data)


class _Stream(io.TextIOWrapper):
    """sys.stdout or sys.stderr of a request: the client's encoding, and its terminal flag
    (colour and progress are decided by `isatty`, as in-process)."""

    def __init__(self, sink: _Sink, spec: dict):
        super().__init__(sink, encoding=spec.get("encoding") or "utf-8",
                         errors=spec.get("errors") or "strict", write_through=True)
        self._tty = bool(spec.get("tty"))

    def isatty(self) -> bool:
        return self._tty


@contextmanager
def as_client(request: dict, stdin: bytes):
    """The process's environment, working directory and standard streams as the client's,
    restored afterwards; yields the list the output chunks are recorded in. Warnings are shown
    again for every request (the registry of those already shown is reset), as in a new
    process."""
    saved = dict(os.environ), os.getcwd(), sys.stdin, sys.stdout, sys.stderr
    chunks: list[tuple[int, bytes]] = []
    streams = request.get("streams") or {}
    try:
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        spec = streams.get("stdin") or {}
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding=spec.get("encoding") or "utf-8",
                                     errors=spec.get("errors") or "strict")
        sys.stdout = _Stream(_Sink(chunks, 1), streams.get("stdout") or {})
        sys.stderr = _Stream(_Sink(chunks, 2), streams.get("stderr") or {})
        with warnings.catch_warnings():
            yield chunks
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        env, cwd, sys.stdin, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(env)
        os.chdir(cwd)


def run_here(argv: list[str]) -> int:
    """`clinic-audit ARGV` in this process, never through a server; its exit code."""
    from pipeline import cli

    try:
        return cli.execute(argv, via_server=False)
    except SystemExit as e:  # argparse (the client parsed the same arguments: not expected)
        if e.code is None or isinstance(e.code, int):
            return e.code or 0
        print(e.code, file=sys.stderr)
        return 1


def merged(chunks: list[tuple[int, bytes]]) -> list[tuple[int, bytes]]:
    """Consecutive chunks of one stream joined."""
    out: list[tuple[int, bytes]] = []
    for stream, data in chunks:
        if out and out[-1][0] == stream:
            out[-1] = (stream, out[-1][1] + data)
        elif data:
            out.append((stream, data))
    return out


class Server:
    def __init__(self, folder: Path, key: str, idle_timeout: float):
        self.folder, self.key, self.idle_timeout = folder, key, idle_timeout
        self.path = paths.socket_path(folder, key)
        self.started = self.last = time.time()
        self.requests = 0
        self.inode: int | None = None
        self.armed = False  # SIGINT stops the request (its client went away)

    def log(self, message: str) -> None:
        print(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} pid {os.getpid()}: {message}",
              file=sys.stderr, flush=True)

    def warm_up(self) -> None:
        started = time.perf_counter()
        request = {"env": dict(os.environ), "cwd": os.getcwd()}
        with as_client(request, WARM_UP_TEXT.encode("utf-8")):
            code = run_here(["check", "-q", "--output-format", "jsonl", "-",
                             "--stdin-filename", "warm-up.txt"])
        self.log(f"warmed up in {time.perf_counter() - started:.1f} s (exit {code})")

    def listen(self) -> socket.socket:
        """Bind a temporary name, then rename it into place: a client never finds a socket file
        that nobody listens on yet."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        tmp = self.folder / f".{self.path.stem}-{os.getpid()}.tmp"
        tmp.unlink(missing_ok=True)
        sock.bind(str(tmp))
        os.chmod(tmp, 0o600)
        sock.listen(16)
        os.replace(tmp, self.path)
        self.inode = os.stat(self.path).st_ino
        return sock

    def ours(self) -> bool:
        try:
            return os.stat(self.path).st_ino == self.inode
        except OSError:
            return False

    def status(self) -> dict:
        return {"pid": os.getpid(), "key": self.key, "socket": str(self.path),
                "started": self.started, "requests": self.requests,
                "idle_timeout": self.idle_timeout, "last_request": self.last,
                "python": sys.executable}

    def serve(self) -> None:
        sock = self.listen()
        self.log(f"listening on {self.path} (idle timeout {self.idle_timeout:g} s)")
        try:
            while True:
                idle = time.time() - self.last
                if idle >= self.idle_timeout:
                    self.log(f"idle for {idle:.0f} s: exiting")
                    break
                if not self.ours():
                    self.log(f"{self.path} was removed or replaced: exiting")
                    break
                sock.settimeout(min(self.idle_timeout - idle, CHECK_SECONDS_TICK))
                try:
                    conn, _ = sock.accept()
                except (socket.timeout, InterruptedError):
                    continue
                with conn:
                    stop = self.handle(conn)
                self.last = time.time()
                if stop:
                    self.log("stopped on request")
                    break
        finally:
            sock.close()
            if self.ours():
                self.path.unlink(missing_ok=True)

    def handle(self, conn: socket.socket) -> bool:
        """Answer one connection; True when it asked the server to stop."""
        try:
            conn.settimeout(30.0)  # a client that connects and sends nothing is dropped
            if not protocol.same_user(conn):
                self.log(f"refused a connection from uid {protocol.peer_uid(conn)}")
                return False
            request = protocol.receive_json(conn)
            op = request.get("op")
            if op == "status":
                protocol.send_json(conn, self.status())
            elif op == "stop":
                protocol.send_json(conn, {"stopped": os.getpid()})
                return True
            elif op != "execute":
                protocol.send_json(conn, {"error": f"unknown request {op!r}"})
            elif request.get("key") != self.key:
                protocol.send_json(conn, {"error": "stale: the server runs other code"})
            else:
                self.execute(conn, request)
        except (OSError, protocol.ProtocolError) as e:
            self.log(f"connection dropped: {type(e).__name__}: {e}")
        except Exception:  # never let one request end the server
            self.log("request failed:\n" + traceback.format_exc())
        return False

    def execute(self, conn: socket.socket, request: dict) -> None:
        stdin = protocol.receive(conn)
        protocol.send_json(conn, {"accepted": os.getpid()})
        conn.settimeout(None)
        self.requests += 1
        started = time.perf_counter()
        watch = HangUp(conn)
        try:
            with as_client(request, stdin) as chunks:
                self.armed = True
                try:
                    code = run_here([str(a) for a in request["argv"]])
                finally:
                    self.armed = False
                    watch.finish()
        except (OSError, KeyError, TypeError) as e:  # e.g. the client's folder is gone
            protocol.send_json(conn, {"error": f"cannot act as the client: {e}"})
            return
        except KeyboardInterrupt:  # the client went away as the request ended
            self.log(f"{request['argv']}: the client went away")
            return
        out = merged(chunks)
        protocol.send_json(conn, {"code": code, "chunks": [[s, len(b)] for s, b in out]})
        protocol.send(conn, b"".join(b for _, b in out))
        self.log(f"{request['argv']} in {request['cwd']}: exit {code}, "
                 f"{time.perf_counter() - started:.2f} s{' (client gone)' if watch.fired else ''}")

    def interrupt(self, signum, frame) -> None:
        """SIGINT (`HangUp`): stops the request that runs, else nothing."""
        if self.armed:
            raise KeyboardInterrupt


class HangUp:
    """Watches a request's connection in a thread: the client sends nothing after its request,
    so the end of the connection (or any byte) means it went away, and SIGINT then stops the
    request (`Server.interrupt`), as Ctrl-C stops it in-process. `finish()` ends the watch."""

    def __init__(self, conn: socket.socket):
        self.conn, self.lock = conn, threading.Lock()
        self.done = self.fired = False
        self.thread = threading.Thread(target=self._watch, name="hang-up", daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        try:
            self.conn.recv(1)
        except OSError:
            pass
        with self.lock:
            if not self.done:
                self.fired = True
                signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)

    def finish(self) -> None:
        with self.lock:
            self.done = True
        try:
            self.conn.shutdown(socket.SHUT_RD)  # wakes the watching thread
        except OSError:
            pass
        self.thread.join()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m pipeline.server.process")
    ap.add_argument("--idle-timeout", type=float, required=True)
    ap.add_argument("--key", required=True, help="the key the client computed (must be ours)")
    args = ap.parse_args(argv)
    folder = paths.private_directory(create=True)
    key = paths.key()
    if key != args.key:
        sys.exit(f"this process's key {key[:20]} is not the client's {args.key[:20]} (another "
                 f"interpreter, or the code changed meanwhile): not starting")
    from pipeline import parallel, resources

    resources.kept = {}  # the heavy resources are kept between requests
    parallel.resident = {}  # and the process that validates beside the report stage
    server = Server(folder, key, args.idle_timeout)

    def end(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, end)
    signal.signal(signal.SIGHUP, end)
    signal.signal(signal.SIGINT, server.interrupt)
    server.log(f"starting in {os.getcwd()}")
    try:
        server.warm_up()
        server.serve()
    finally:
        parallel.end_kept()


if __name__ == "__main__":
    main()
