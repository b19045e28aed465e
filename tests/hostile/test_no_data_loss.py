"""Writing never loses a file: an interrupted or failed write leaves the old file as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tiip_writer.foundation import fileio
from tiip_writer.foundation.fileio import write_atomic


def test_an_interrupt_during_the_write_keeps_the_old_file(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "計畫書.docx"
    target.write_bytes(b"old version")

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new version")
    assert target.read_bytes() == b"old version"
    assert [p.name for p in tmp_path.iterdir()] == ["計畫書.docx"]  # no temporary file left


def test_a_full_disk_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old version")
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle: int, mode: str) -> None:
            self.stream = real_fdopen(handle, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, _data: bytes) -> None:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(fileio.os, "fdopen", FullDisk)
    with pytest.raises(OSError):
        write_atomic(target, b"new version")
    assert target.read_bytes() == b"old version"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_a_written_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    write_atomic(target, b"data")
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
