"""Time whole processes: wall clock and the peak memory (max RSS) of each child, stdlib only."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One finished process: its wall time, peak resident memory and exit code."""

    seconds: float
    peak_kb: int
    exit_code: int
    stderr: str


@dataclass(frozen=True)
class Timing:
    """The median wall time of several runs and the highest peak memory among them."""

    seconds: float
    peak_kb: int
    runs: int

    @property
    def peak_mb(self) -> float:
        """Return the peak resident memory in MB (10^6 bytes)."""
        return self.peak_kb * 1024 / 1e6


class ProcessFailed(Exception):
    """A measured command exited with a code it should not have."""


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Return the environment for measured processes: as Python normally runs, it may cache
    bytecode (PYTHONDONTWRITEBYTECODE would make every run compile tiip from source); `extra`
    is laid over it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, **(extra or {})}


def run_once(command: list[str], cwd: Path | None = None,
             env: dict[str, str] | None = None) -> Run:
    """Run `command` to the end; its own max RSS comes from wait4, not from the whole tree."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors,
                                   env=child_environment(env))
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace")
    return Run(seconds, int(usage.ru_maxrss), process.returncode, text)


@dataclass(frozen=True)
class Command:
    """A command to time, the exit codes it may end with and its environment settings."""

    argv: list[str]
    allowed: tuple[int, ...] = (0,)
    env: dict[str, str] | None = None


def measure(commands: dict[str, Command], runs: int) -> dict[str, Timing]:
    """Return the median of `runs` runs of each command; raise ProcessFailed on a bad exit.

    The commands take turns (check, build, pandoc, check, …): when another program loads the
    machine for a few seconds, every command shares the slowdown instead of one taking it all.
    """
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            result = run_once(command.argv, env=command.env)
            if result.exit_code not in command.allowed:
                tail = "\n".join(result.stderr.strip().splitlines()[-5:])
                raise ProcessFailed(f"{' '.join(command.argv)} exited with {result.exit_code}:"
                                    f"\n{tail}")
            results[name].append(result)
    return {name: Timing(statistics.median(r.seconds for r in done),
                         max(r.peak_kb for r in done), len(done))
            for name, done in results.items()}


def machine() -> dict[str, str]:
    """Return what the figures depend on: CPU, cores, memory, OS, Python and library versions."""
    info = {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "memory": _memory(),
        "OS": f"{platform.system()} {platform.release()}",
        "load average at start": _load(),
        "Python": platform.python_version(),
        "pandoc": pandoc_version() or "not installed",
    }
    for name in ("tiip-writer", "python-docx", "lxml", "Jinja2", "markdown-it-py", "jsonschema",
                 "PyYAML", "click"):
        try:
            info[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            info[name] = "not installed"
    return info


def pandoc_version() -> str | None:
    """Return pandoc's version, or None when pandoc is not on PATH."""
    try:
        output = subprocess.run(["pandoc", "--version"], capture_output=True, text=True,
                                check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return output.splitlines()[0].split()[-1] if output else None


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"
