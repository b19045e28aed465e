"""A real `tiip edit` server on a copy of a sample, for the HTTP and browser tests."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LARGEST_SAMPLE = ROOT / "samples" / "topdown-joint-two-companies.yaml"
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=(\S+)")


@dataclass
class Editor:
    """A running `tiip edit`: its file, page URL, port and token."""

    file: Path
    url: str
    port: int
    token: str
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def start_editor(file: Path, *extra: str) -> Editor:
    """Start `tiip edit FILE --no-browser` in FILE's folder and wait for the URL it prints."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tiip_writer", "edit", file.name, "--no-browser", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=file.parent)
    assert process.stdout is not None
    lines = []
    for line in process.stdout:
        lines.append(line)
        match = URL.search(line)
        if match:
            return Editor(file, match.group(0), int(match.group(1)), match.group(2), process)
    process.wait(timeout=10)
    raise AssertionError("tiip edit printed no URL:\n" + "".join(lines))


def stop_editor(editor: Editor) -> None:
    editor.process.terminate()
    try:
        editor.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        editor.process.kill()


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    copy = tmp_path / LARGEST_SAMPLE.name
    shutil.copy(LARGEST_SAMPLE, copy)
    return copy


@pytest.fixture
def editor(sample_copy: Path) -> Iterator[Editor]:
    running = start_editor(sample_copy)
    yield running
    stop_editor(running)
