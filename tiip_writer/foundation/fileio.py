"""Writing output files without ever leaving a half-written or clobbered file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        os.replace(temp_name, path)
    except BaseException:
        # Also on Ctrl-C: the old file stays intact and no partial file is left.
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _umask() -> int:
    """Return the process umask (reading it requires setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` atomically, refusing (FileExistsError) when `path` exists.

    The file appears complete or not at all, and an existing file is never replaced, even one
    created a moment earlier by another program. `mode` sets the permissions (e.g. 0o600 for a
    private key); by default the umask decides, as for any new file."""
    folder = path.parent if str(path.parent) else Path(".")
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_umask())
        os.link(temp_name, path)  # unlike rename, a hard link never replaces an existing file
    finally:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
