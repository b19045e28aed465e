"""Fixtures for the tiip build tests: every sample built once, converted to PDF once."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tiip_writer.checking.pipeline import check_file
from tiip_writer.render import build_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def build_sample(path: Path, **options: object) -> bytes:
    """Return the .docx bytes of a sample (asserting that it checks clean and builds)."""
    result = check_file(path)
    assert result.proposal is not None and not result.has_errors, result.diagnostics
    built = build_document(result, **options)  # type: ignore[arg-type]
    assert built.docx is not None, built.diagnostics
    return built.docx


@pytest.fixture(scope="session")
def built_samples() -> dict[str, bytes]:
    """Return {sample stem: .docx bytes} for every sample."""
    return {path.stem: build_sample(path) for path in SAMPLES}


needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed; "
                                          "apt-get install libreoffice-writer-nogui")


@pytest.fixture(scope="session")
def paged_samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder into which `tiip build samples/ -o DIR --pdf` wrote every sample's
    .docx and PDF (laid out by LibreOffice once per sample, for every test that needs it)."""
    from click.testing import CliRunner

    from tiip_writer.cli.main import cli

    folder = tmp_path_factory.mktemp("paged")
    result = CliRunner().invoke(cli, ["build", str(ROOT / "samples"), "-o", str(folder),
                                      "--pdf", "-j", "2"])
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="session")
def pdfs(paged_samples: Path) -> dict[str, Path]:
    """Return {sample stem: PDF path} of the samples built with `tiip build --pdf`."""
    return {path.stem: paged_samples / f"{path.stem}.pdf" for path in SAMPLES}


@pytest.fixture(scope="session")
def pdf_pages(pdfs: dict[str, Path]) -> dict[str, list[str]]:
    """Return {sample stem: the text of each page} (pdftotext -layout; page 1 first)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pages = {}
    for stem, path in pdfs.items():
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
        pages[stem] = text.split("\f")[:-1]  # a form feed ends every page
    return pages
