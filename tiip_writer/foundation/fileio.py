"""Writing output files without ever leaving a half-written or clobbered file behind.

An output replaces only a regular file the user may write (or takes a new path): a FIFO, a
device (`/dev/null` as root), a socket, a folder or a symlink would be destroyed by the rename,
and a read-only file was made read-only on purpose, so those are refused before anything is
written. A replaced file keeps its permissions (a private 0600 output stays private).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from tiip_writer.foundation.diagnostics import Text


class UnsafeOutput(OSError):
    """The output path names something that writing would destroy; nothing was touched."""

    def __init__(self, path: Path, text: Text):
        super().__init__(errno.EEXIST, text.en, str(path))
        self.text = text


def output_kind_problem(path: Path) -> Text | None:
    """Return why `path` may not be replaced by an output (None: a new path or a writable file)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        return Text(f"無法檢查輸出路徑 {path}：{error.strerror}",
                    f"cannot inspect the output path {path}: {error.strerror}")
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return Text(f"輸出路徑 {path} 是符號連結：為免改到它指向的檔案，請直接指定實際檔案",
                    f"the output {path} is a symbolic link: name the real file instead, so "
                    "the file it points to is not changed by surprise")
    if stat.S_ISDIR(mode):
        return Text(f"輸出路徑是資料夾，不是檔案：{path}", f"the output is a folder: {path}")
    if not stat.S_ISREG(mode):
        return Text(f"輸出路徑 {path} 不是一般檔案（裝置、FIFO 或 socket），未變更；請換一個輸出檔名",
                    f"the output {path} is not a regular file (a device, FIFO or socket); "
                    "it was left alone: choose another output name")
    if not mode & 0o222 or not os.access(path, os.W_OK):
        return Text(f"輸出檔 {path} 是唯讀檔，未覆寫；若要取代，請先移除唯讀屬性或換一個檔名",
                    f"the output {path} is read-only and was not overwritten; make it writable "
                    "or choose another name")
    return None


def failure_reason(error: OSError, lang: str) -> str:
    """Return what to tell the user about a failed write, in `lang`."""
    if isinstance(error, UnsafeOutput):
        return error.text.get(lang)
    return str(error.strerror or error)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and an atomic rename.

    Raises UnsafeOutput, before writing anything, when `path` is not a new path or a writable
    regular file.
    """
    _refuse_unsafe(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        keep_mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        keep_mode = None
    # mkstemp makes 0600; a new output is an ordinary file, a replaced one keeps its mode
    temp_name = _temp_copy(folder, path.name, data, keep_mode)
    try:
        _refuse_unsafe(path)  # again: it may have changed while the data was written
        os.replace(temp_name, path)
    except BaseException:
        # Also on Ctrl-C: the old file stays intact and no partial file is left.
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise


def _refuse_unsafe(path: Path) -> None:
    problem = output_kind_problem(path)
    if problem is not None:
        raise UnsafeOutput(path, problem)


def _umask() -> int:
    """Return the process umask (reading it requires setting it, so set it straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_new(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `data` to `path` atomically, refusing (FileExistsError) when `path` exists.

    The file appears complete or not at all, and an existing file is never replaced, even one
    created a moment earlier by another program. `mode` sets the permissions (e.g. 0o600 for a
    private key); by default the umask decides, as for any new file."""
    folder = path.parent if str(path.parent) else Path(".")
    temp_name = _temp_copy(folder, path.name, data, mode)
    try:
        os.link(temp_name, path)  # unlike rename, a hard link never replaces an existing file
    finally:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass


def _temp_copy(folder: Path, name: str, data: bytes, mode: int | None) -> str:
    """Write `data` to a new temporary file beside its target, flushed to disk, with `mode`
    (by default what the umask gives a new file); return its name. Nothing is left behind
    when this fails."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        os.unlink(temp_name)
        raise
    return temp_name
