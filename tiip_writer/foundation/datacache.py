"""The tool's own parsed data files kept between runs, as Python's marshal format.

Every check reads the year's rule set and every build the library's tables.yaml; parsing them
with libyaml is ~4 ms each, a fiftieth of a command, and the same files are parsed again by
every run. The parsed values are kept in the user's cache folder, named by a hash of the
file's bytes and of the parser, so an edited file or another PyYAML is parsed afresh and a
file is never read under another file's name. Each entry carries a checksum of itself, so a
damaged one is parsed again rather than believed. Only plain values are kept (what marshal
writes: dicts, lists, text, numbers); anything else (a YAML date) is parsed every time. The
cache is an optimisation only: a folder that cannot be made or written, or a damaged entry,
means parsing as before; a folder other users can write to is not used
(userdirs.private_cache_folder). It holds at most MAX_ENTRIES files (a rule set edited a hundred
times leaves no more); the least recently used go first.
"""

from __future__ import annotations

import marshal
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tiip_writer.foundation.userdirs import private_cache_folder, read_own_file

try:  # CPython's own BLAKE2: hashlib would also load OpenSSL, ~3 ms of every check
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b

FORMAT = 1  # bump when what is stored for a key changes
MAX_ENTRIES = 200
DAY = 24 * 3600
_CHECKSUM = 16  # bytes of BLAKE2b in front of each entry


def parsed(data: bytes, parser: str, parse: Callable[[bytes], Any]) -> tuple[Any, bytes | None]:
    """Return `parse(data)` and its marshal bytes (None when marshal cannot write the value),
    from the cache when an earlier run parsed the same bytes with the same `parser` (a name
    that changes with the parser's version). The value is the caller's own.

    Exceptions of `parse` propagate; nothing is stored for a file that does not parse.
    """
    folder = private_cache_folder("data")
    key = blake2b(f"{FORMAT}|{marshal.version}|{parser}|".encode() + data).hexdigest()
    entry = folder / f"{key}.marshal" if folder is not None else None
    if entry is not None:
        stored, modified = read_own_file(entry) or (b"", 0.0)  # none yet, or not ours
        blob = stored[_CHECKSUM:]
        if stored[:_CHECKSUM] == _checksum(blob):
            try:
                value = marshal.loads(blob)
            except (EOFError, ValueError, TypeError):  # written by another Python
                pass
            else:
                _mark_used(entry, modified)
                return value, blob
    value = parse(data)
    try:
        blob = marshal.dumps(value)
    except ValueError:  # not plain data (a date): parsed every time
        return value, None
    if entry is not None:
        _store(entry, blob)
    return value, blob


def _mark_used(entry: Path, modified: float) -> None:
    """Touch an entry read from (at most daily): the pruning drops the least recently used."""
    if time.time() - modified > DAY:
        try:
            os.utime(entry)
        except OSError:
            pass


def _checksum(blob: bytes) -> bytes:
    return blake2b(blob, digest_size=_CHECKSUM).digest()


def _store(entry: Path, blob: bytes) -> None:
    """Write `blob` as `entry` whole or not at all (a concurrent run reads either nothing or
    the complete entry), then make room if the folder holds too many."""
    try:
        # A name of this process's and thread's own (not tempfile: its imports cost ~5 ms).
        temporary = entry.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{entry.name}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(_checksum(blob) + blob)
            os.replace(temporary, entry)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        _prune(entry.parent)
    except OSError:  # full, or vanished: parse next time
        pass


def _prune(folder: Path) -> None:
    """Remove the least recently used entries beyond MAX_ENTRIES (an entry's time is when it
    was written or, to the day, last read); only runs when an entry is written."""
    entries = list(folder.glob("*.marshal"))
    if len(entries) <= MAX_ENTRIES:
        return
    by_age = sorted(entries, key=lambda path: path.stat().st_mtime_ns)
    for path in by_age[:len(entries) - MAX_ENTRIES]:
        path.unlink(missing_ok=True)
