"""tiip build refuses outputs that would harm a file, and says why; the old file stays intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import SAMPLE, run_tiip
from tiip_writer.foundation.resources import data_dir


@pytest.fixture
def proposal(tmp_path: Path) -> Path:
    """Return a copy of the sample in a temporary folder."""
    return Path(shutil.copy(SAMPLE, tmp_path / "計畫書.yaml"))


def refused(*args: str) -> str:
    result = run_tiip("build", *args)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_the_output_equal_to_the_input_is_refused(proposal: Path) -> None:
    before = proposal.read_bytes()
    assert "輸出檔不可與輸入的計畫書相同" in refused(str(proposal), "-o", str(proposal))
    assert proposal.read_bytes() == before


def test_the_markdown_output_equal_to_the_input_is_refused(proposal: Path) -> None:
    before = proposal.read_bytes()
    refused(str(proposal), "-o", str(proposal.with_suffix(".docx")), "--markdown", str(proposal))
    assert proposal.read_bytes() == before


def test_writing_into_the_bundled_templates_is_refused(proposal: Path) -> None:
    target = data_dir("templates") / "official" / "out.docx"
    message = refused(str(proposal), "-o", str(target))
    assert "不可把輸出寫進樣板庫資料夾" in message
    assert not target.exists()


def test_writing_into_any_template_library_is_refused(proposal: Path, tmp_path: Path) -> None:
    library = tmp_path / "lib"
    assert run_tiip("templates", "new", str(library), "--extends", "official").exit_code == 0
    message = refused(str(proposal), "-o", str(library / "parts" / "x.docx"))
    assert f"不可把輸出寫進樣板庫資料夾 {library}" in message


@pytest.mark.parametrize("lock_name", ["~$計畫書.docx", ".~lock.計畫書.docx#"])
def test_a_document_open_in_an_office_suite_is_left_alone(proposal: Path, lock_name: str) -> None:
    target = proposal.with_suffix(".docx")
    target.write_bytes(b"the version open in Word")
    (proposal.parent / lock_name).write_bytes(b"owner")
    message = refused(str(proposal), "-o", str(target))
    assert f"計畫書.docx 正在 Word 或 LibreOffice 中開啟（偵測到鎖定檔 {lock_name}）" in message
    assert target.read_bytes() == b"the version open in Word"


def test_word_lock_of_a_long_name_replaces_two_letters(proposal: Path) -> None:
    target = proposal.parent / "智慧熱補償系統開發計畫書.docx"
    (proposal.parent / "~$熱補償系統開發計畫書.docx").write_bytes(b"owner")
    assert "正在 Word 或 LibreOffice 中開啟" in refused(str(proposal), "-o", str(target))


def test_an_unwritable_folder_gives_a_message_and_exit_2(proposal: Path, tmp_path: Path) -> None:
    message = refused(str(proposal), "-o", str(tmp_path / "no" / "such" / "folder" / "x.docx"))
    assert "無法寫入" in message


def test_max_bytes_is_configurable(proposal: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIIP_MAX_BYTES", raising=False)
    result = run_tiip("check", "--max-bytes", "1000", str(proposal))
    assert result.exit_code == 2
    assert "超過上限 1,000 位元組" in result.stderr
    assert run_tiip("check", "--max-bytes", "10000000", str(proposal)).exit_code == 0
