"""Where the server's socket lives and which server a client may use.

The folder is `$CLINIC_AUDIT_SERVER_DIR`, else `$XDG_RUNTIME_DIR/clinic-audit`, else the user
cache folder's `server/`; it is created 0700 and used only when it belongs to this user and no one
else may enter it. The socket's name is a key of everything the server's answers depend on that a
request does not carry: the package version, the code version of `pipeline/cache.py` (every file
of the package, code and data), the installed distributions, the interpreter and its encodings. A
server started from other code has another socket, so it is never asked (it exits when idle)."""
from __future__ import annotations

import hashlib
import locale
import os
import stat
import sys
from pathlib import Path

ENV_DIR = "CLINIC_AUDIT_SERVER_DIR"
ENV_SWITCH = "CLINIC_AUDIT_SERVER"   # 0 / false / no / off: never use a server
OFF = ("0", "false", "no", "off")
SOCKET_PATH_MAX = 100  # sun_path holds 104 (macOS) to 108 (Linux) bytes


class UnsafeDir(Exception):
    """The socket folder is not private to this user."""


def disabled() -> bool:
    return os.environ.get(ENV_SWITCH, "").strip().lower() in OFF


def directory() -> Path:
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    if os.environ.get("XDG_RUNTIME_DIR"):
        return Path(os.environ["XDG_RUNTIME_DIR"]) / "clinic-audit"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("clinic-audit")) / "server"


def private_directory(create: bool) -> Path | None:
    """The socket folder, created 0700 when `create`; None when it does not exist. Raises
    UnsafeDir when it is not a folder of this user's that only this user may enter."""
    folder = directory()
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafeDir(f"{folder}: not a folder")
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise UnsafeDir(f"{folder}: belongs to another user (uid {st.st_uid})")
    if st.st_mode & 0o077:
        raise UnsafeDir(f"{folder}: others may enter it (mode {stat.S_IMODE(st.st_mode):o}; "
                        f"it must be 700)")
    return folder


def key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from pipeline.cache import code_version

    try:
        ours = version("clinic-audit")
    except PackageNotFoundError:
        ours = "not installed"
    h = hashlib.sha256(f"clinic-audit {ours}\n{sys.executable}\n{sys.version}\n".encode())
    h.update(f"{sys.getfilesystemencoding()} {locale.getpreferredencoding(False)} "
             f"utf8 mode {sys.flags.utf8_mode}\n".encode())
    h.update(code_version().encode() + b"\n" + distributions().encode())
    return h.hexdigest()


def distributions() -> str:
    """The installed distributions and their versions (`pipeline.cache.package_versions`: the
    client runs from anywhere, the server with `-P`, and both must find the same key)."""
    from pipeline.cache import package_versions

    return package_versions()


def socket_path(folder: Path, server_key: str) -> Path:
    return folder / f"check-{server_key[:20]}.sock"


def log_path(folder: Path, server_key: str) -> Path:
    return folder / f"check-{server_key[:20]}.log"
