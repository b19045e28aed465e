"""Shared test helpers: the bundled samples, proposal variants and a CLI runner."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from tiip_writer.cli.main import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
BASE_SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


def run_tiip(*args: str) -> CliResult:
    """Run the tiip CLI in-process and return its exit code and both output streams."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)


def sample_text() -> str:
    """Return the base sample's text."""
    return BASE_SAMPLE.read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    """Return `text` with `old` (which must occur exactly once) replaced by `new`."""
    assert text.count(old) == 1, f"expected exactly one {old!r} in the sample"
    return text.replace(old, new)


def locate(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """Return the 1-based (line, column) in characters of `needle` (+ offset) in `text`."""
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


@pytest.fixture
def write_variant(tmp_path: Path):
    """Return a function writing proposal text to a temporary file and returning its path."""

    def write(text: str, name: str = "proposal.yaml", encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return path

    return write


@pytest.fixture
def check(tmp_path: Path):
    """Return a Checker writing its variants under this test's temporary folder."""
    from helpers import Checker

    return Checker(tmp_path)
