"""Fixtures for the tiip build tests: every sample built once, converted to PDF once."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tiip_writer.pipeline import check_file
from tiip_writer.render import build_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
FONTS_CONF = ROOT / "tiip_writer" / "layout" / "fonts.conf"


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
def pdfs(built_samples: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return {sample stem: PDF path}, converting all samples in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("pdf")
    for stem, data in built_samples.items():
        (folder / f"{stem}.docx").write_bytes(data)
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF),
               HOME=str(folder))  # a private LibreOffice profile: no clash with a running one
    docs = sorted(str(p) for p in folder.glob("*.docx"))
    completed = subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
         *docs], env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    return {stem: folder / f"{stem}.pdf" for stem in built_samples}
