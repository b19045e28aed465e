"""Where the server's socket lives, and a fingerprint of the code it serves.

Standard library only and no work beyond a few dozen stat calls: this runs at the start of
every `tiip` command. The socket's name holds a fingerprint of the interpreter, the installed
packages and tiip's own files, so editing tiip, upgrading a dependency or switching virtual
environments reaches a new server; the old one exits when idle.
"""

from __future__ import annotations

import _socket
import os
import stat
import sys
import zlib

ENV_SWITCH = "TIIP_SERVER"          # off / 0 / no / false: run every command in-process
ENV_IDLE = "TIIP_SERVER_IDLE"       # seconds without a command before the server exits
DEFAULT_IDLE_SECONDS = 600.0
OFF_VALUES = frozenset({"0", "off", "no", "false"})

# Settings read once when Python starts (stream encodings, locale): a server started under
# other values would not behave like a fresh process, so they are part of the fingerprint.
STARTUP_ENVIRONMENT = ("LANG", "LC_ALL", "LC_CTYPE", "PYTHONIOENCODING", "PYTHONUTF8",
                       "PYTHONHASHSEED", "PYTHONWARNINGS", "PYTHONDEVMODE")

_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The server keeps bundled data it has parsed (schemas, rule sets): their files count as code.
# An installed wheel has them inside the package; a checkout beside it.
_CODE_DIRS = (_PACKAGE_DIR, *(os.path.join(os.path.dirname(_PACKAGE_DIR), name)
                              for name in ("schemas", "rulesets")))
_SOCKET_PATH_MAX = 100  # sun_path holds 104–108 bytes depending on the system


def enabled() -> bool:
    """Return whether commands may go through a server on this system and in this setting."""
    if os.environ.get(ENV_SWITCH, "").strip().lower() in OFF_VALUES:
        return False
    return os.name == "posix" and hasattr(os, "fork") and hasattr(_socket, "AF_UNIX")


def idle_seconds() -> float:
    """Return how long the server waits for a command before it exits."""
    try:
        value = float(os.environ.get(ENV_IDLE, ""))
    except ValueError:
        return DEFAULT_IDLE_SECONDS
    return value if value > 0 else DEFAULT_IDLE_SECONDS


def runtime_dir() -> str:
    """Return the private folder for the socket: $XDG_RUNTIME_DIR/tiip-writer, else one in
    the temporary folder named after the user ($TMPDIR unless its path leaves no room for
    the socket's name, as macOS's long /var/folders/… paths can)."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and os.path.isabs(base):
        return os.path.join(base, "tiip-writer")
    tmp = os.environ.get("TMPDIR") or "/tmp"
    if len(tmp.encode("utf-8", "surrogateescape")) > _SOCKET_PATH_MAX - 50:
        tmp = "/tmp"
    return os.path.join(tmp, f"tiip-writer-{os.getuid()}")


def private_dir(create: bool) -> str | None:
    """Return the runtime folder if it is safe to use (a real folder of this user that nobody
    else can enter), creating it when asked; None otherwise."""
    path = runtime_dir()
    if create:
        try:
            os.makedirs(path, mode=0o700, exist_ok=True)
        except OSError:
            return None
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None
    return path


def fingerprint() -> str:
    """Return a short hash of what a server's preloaded code depends on (not a secret: zlib's
    checksums, because hashlib's import alone would cost every command 3 ms)."""
    parts = [os.path.realpath(sys.executable), sys.prefix, sys.version, _PACKAGE_DIR]
    parts += [f"{name}={os.environ.get(name, '')}" for name in STARTUP_ENVIRONMENT]
    # Installing or removing a package changes its folder's mtime. sys.path[0] is the folder
    # of whatever started Python (the tiip script, a test), not where packages come from.
    for entry in sys.path[1:]:
        try:
            parts.append(f"{entry}:{os.stat(entry or '.').st_mtime_ns}")
        except OSError:
            parts.append(f"{entry}:-")
    for top in _CODE_DIRS:
        for root, folders, files in os.walk(top):
            folders[:] = sorted(f for f in folders if f != "__pycache__")
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(root, name))
                except OSError:
                    continue
                parts.append(f"{root}/{name}:{info.st_mtime_ns}:{info.st_size}")
    data = "\0".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def socket_path(create: bool = False) -> str | None:
    """Return the socket path of the server for this code, or None when no safe one exists."""
    folder = private_dir(create)
    if folder is None:
        return None
    path = os.path.join(folder, f"{fingerprint()}.sock")
    return path if len(path.encode("utf-8", "surrogateescape")) <= _SOCKET_PATH_MAX else None
