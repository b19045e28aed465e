"""LibreOffice opens every built sample, and the PDF shows the chapters, company and total."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.render.conftest import SAMPLES, needs_soffice
from tiip_writer.checking.pipeline import check_file
from tiip_writer.render.formatting import money

CHAPTERS = ("計畫書摘要表", "壹、公司概況", "貳、計畫內容與實施方法", "參、風險評估與因應對策",
            "肆、預定進度及查核點", "伍、人力及經費需求", "陸、附件", "經費需求總表", "預定進度表")

pytestmark = needs_soffice


def pdf_text(path: Path) -> str:
    """Return the text of every page, whitespace removed (CJK text has no spaces anyway)."""
    text = "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return "".join(text.split())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_pdf_shows_headings_company_and_budget_total(sample: Path, pdfs: dict[str, Path]) -> None:
    result = check_file(sample)
    text = pdf_text(pdfs[sample.stem])
    for heading in CHAPTERS:
        assert heading in text
    for company in result.proposal.applicants.companies:
        assert company.name in text
    assert result.budget is not None
    assert money(result.budget.total) in text
    assert "限閱" in text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_pdf_embeds_a_cjk_font(sample: Path, pdfs: dict[str, Path]) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    fonts = subprocess.run(["pdffonts", str(pdfs[sample.stem])], capture_output=True,
                           text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines()[2:]
           if any(name in line for name in ("UKai", "UMing", "CJK", "Kai", "Ming"))]
    assert cjk, fonts
    assert all(" yes " in line for line in cjk)  # embedded
