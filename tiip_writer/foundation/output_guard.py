"""Refuse output paths that would lose something a user cares about, before any work is done."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.fileio import output_kind_problem
from tiip_writer.foundation.resources import data_dir


def output_problem(target: Path, inputs: Iterable[Path]) -> Text | None:
    """Return why writing `target` is refused (an input, a template folder, a file open in an
    office suite, anything but a writable regular file), or None when it is safe to write."""
    for source in inputs:
        if _same_file(target, source):
            return Text(f"輸出檔不可與輸入的計畫書相同：{target}",
                        f"the output must not be the input file: {target}")
    library = _library_folder(target)
    if library is not None:
        return Text(f"不可把輸出寫進樣板庫資料夾 {library}：請換一個輸出位置",
                    f"refusing to write into the template library folder {library}; "
                    "choose another output location")
    kind = output_kind_problem(target)  # a device, FIFO, symlink, folder or read-only file
    if kind is not None:
        return kind
    lock = _office_lock(target)
    if lock is not None:
        return Text(f"{target.name} 正在 Word 或 LibreOffice 中開啟（偵測到鎖定檔 {lock.name}）："
                    "請先關閉該檔再產生；原檔未變更",
                    f"{target.name} is open in Word or LibreOffice (lock file {lock.name} found): "
                    "close it first; the existing file is unchanged")
    return None


def _same_file(path: Path, other: Path) -> bool:
    """Return True when both paths name the same file (whether or not it exists)."""
    try:
        return path.resolve() == other.resolve()
    except OSError:
        return False


def _library_folder(target: Path) -> Path | None:
    """Return the template library folder that `target` lies inside, if any."""
    folder = target.resolve().parent
    bundled = data_dir("templates").resolve()
    for candidate in (folder, *folder.parents):
        if candidate == bundled or (candidate / "library.yaml").is_file():
            return candidate
    return None


def _office_lock(target: Path) -> Path | None:
    """Return the lock file Word (~$name, or ~$ replacing two letters) or LibreOffice keeps."""
    name = target.name
    names = [f"~${name}", f".~lock.{name}#"]
    if len(target.stem) > 6:  # Word replaces the first two letters of longer names
        names.append(f"~${name[2:]}")
    for lock_name in names:
        lock = target.with_name(lock_name)
        if lock.exists():
            return lock
    return None
