"""Outputs go only to regular files or new paths: anything else is refused before it is touched.

Issue 20, item 1 and the smaller output items of 9: `-o /dev/null` run as root replaced the
device with a regular file; a FIFO or a symlink given as `-o` was replaced too; a 0600 output
became 0644 and a 0444 one was overwritten silently; `--markdown` was left behind when the
.docx failed; `-o nonexist/` wrote a file called `nonexist`.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.helpers import SAMPLE
from tests.hostile.limited import answered, run_limited


@pytest.fixture
def proposal(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLE, tmp_path / "計畫書.yaml"))


def _refused(*args: str) -> str:
    return answered(run_limited(*args), 2)


def test_a_fifo_given_as_output_is_left_as_it_was(proposal: Path) -> None:
    fifo = proposal.parent / "out.docx"
    os.mkfifo(fifo)
    message = _refused("build", str(proposal), "-o", str(fifo))
    assert "不是一般檔案" in message
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_given_as_output_is_left_as_it_was(proposal: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.docx"
    elsewhere.write_bytes(b"someone else's file")
    link = proposal.parent / "out.docx"
    link.symlink_to(elsewhere)
    assert "符號連結" in _refused("build", str(proposal), "-o", str(link))
    assert link.is_symlink() and os.readlink(link) == str(elsewhere)
    assert elsewhere.read_bytes() == b"someone else's file"


def test_a_dangling_symlink_is_not_replaced_either(proposal: Path, tmp_path: Path) -> None:
    link = proposal.parent / "out.docx"
    link.symlink_to(tmp_path / "not-there.docx")
    _refused("build", str(proposal), "-o", str(link))
    assert link.is_symlink() and not (tmp_path / "not-there.docx").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="creating a device node needs root")
def test_a_device_given_as_output_is_left_as_it_was(proposal: Path) -> None:
    device = proposal.parent / "null"  # a private copy of /dev/null (character device 1, 3)
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    assert "不是一般檔案" in _refused("build", str(proposal), "-o", str(device))
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_the_markdown_output_is_checked_the_same_way(proposal: Path) -> None:
    fifo = proposal.parent / "out.md"
    os.mkfifo(fifo)
    _refused("build", str(proposal), "-o", str(proposal.with_suffix(".docx")),
             "--markdown", str(fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert not proposal.with_suffix(".docx").exists()


def test_an_existing_private_output_keeps_its_mode(proposal: Path) -> None:
    target = proposal.with_suffix(".docx")
    target.write_bytes(b"old")
    target.chmod(0o600)
    answered(run_limited("build", str(proposal), "-o", str(target)), 0)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes()[:2] == b"PK"


def test_a_read_only_output_is_refused_and_kept(proposal: Path) -> None:
    target = proposal.with_suffix(".docx")
    target.write_bytes(b"the signed version")
    target.chmod(0o444)
    assert "唯讀" in _refused("build", str(proposal), "-o", str(target))
    assert target.read_bytes() == b"the signed version"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_markdown_is_not_left_behind_when_the_docx_fails(proposal: Path) -> None:
    markdown = proposal.parent / "draft.md"
    result = run_limited("build", str(proposal), "-o", str(proposal.parent / "no" / "x.docx"),
                         "--markdown", str(markdown))
    assert "無法寫入" in answered(result, 2)
    assert not markdown.exists()


def test_a_trailing_slash_means_a_folder(proposal: Path) -> None:
    folder = proposal.parent / "nonexist"
    answered(run_limited("build", str(proposal), "-o", f"{folder}/"), 0)
    assert folder.is_dir()
    assert (folder / "計畫書.docx").read_bytes()[:2] == b"PK"


def test_tiip_new_does_not_follow_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "p.yaml"
    link.symlink_to(tmp_path / "target.yaml")
    answered(run_limited("new", str(link), "--plan", "high-value"), 2)
    assert link.is_symlink() and not (tmp_path / "target.yaml").exists()


def test_templates_docs_refuses_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "templates.md"
    os.mkfifo(fifo)
    assert "不是一般檔案" in answered(run_limited("templates", "docs", "-o", str(fifo)), 2)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_the_budget_workbook_refuses_a_fifo_and_a_symlink(proposal: Path, tmp_path: Path) -> None:
    fifo = proposal.parent / "經費.xlsx"
    os.mkfifo(fifo)
    assert "不是一般檔案" in _refused("budget", str(proposal), "-o", str(fifo))
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    link = proposal.parent / "link.xlsx"
    link.symlink_to(tmp_path / "elsewhere.xlsx")
    assert "符號連結" in _refused("budget", str(proposal), "-o", str(link))
    assert link.is_symlink() and not (tmp_path / "elsewhere.xlsx").exists()
