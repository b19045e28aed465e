"""Standard output that cannot take the text: another encoding, closed, full or a broken pipe.

The report is the point of `tiip budget` and `tiip check`, so a failure to print it is said
plainly on stderr with exit 2 — never a traceback, never the internal-error exit 3. A terminal
in cp950 or Latin-1 gets every character it can show and `?` for the others (with one warning
when it cannot show Chinese at all).
"""

from __future__ import annotations

import errno
import io
import sys
from typing import Any

EXIT_INPUT = 2
# errno values of a stream that cannot be written: full disk, closed, broken pipe, I/O error
STREAM_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EBADF, errno.EPIPE, errno.EIO,
                           errno.EFBIG})
_CHINESE_SAMPLE = "計畫書"


class ClosedStream(io.TextIOBase):
    """Stands in for a standard output the shell closed (`>&-`): writing to it fails."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def prepare_streams() -> None:
    """Make stdout and stderr replace what their encoding lacks; stand in for a closed stdout."""
    if sys.stdout is None:
        sys.stdout = ClosedStream()
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")
    encoding = getattr(sys.stdout, "encoding", None)
    if encoding and not _can_encode(encoding):
        _say(f"tiip: the output encoding {encoding} cannot show Chinese; characters it lacks "
             "are printed as '?'. Set PYTHONIOENCODING=utf-8 (or use a UTF-8 terminal) to "
             "see them.\n")


def is_stream_failure(error: BaseException) -> bool:
    """Return True when `error` is a write to stdout or stderr that cannot succeed."""
    return isinstance(error, OSError) and error.errno in STREAM_ERRORS


def report_stream_failure(error: OSError) -> int:
    """Say on stderr that the output could not be written; return the exit code (2)."""
    reason = error.strerror or str(error)
    _say(f"tiip：無法寫出到標準輸出：{reason}。cannot write to standard output: {reason}\n")
    _silence_stdout()
    return EXIT_INPUT


def flush_stdout() -> None:
    """Flush stdout now, so that a full disk is noticed while tiip can still say so."""
    stream: Any = sys.stdout
    if stream is not None and not isinstance(stream, ClosedStream):
        stream.flush()


def _silence_stdout() -> None:
    """Drop what is still buffered for a stdout that failed (the interpreter would retry)."""
    try:
        sys.stdout = open("/dev/null", "w", encoding="utf-8")  # noqa: SIM115
    except OSError:
        sys.stdout = ClosedStream()


def _can_encode(encoding: str) -> bool:
    try:
        _CHINESE_SAMPLE.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _say(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass  # stderr is gone too: the exit code is all that is left
