"""`clinic-audit review`: the review application on uvicorn, bound to 127.0.0.1 unless told
otherwise. Port 0 picks a free port; the address is printed once the socket listens."""
from __future__ import annotations

import socket
import sys
from pathlib import Path

from pipeline.review.app import LOOPBACK, create_app
from pipeline.review.db import ReviewDB


def allowed_hosts(host: str, extra: list[str]) -> list[str]:
    """Host header names the server answers to: the loopback names, the bound address (unless a
    wildcard) and any named with --allow-host."""
    bound = [] if host in ("0.0.0.0", "::", "") else [f"[{host}]" if ":" in host else host]
    return sorted({*LOOPBACK, *bound, *extra})


def serve(reports: Path, db: ReviewDB, *, host: str, port: int, waivers=(),
          allow_hosts: list[str] = ()) -> int:
    import uvicorn

    app = create_app(reports, db, waivers=waivers, allowed_hosts=allowed_hosts(host, allow_hosts))
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted connections only for sockets
    # whose protocol says TCP (with 0, keep-alive requests wait ~40 ms for delayed ACKs)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)  # connections wait in the backlog until uvicorn accepts them
    except OSError as e:
        sock.close()
        print(f"review: error: cannot listen on {host}:{port}: {e}", file=sys.stderr)
        return 2
    shown = f"[{host}]" if ":" in host else host
    if host not in ("127.0.0.1", "::1", "localhost"):
        print(f"review: warning: listening on {host}, not only this machine: anyone who can "
              f"reach it can read the reports", file=sys.stderr)
    print(f"clinic-audit review: http://{shown}:{sock.getsockname()[1]}/ (reports {reports}, "
          f"decisions in {db.path}); Ctrl-C stops", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
    return 0
