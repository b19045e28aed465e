"""Run `tiip` in a real process under the limits every hostile input must stay within.

The issue-20 promise: each reproduction answers with exit 1 or 2 and a message within 5 s and
500 MB. The memory limit is set on the child (RLIMIT_AS), so a runaway allocation fails there
instead of slowing the machine. The time is the child's CPU time (user + system): on a machine
shared with other jobs the wall clock says more about the neighbours than about tiip; the wall
clock only has a generous timeout.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SECONDS = 5.0
MEMORY_BYTES = 500 * 1024 * 1024


@dataclass
class Limited:
    exit_code: int
    stdout: str
    stderr: str
    seconds: float


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_limited(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
                stdin: bytes | None = None, seconds: float = SECONDS) -> Limited:
    """Run `python -m tiip_writer ARGS` under 500 MB; fail the test past `seconds` of CPU."""
    environment = {**os.environ, "TIIP_SERVER": "off", **(env or {})}
    started = _children_cpu()
    try:
        process = subprocess.run([sys.executable, "-m", "tiip_writer", *args],
                                 check=False, cwd=cwd,
                                 env=environment, input=stdin, capture_output=True,
                                 timeout=seconds * 4, preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"tiip {' '.join(args)} still ran after {seconds * 4:g} s") from error
    took = _children_cpu() - started
    result = Limited(process.returncode, process.stdout.decode("utf-8", "replace"),
                     process.stderr.decode("utf-8", "replace"), took)
    assert took < seconds, f"took {took:.1f} s of CPU: {result.stderr[-500:]}"
    return result


def answered(result: Limited, *codes: int) -> str:
    """Assert a clean answer (one of `codes`, a message, no traceback); return stderr."""
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.exit_code in codes, (result.exit_code, result.stderr[-2000:])
    assert result.stderr.strip() or result.stdout.strip(), "no message"
    return result.stderr
