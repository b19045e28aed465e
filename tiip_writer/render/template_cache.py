"""Compiled templates kept between runs: a build skips compiling the library's Jinja templates.

Compiling the official library's 21 templates takes ~35 ms, a tenth of a build. Jinja can keep
the compiled code in a folder and checks each template's source against it, so an edited
template is compiled again. The key also holds a fingerprint of the environment that compiled
it (tiip's and Jinja's versions and the modules that compile and sandbox templates), so
code compiled by another setup is never reused. The cache is only an optimisation: a folder
that cannot be made or written, or a damaged file in it, means compiling as before.

A process also keeps the code it has loaded, checked against the template's source the same way.

Folder: $TIIP_CACHE_DIR, else $XDG_CACHE_HOME/tiip-writer, else ~/.cache/tiip-writer;
TIIP_CACHE_DIR set to an empty value turns the cache off.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from types import CodeType

from jinja2 import FileSystemBytecodeCache
from jinja2 import __version__ as jinja_version
from jinja2.bccache import Bucket

from tiip_writer import __version__
from tiip_writer.foundation.userdirs import private_cache_folder, read_own_file

# (folder, key) -> (source checksum, compiled code): what this process has loaded or compiled.
# A process that builds many proposals (a batch) unmarshals each once.
_LOADED: dict[tuple[str, str], tuple[str, CodeType]] = {}


class TemplateCache(FileSystemBytecodeCache):
    """Jinja's file cache, keyed by the environment's fingerprint, never failing a build."""

    def __init__(self, directory: Path, fingerprint: str):
        super().__init__(str(directory), "%s.jinja")
        self.fingerprint = fingerprint

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{self.fingerprint}|{name}|{filename}".encode()).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        loaded = _LOADED.get((self.directory, bucket.key))
        if loaded is not None and loaded[0] == bucket.checksum:  # same source, same code
            bucket.code = loaded[1]
            return
        # Jinja's own reader would open the file by name, whoever wrote it: read only a file
        # of this user's that no one else can change (userdirs.read_own_file).
        read = read_own_file(Path(self.directory) / f"{bucket.key}.jinja")
        if read is not None:
            try:
                bucket.load_bytecode(io.BytesIO(read[0]))
            except Exception:  # noqa: BLE001 - damaged: compile instead
                bucket.reset()
        if bucket.code is not None:
            _LOADED[self.directory, bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        if bucket.code is not None:
            _LOADED[self.directory, bucket.key] = (bucket.checksum, bucket.code)
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a read-only or vanished folder: next run compiles again


def template_cache(*module_files: Path) -> TemplateCache | None:
    """Return the cache for templates compiled by the code in `module_files`, or None if
    unavailable."""
    folder = private_cache_folder("templates")
    if folder is None:
        return None
    try:
        source = b"".join(Path(name).read_bytes() for name in module_files)
    except OSError:
        return None
    fingerprint = hashlib.sha1(source + f"|{__version__}|{jinja_version}".encode())
    return TemplateCache(folder, fingerprint.hexdigest())
