"""The user's own folders: where installed libraries (and the editions in them) live, where
the settings the user chose (the publishers' keys they trust) are kept, and the cache.

Both honour the platform's conventions, so a test or a user can point them at a clean home:
data under TIIP_TEMPLATE_HOME, else XDG_DATA_HOME (default ~/.local/share); settings under
XDG_CONFIG_HOME (default ~/.config). Windows uses %APPDATA%, macOS ~/Library/Application Support.
The cache (compiled templates, parsed data files) is under TIIP_CACHE_DIR, else XDG_CACHE_HOME
(default ~/.cache); TIIP_CACHE_DIR set to an empty value turns it off.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

APP = "tiip-writer"
ENV_TEMPLATE_HOME = "TIIP_TEMPLATE_HOME"
ENV_CACHE_DIR = "TIIP_CACHE_DIR"


def user_template_dir() -> Path:
    """Return the folder `tiip templates install` writes to (it may not exist yet)."""
    explicit = os.environ.get(ENV_TEMPLATE_HOME)
    if explicit:
        return Path(explicit).expanduser()
    return _platform_dir("XDG_DATA_HOME", Path(".local") / "share") / "templates"


def user_config_dir() -> Path:
    """Return the folder of the user's tiip-writer settings (it may not exist yet)."""
    return _platform_dir("XDG_CONFIG_HOME", Path(".config"))


def user_cache_dir() -> Path | None:
    """Return the folder of tiip-writer's cache (it may not exist yet), or None when the
    cache is turned off. Raises RuntimeError when there is no home folder to put it in."""
    configured = os.environ.get(ENV_CACHE_DIR)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP


def private_cache_folder(name: str) -> Path | None:
    """Return the cache's subfolder `name`, made if missing, when no other user can change
    what is in it; else None (the cache is off, or the folder is not safe to believe).

    What the cache holds is believed (compiled templates are run, parsed rule sets decide
    findings), so, as OpenSSH does for its keys: the folder must be this user's and writable
    by nobody else, and every folder above it this user's or root's and writable by nobody
    else unless sticky (/tmp), so that no one can swap the folder for their own either. With
    TIIP_CACHE_DIR on a shared disk, a colleague's account cannot change another's rule set
    or templates. (Windows has no such modes: there the user's own profile folder is used as
    it is.)
    """
    try:
        base = user_cache_dir()
        if base is None:
            return None
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _only_mine(folder):
            return None
    except (OSError, RuntimeError):  # unwritable, a file in the way, or no home folder
        return None
    return folder


def read_own_file(path: Path) -> tuple[bytes, float] | None:
    """Return the bytes and modification time of the file at `path` when it is this user's
    and writable by nobody else (see private_cache_folder); None when it is missing,
    unreadable or not safe to believe."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not _owned(status, strict=True):
                return None
            return handle.read(), status.st_mtime
    except OSError:
        return None


def _only_mine(folder: Path) -> bool:
    """Return True when `folder` is this user's and only writable by them, and no folder
    above it can be renamed or replaced by another user."""
    folder = folder.resolve()
    if not _owned(folder.stat(), strict=True):
        return False
    return all(_owned(parent.stat(), strict=False) for parent in folder.parents)


def _owned(status: os.stat_result, strict: bool) -> bool:
    """Return True for a file or folder that no other user can change: this user's, or with
    `strict` False also root's or a sticky folder's (others cannot rename what is in it)."""
    uid = getattr(os, "getuid", None)
    if uid is None:  # Windows
        return True
    owners = {uid()} if strict else {uid(), 0}
    if status.st_uid not in owners:
        return False
    others_write = status.st_mode & 0o022
    return not others_write or (not strict and bool(status.st_mode & stat.S_ISVTX))


def _platform_dir(xdg_variable: str, xdg_default: Path) -> Path:
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / APP
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP
    base = os.environ.get(xdg_variable) or str(Path.home() / xdg_default)
    return Path(base) / APP
