"""The benchmark keeps working: one quick run at 1× (CI smoke test; no timing is asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.mark.parametrize("pandoc", ["as installed", "missing"])
def test_the_benchmark_runs_once_at_1x_and_prints_its_table(tmp_path: Path, pandoc: str) -> None:
    env = dict(os.environ)
    if pandoc == "missing":
        env["PATH"] = str(tmp_path)  # a machine without pandoc: its column stays empty
    process = subprocess.run(
        [sys.executable, "bench/run.py", "--quick", "--scales", "1", "--no-write"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=env, check=False)
    assert process.returncode == 0, process.stderr
    lines = process.stdout.splitlines()
    assert lines[0].startswith("sample: topdown-joint-two-companies.yaml")
    header = next(line for line in lines if line.startswith("| scale |"))
    assert "tiip check" in header and "tiip build" in header and "pandoc" in header
    row = next(line for line in lines if line.startswith("| 1× |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[4].endswith(" s") and cells[5].endswith(" s")  # check and build were timed
    assert any(line.startswith(("met: tiip check 1×", "NOT met: tiip check 1×")) for line in lines)
    assert "build ÷ floor" in header  # tiip beside Python importing its libraries
    floor = next(line for line in lines if line.startswith("Floor, on the same turns:"))
    assert "Python alone" in floor and "Python importing jinja2" in floor
    assert any(line.startswith(("met: tiip build 1×", "NOT met: tiip build 1×")) for line in lines)
    assert "Traceback" not in process.stderr
