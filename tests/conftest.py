"""Shared fixtures: a Checker that checks edited copies of the sample proposal."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import Checker


@pytest.fixture
def check(tmp_path: Path) -> Checker:
    """Return a Checker writing its variants under this test's temporary folder."""
    return Checker(tmp_path)
