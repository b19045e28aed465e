"""The first `tiip` command after install runs in its own process and leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "topdown-joint-two-companies.yaml"
# The `tiip` console script as pip installs it: whatever the package's entry point runs.
ENTRY_POINT = ("import sys; from importlib.metadata import entry_points; "
               "sys.argv[0] = 'tiip'; sys.exit(entry_points(group='console_scripts')['tiip']"
               ".load()())")


def _processes_with(marker: str) -> list[int]:
    """Return the pids of live processes whose environment holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environment = (entry / "environ").read_bytes()
        except OSError:  # gone, or not ours to read
            continue
        if marker.encode() in environment:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc")
def test_first_command_starts_no_background_process(tmp_path):
    marker = f"tiip-first-run-{uuid.uuid4().hex}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("TIIP_")}
    env.update({"TIIP_FIRST_RUN_MARKER": marker, "XDG_RUNTIME_DIR": str(tmp_path / "run"),
                "TMPDIR": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"),
                "HOME": str(tmp_path)})
    (tmp_path / "run").mkdir(mode=0o700)
    for verb in (["check", str(SAMPLE)], ["build", str(SAMPLE), "-o", str(tmp_path / "p.docx")]):
        done = subprocess.run([sys.executable, "-c", ENTRY_POINT, *verb], env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "p.docx").stat().st_size > 10_000
    time.sleep(0.5)  # a process started in the background has had time to show up
    left = _processes_with(marker)
    for pid in left:  # leave the machine as it was
        os.kill(pid, 15)
    assert left == [], "a tiip command left a process running in the background"
    assert list((tmp_path / "run").iterdir()) == []  # no socket, no lock file
