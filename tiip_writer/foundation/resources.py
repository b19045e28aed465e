"""Locate the data folders (templates/, schemas/, rulesets/) in a checkout or an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # tiip_writer/


@cache
def data_dir(name: str) -> Path:
    """Return the folder `name`: the wheel's copy if installed, else the repository's own."""
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"tiip-writer data folder {name!r} is missing from this installation")


def schema_path(name: str = "proposal.schema.json") -> Path:
    """Return the path of a bundled JSON Schema."""
    return data_dir("schemas") / name
