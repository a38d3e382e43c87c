"""The wire format between `check` and the server: frames of an 8-byte big-endian length and a
payload; a request is a JSON frame and a stdin frame, an answer an acknowledgement (JSON) and then
a result (JSON: the exit code and the output chunks in the order they were written) and the
output bytes. Also the peer check (same user only)."""
from __future__ import annotations

import json
import os
import socket
import struct

LENGTH = struct.Struct("!Q")
MAX_FRAME = 1 << 32  # 4 GB: far more than any output; a bigger length is a broken stream


class ProtocolError(ConnectionError):
    pass


def send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(LENGTH.pack(len(payload)) + payload)


def send_json(sock: socket.socket, obj) -> None:
    send(sock, json.dumps(obj).encode("utf-8"))


def _exactly(sock: socket.socket, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise ProtocolError("the connection closed mid-message")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def receive(sock: socket.socket) -> bytes:
    (n,) = LENGTH.unpack(_exactly(sock, LENGTH.size))
    if n > MAX_FRAME:
        raise ProtocolError(f"a frame of {n} bytes")
    return _exactly(sock, n)


def receive_json(sock: socket.socket) -> dict:
    try:
        obj = json.loads(receive(sock).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ProtocolError(f"not a JSON frame: {e}") from e
    if not isinstance(obj, dict):
        raise ProtocolError("not a JSON object")
    return obj


def peer_uid(sock: socket.socket) -> int | None:
    """The user id of the process at the other end (SO_PEERCRED on Linux, getpeereid on the
    BSDs and macOS through LOCAL_PEERCRED), or None where the platform cannot tell: there the
    private socket folder is the only guard."""
    if hasattr(socket, "SO_PEERCRED"):
        creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        return struct.unpack("3i", creds)[1]
    if hasattr(socket, "LOCAL_PEERCRED"):  # struct xucred: version, uid, ...
        creds = sock.getsockopt(0, socket.LOCAL_PEERCRED, struct.calcsize("2Ih2x16I"))
        return struct.unpack_from("2I", creds)[1]
    return None


def same_user(sock: socket.socket) -> bool:
    uid = peer_uid(sock)
    return uid is None or not hasattr(os, "getuid") or uid == os.getuid()
