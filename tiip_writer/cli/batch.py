"""Many proposals in one command: folders expanded, one job per file, in processes with -j.

A job is a module-level function from one input to a `JobResult` (its exit code, the lines it
wants printed, and a one-line reason when it failed); the verbs (`tiip check`, `tiip build`)
define their jobs, this module runs them. Results come back in input order whatever order the
processes finish in, so the output of `-j 4` reads like the output of `-j 1`. A job that raises
becomes a failed result, and a worker process that dies takes only its own file down: one bad
proposal never stops the others.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass

if TYPE_CHECKING:
    from concurrent.futures import Future

EXIT_INTERNAL = 3  # as tiip's own internal-error exit (cli/main.py)
SUFFIXES = (".yaml", ".yml")
GC_THRESHOLDS = (50_000, 50, 50)  # as cli/main.py: a job's data is acyclic, collect rarely

MESSAGES = {
    "internal": Text("tiip 內部錯誤：{error}（這是 tiip 的問題，不是您的檔案的問題；請附上檔案回報）",
                     "tiip internal error: {error} (a problem in tiip, not in your file; please "
                     "report it with the file)"),
    "crashed": Text("處理這個檔案的程序意外結束", "the process working on this file ended unexpectedly"),
}


@dataclass(frozen=True)
class Input:
    """One proposal to process; `folder` is the folder argument it was found in, if any."""

    path: Path
    folder: Path | None = None

    @property
    def relative(self) -> Path:
        """Return the path below its folder argument (the file name for a file argument)."""
        return self.path.relative_to(self.folder) if self.folder else Path(self.path.name)


@dataclass(frozen=True)
class JobResult:
    """What one job did: exit code (0, 1, 2, 3), lines for stdout and stderr, why it failed."""

    exit_code: int
    out: tuple[str, ...] = ()
    err: tuple[str, ...] = ()
    reason: str | None = None
    data: Any = None  # for the verb: e.g. the JSON report of one checked file
    flags: frozenset[str] = field(default_factory=frozenset)  # e.g. {"draft"}


def expand(paths: Sequence[Path]) -> list[Input]:
    """Return the inputs: a folder stands for every *.yaml / *.yml below it (sorted), any other
    path for itself (a missing file is reported by its job). Each file comes once."""
    inputs: list[Input] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                           and p.is_file() and not _hidden(p.relative_to(path)))
            candidates = [Input(p, path) for p in found]
        else:
            candidates = [Input(path)]
        for candidate in candidates:
            key = candidate.path.resolve()
            if key not in seen:
                seen.add(key)
                inputs.append(candidate)
    return inputs


def is_batch(paths: Sequence[Path]) -> bool:
    """Return True when the arguments call for batch behaviour: several, or any folder."""
    return len(paths) > 1 or any(p.is_dir() for p in paths)


def run(job: Callable[..., JobResult], arguments: Sequence[tuple[Any, ...]],
        jobs: int = 1) -> Iterator[JobResult]:
    """Yield job(*arguments[i]) for each i, in order; in `jobs` processes when jobs > 1."""
    if jobs <= 1 or len(arguments) <= 1:
        for args in arguments:
            yield _guarded(job, *args)
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only for -j

    pool = ProcessPoolExecutor(max_workers=min(jobs, len(arguments)), initializer=_worker_init)
    try:
        futures = [pool.submit(_guarded, job, *args) for args in arguments]
        for future, args in zip(futures, arguments):
            yield _outcome(future, job, args)
    finally:
        # Normally everything is done; on Ctrl-C (or an abandoned loop) drop what has not
        # started instead of waiting for it. Outputs are written atomically, never half.
        pool.shutdown(wait=True, cancel_futures=True)


def cpu_jobs(requested: int) -> int:
    """Return the number of processes for `-j requested` (0 means one per CPU)."""
    return requested if requested > 0 else (os.cpu_count() or 1)


def _outcome(future: Future[JobResult], job: Callable[..., JobResult],
             args: tuple[Any, ...]) -> JobResult:
    """Return a future's result; if its worker died, run the job once more in its own process."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        pass
    # The pool is broken for every file still in flight: retry each alone, so only the file
    # that kills its process is reported as failed.
    try:
        with ProcessPoolExecutor(max_workers=1, initializer=_worker_init) as single:
            return single.submit(_guarded, job, *args).result()
    except BrokenProcessPool:
        reason = MESSAGES["crashed"].get(_lang(args))
        return JobResult(EXIT_INTERNAL, err=(reason,), reason=reason)


def _guarded(job: Callable[..., JobResult], *args: Any) -> JobResult:
    """Run `job`; an unexpected exception becomes a failed result instead of ending the batch."""
    try:
        return job(*args)
    except Exception as exc:  # reported as this file's failure, never a traceback
        if os.environ.get("TIIP_DEBUG"):
            raise
        reason = MESSAGES["internal"].get(_lang(args)).format(error=f"{type(exc).__name__}: {exc}")
        return JobResult(EXIT_INTERNAL, err=(reason,), reason=reason)


def _lang(args: tuple[Any, ...]) -> str:
    """Return the language among a job's arguments (jobs take `lang` as their last one)."""
    return args[-1] if args and args[-1] in ("zh", "en") else "zh"


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent, which stops the batch; they collect rarely."""
    import signal  # only a worker needs it

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*GC_THRESHOLDS)


def _hidden(relative: Path) -> bool:
    """Return True for a path inside a hidden folder or naming a hidden file (.git, .venv)."""
    return any(part.startswith(".") for part in relative.parts)
