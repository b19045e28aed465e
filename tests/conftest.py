"""Shared fixtures (plain helpers live in tests/helpers.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.helpers import Checker

# Laying out pages takes LibreOffice seconds per build, so tests build without it unless they
# ask. Set for the whole process, not only per test: module- and session-scoped fixtures build
# before any function-scoped fixture runs, and must build the same way as the tests they serve.
os.environ["TIIP_PAGE_NUMBERS"] = "off"
# Compiled templates and parsed data files go to a cache of the test run's own, not the
# user's (tests that look at the cache point TIIP_CACHE_DIR at their own folder).
_CACHE = tempfile.TemporaryDirectory(prefix="tiip-test-cache-")
os.environ["TIIP_CACHE_DIR"] = _CACHE.name


@pytest.fixture
def check(tmp_path: Path) -> Checker:
    """Return a Checker writing its variants under this test's temporary folder."""
    return Checker(tmp_path)


@pytest.fixture
def write_variant(tmp_path: Path):
    """Return a function writing proposal text to a temporary file and returning its path."""

    def write(text: str, name: str = "proposal.yaml", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture(autouse=True)
def isolated_template_libraries(tmp_path_factory: pytest.TempPathFactory,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's own template libraries (search path, user folder) and settings out of
    every test."""
    monkeypatch.delenv("TIIP_TEMPLATE_PATH", raising=False)
    monkeypatch.delenv("TIIP_RULESET_PATH", raising=False)
    # the publishers' keys the user trusts live in the settings folder: a clean one per test
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config-home")))
    monkeypatch.setenv("TIIP_TEMPLATE_HOME", str(tmp_path_factory.mktemp("template-home")))
    monkeypatch.delenv("TIIP_RENDER_TIMEOUT", raising=False)
    monkeypatch.delenv("TIIP_RENDER_MAX_CHARS", raising=False)
    # Laying out pages takes LibreOffice seconds per build; the page-number tests turn it on.
    monkeypatch.setenv("TIIP_PAGE_NUMBERS", "off")
