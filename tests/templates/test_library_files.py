"""A template library reads only its own regular files (issue 20, items 2 and 9).

A symlink inside a library that points outside it (`parts/leak.md.j2 → /etc/passwd`) would put
that file into the .docx; a FIFO among the templates made `templates lint` wait forever.
Both are refused, at the file, by the build and by lint.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers import SAMPLE
from tests.hostile.limited import answered, run_limited
from tests.templates.helpers import make_library

SECRET = "root:x:0:0:secret-marker-for-the-test"
LEAK_PART = "parts/30-risks.md.j2"


@pytest.fixture
def proposal(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLE, tmp_path / "計畫書.yaml"))


@pytest.fixture
def leaking_library(tmp_path: Path) -> Path:
    """A library whose risks chapter includes a symlink to a file outside the library."""
    secret = tmp_path / "passwd"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    library = make_library(tmp_path / "lib", files={
        LEAK_PART: "# 參、風險評估與因應對策\n\n{% include 'parts/leak.md.j2' %}\n"})
    (library / "parts" / "leak.md.j2").symlink_to(secret)
    return library


def test_the_build_refuses_a_template_that_leaves_the_library(
        proposal: Path, leaking_library: Path) -> None:
    target = proposal.with_suffix(".docx")
    result = run_limited("build", str(proposal), "--template", str(leaking_library),
                         "-o", str(target))
    message = answered(result, 2)
    assert str(leaking_library / "parts" / "leak.md.j2") in message
    assert "樣板庫以外" in message
    assert SECRET not in message
    assert not target.exists()


def test_lint_reports_the_link_at_the_file(leaking_library: Path) -> None:
    result = run_limited("templates", "lint", str(leaking_library))
    output = result.stdout + answered(result, 1, 2)
    assert f"{leaking_library / 'parts' / 'leak.md.j2'}" in output
    assert "樣板庫以外" in output
    assert SECRET not in output


def test_a_folder_link_out_of_the_library_is_refused_too(proposal: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.md.j2").write_text(SECRET, encoding="utf-8")
    library = make_library(tmp_path / "lib", files={
        LEAK_PART: "# 參、風險評估與因應對策\n\n{% include 'more/leak.md.j2' %}\n"})
    (library / "more").symlink_to(outside)
    result = run_limited("build", str(proposal), "--template", str(library),
                         "-o", str(proposal.with_suffix(".docx")))
    assert "樣板庫以外" in answered(result, 2)
    assert not proposal.with_suffix(".docx").exists()


def test_a_link_inside_the_library_is_fine(proposal: Path, tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={
        LEAK_PART: "# 參、風險評估與因應對策\n\n{% include 'parts/alias.md.j2' %}\n",
        "parts/real.md.j2": "本段由連結引入。\n"})
    (library / "parts" / "alias.md.j2").symlink_to(library / "parts" / "real.md.j2")
    result = run_limited("build", str(proposal), "--template", str(library),
                         "-o", str(proposal.with_suffix(".docx")))
    answered(result, 0)


def test_lint_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib")
    os.mkfifo(library / "parts.md.j2")
    result = run_limited("templates", "lint", str(library))
    output = result.stdout + answered(result, 1, 2)
    assert str(library / "parts.md.j2") in output
    assert "不是一般檔案" in output


def test_the_build_does_not_hang_on_a_fifo_template(proposal: Path, tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/.keep": ""})
    os.mkfifo(library / LEAK_PART)
    result = run_limited("build", str(proposal), "--template", str(library),
                         "-o", str(proposal.with_suffix(".docx")))
    assert "不是一般檔案" in answered(result, 2)


def test_a_tables_file_linked_out_of_the_library_is_refused(proposal: Path,
                                                            tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("risk: {caption: " + SECRET.replace(":", "-") + "}\n", encoding="utf-8")
    library = make_library(tmp_path / "lib")
    (library / "tables.yaml").symlink_to(secret)
    result = run_limited("build", str(proposal), "--template", str(library),
                         "-o", str(proposal.with_suffix(".docx")))
    assert "樣板庫以外" in answered(result, 2)
