"""Image references in prose can only place real images from inside the proposal's folder."""

from __future__ import annotations

import os
import struct
import zipfile
from pathlib import Path

import pytest

from tests.helpers import SAMPLE, run_tiip
from tests.render.test_build_templates import tiny_png


def proposal_with_image(folder: Path, target: str) -> Path:
    """Write the sample into `folder` with a figure `target` in its background; return it."""
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "background: |\n", f"background: |\n  ![架構圖]({target})\n\n", 1)
    path = folder / "proposal.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def build_refused(path: Path, expected_zh: str) -> None:
    """Assert that building `path` fails with `expected_zh` and writes no .docx."""
    out = path.with_suffix(".docx")
    result = run_tiip("build", str(path), "-o", str(out))
    assert result.exit_code == 1, result.stderr
    assert "build.image" in result.stderr and expected_zh in result.stderr, result.stderr
    assert not out.exists()
    assert "Traceback" not in result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a proposal folder with a secret image beside (outside) it."""
    (tmp_path / "secret.png").write_bytes(tiny_png())
    folder = tmp_path / "proposal"
    folder.mkdir()
    return folder


def test_an_image_outside_the_proposal_folder_is_refused(project: Path) -> None:
    build_refused(proposal_with_image(project, "../secret.png"), "圖片須放在計畫書所在的資料夾")


def test_an_absolute_image_path_is_refused(project: Path) -> None:
    build_refused(proposal_with_image(project, str(project.parent / "secret.png")),
                  "不可用絕對路徑")


@pytest.mark.parametrize("url", ["https://example.com/a.png", "//example.com/a.png"])
def test_an_image_url_is_refused(project: Path, url: str) -> None:
    build_refused(proposal_with_image(project, url), "不接受網址圖片")


def test_a_file_url_stays_text_and_reads_nothing(project: Path) -> None:
    # markdown-it refuses file: links outright, so the reference is printed, never followed
    path = proposal_with_image(project, "file:///etc/passwd")
    result = run_tiip("build", str(path), "-o", str(project / "out.docx"))
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(project / "out.docx") as archive:
        assert not any(name.startswith("word/media/") for name in archive.namelist())
        assert "file:///etc/passwd" in archive.read("word/document.xml").decode("utf-8")


def test_an_image_behind_a_symlink_is_refused(project: Path) -> None:
    os.symlink(project.parent / "secret.png", project / "link.png")
    build_refused(proposal_with_image(project, "link.png"), "不接受符號連結")


def test_a_folder_symlink_is_refused_too(project: Path) -> None:
    (project.parent / "elsewhere").mkdir()
    (project.parent / "elsewhere" / "a.png").write_bytes(tiny_png())
    os.symlink(project.parent / "elsewhere", project / "figs")
    build_refused(proposal_with_image(project, "figs/a.png"), "不接受符號連結")


def test_a_file_that_is_not_an_image_is_refused(project: Path) -> None:
    (project / "notes.png").write_text("這不是圖片", encoding="utf-8")
    build_refused(proposal_with_image(project, "notes.png"), "無法辨識的圖片格式")


def test_an_image_declaring_gigantic_dimensions_is_refused(project: Path) -> None:
    png = bytearray(tiny_png())
    png[16:24] = struct.pack(">II", 100_000, 100_000)  # IHDR width and height
    (project / "bomb.png").write_bytes(bytes(png))
    build_refused(proposal_with_image(project, "bomb.png"), "像素尺寸異常或過大")


def test_a_huge_image_file_is_refused(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tiip_writer.render.images.MAX_IMAGE_BYTES", 1024)
    (project / "big.png").write_bytes(tiny_png() + b"\0" * 2048)
    build_refused(proposal_with_image(project, "big.png"), "圖片檔超過")


def test_an_image_in_a_sub_folder_is_placed(project: Path) -> None:
    (project / "figs").mkdir()
    (project / "figs" / "a.png").write_bytes(tiny_png())
    path = proposal_with_image(project, "figs/a.png")
    result = run_tiip("build", str(path), "-o", str(project / "out.docx"))
    assert result.exit_code == 0, result.stderr
    assert (project / "out.docx").read_bytes()[:2] == b"PK"
