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
    """Return the cache's subfolder `name`, made if missing, when only this user can write to
    it; else None (the cache is off, or the folder is someone else's or open to others).

    What the cache holds is believed (compiled templates are run, parsed rule sets decide
    findings), so a folder another user can write to is not used: with TIIP_CACHE_DIR on a
    shared disk, a colleague's account cannot change another's rule set or templates.
    """
    try:
        base = user_cache_dir()
        if base is None:
            return None
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        status = folder.stat()
    except (OSError, RuntimeError):  # unwritable, a file in the way, or no home folder
        return None
    owner = getattr(os, "getuid", None)  # Windows: the user's profile folder already is
    if owner is not None and (status.st_uid != owner() or status.st_mode & 0o022):
        return None
    return folder


def _platform_dir(xdg_variable: str, xdg_default: Path) -> Path:
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / APP
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP
    base = os.environ.get(xdg_variable) or str(Path.home() / xdg_default)
    return Path(base) / APP
