"""The form's conventions on the samples: joint wording, no nested brackets, labelled rows,
lead-ins kept with what follows, a place for seals, Taiwanese fonts in the PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.render.conftest import SAMPLES, needs_soffice

APPLICATION = {
    "emerging-assistive-academia": "（聯合申請：業者＋學界）",
    "system-solution-institute": "（聯合申請：業者＋法人）",
    "topdown-joint-two-companies": "（聯合申請）",
    "high-value-thermal-compensation": "（個別申請）",
}


def paragraphs(docx: bytes) -> list[str]:
    """Return the text of every paragraph of the document body, in order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
            for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL)]


def test_every_sample_is_covered() -> None:
    assert {p.stem for p in SAMPLES} == set(APPLICATION)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_cover_says_how_the_plan_applies(sample: Path,
                                             built_samples: dict[str, bytes]) -> None:
    texts = paragraphs(built_samples[sample.stem])
    assert APPLICATION[sample.stem] in texts[:8]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_no_nested_full_width_brackets(sample: Path, built_samples: dict[str, bytes]) -> None:
    nested = [t for t in paragraphs(built_samples[sample.stem])
              if re.search(r"（[^）]*（", t)]
    assert not nested


def test_a_person_to_be_hired_reads_without_nested_brackets(
        built_samples: dict[str, bytes]) -> None:
    texts = paragraphs(built_samples["topdown-joint-two-companies"])
    assert "待聘（研究員，預診斷）" in texts


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_summary_names_its_amount_and_percentage_rows(
        sample: Path, built_samples: dict[str, bytes]) -> None:
    texts = paragraphs(built_samples[sample.stem])
    start = texts.index("計畫經費")
    assert texts[start:start + 14].count("金額（千元）") == 1
    assert texts[start:start + 20].count("百分比（%）") == 1


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_seals_and_date_on_the_cover_and_the_declaration(
        sample: Path, built_samples: dict[str, bytes]) -> None:
    texts = paragraphs(built_samples[sample.stem])
    assert texts.count("公司印鑑") == 2 and texts.count("負責人簽章") == 2
    assert texts.index("公司印鑑") < texts.index("計畫書摘要表")  # on the cover
    declaration = texts.index("二、申請聲明")
    assert "公司印鑑" in texts[declaration:]
    assert any(t.startswith("日期：中華民國") for t in texts[declaration:])


def test_a_lead_in_is_kept_with_its_list(built_samples: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(built_samples["topdown-joint-two-companies"])) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    lead_in = next(p for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.DOTALL)
                   if "合作對象背景說明：" in p)
    assert "<w:keepNext/>" in lead_in


@needs_soffice
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_pdf_uses_taiwanese_fonts_only(sample: Path, pdfs: dict[str, Path]) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    fonts = subprocess.run(["pdffonts", str(pdfs[sample.stem])], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts}
    assert any(name.endswith("TW") for name in names), names
    mainland = [n for n in names if re.search(r"(CN|SC|GB|Hans)$|Simplified", n)]
    assert not mainland, names
