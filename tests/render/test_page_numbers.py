"""The table of contents carries the page numbers of the layout, in the PDF and in the .docx.

The PDFs are those of `tiip build samples/ -o DIR --pdf` (one session fixture); the checks
read them as a reader would, with pdftotext: each TOC line ends in a number, the heading is on
that page, and that page's footer prints the same number.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from lxml import etree

from tests.render.conftest import SAMPLES, needs_soffice
from tiip_writer.cli.main import cli

pytestmark = needs_soffice

TOC_LINE = re.compile(r"^\s*(\S.*?)\s*\.{4,}\s*(\d*)\s*$")
FOOTER = re.compile(r"第\s*(\d+)\s*頁")
SMALLEST = next(p for p in SAMPLES if p.stem == "high-value-thermal-compensation")


def pdf_toc(pages: list[str]) -> list[tuple[str, str]]:
    """Return the (heading, page number text) of every TOC line, the TOC being the pages from
    the one titled 目錄 up to the first page without a dotted line."""
    start = next(i for i, page in enumerate(pages) if re.search(r"目\s*錄", page)
                 and any(TOC_LINE.match(line) for line in page.splitlines()))
    entries = []
    for page in pages[start:]:
        lines = [TOC_LINE.match(line) for line in page.splitlines()]
        found = [(m.group(1), m.group(2)) for m in lines if m]
        if not found:
            break
        entries.extend(found)
    return entries


def docx_toc(docx: bytes) -> list[tuple[str, str]]:
    """Return the (heading, cached PAGEREF result) of every TOC paragraph of the .docx."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    entries = []
    for p in root.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or not style.get(qn("w:val"), "").startswith("TOC"):
            continue
        link = p.find(qn("w:hyperlink"))
        if link is None:
            continue
        texts, result, in_result = [], [], False
        for run in link.iter(qn("w:r")):
            char = run.find(qn("w:fldChar"))
            if char is not None:
                in_result = char.get(qn("w:fldCharType")) == "separate"
                continue
            text = "".join(t.text or "" for t in run.iter(qn("w:t")))
            (result if in_result else texts).append(text)
        entries.append(("".join(texts).strip(), "".join(result)))
    return entries


def compact(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_toc_line_ends_in_the_page_its_heading_is_on(
        sample: Path, pdf_pages: dict[str, list[str]]) -> None:
    pages = pdf_pages[sample.stem]
    entries = pdf_toc(pages)
    assert len(entries) >= 20
    previous = 0
    for heading, number in entries:
        assert number, f"TOC line without a page number: {heading}"
        page = int(number)
        assert previous <= page <= len(pages), (heading, page)
        lines = {compact(line) for line in pages[page - 1].splitlines()}
        assert compact(heading) in lines, f"{heading} is not on page {page}"
        footer = FOOTER.findall(pages[page - 1])
        assert footer and footer[-1] == number, f"page {page} prints {footer}"
        previous = page


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_the_docx_toc_carries_the_numbers_the_pdf_shows(
        sample: Path, paged_samples: Path, pdf_pages: dict[str, list[str]]) -> None:
    in_docx = docx_toc((paged_samples / f"{sample.stem}.docx").read_bytes())
    in_pdf = pdf_toc(pdf_pages[sample.stem])
    assert [(compact(h), n) for h, n in in_docx] == [(compact(h), n) for h, n in in_pdf]


def test_a_docx_build_measures_too_and_builds_are_repeatable(
        tmp_path: Path, paged_samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIIP_PAGE_NUMBERS")
    result = CliRunner().invoke(cli, ["build", str(SMALLEST), "-o", str(tmp_path / "a.docx")])
    assert result.exit_code == 0, result.output
    # the same bytes as the .docx written beside the PDF (numbers filled, no clock in them)
    assert (tmp_path / "a.docx").read_bytes() == (
        paged_samples / f"{SMALLEST.stem}.docx").read_bytes()
    result = CliRunner().invoke(cli, ["build", str(SMALLEST), "-o", str(tmp_path / "b.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "b.pdf").read_bytes() == (
        paged_samples / f"{SMALLEST.stem}.pdf").read_bytes()
    assert (tmp_path / "b.docx").read_bytes() == (tmp_path / "a.docx").read_bytes()


def test_no_page_numbers_leaves_the_toc_results_empty(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIIP_PAGE_NUMBERS")
    target = tmp_path / "a.docx"
    result = CliRunner().invoke(cli, ["build", str(SMALLEST), "-o", str(target),
                                      "--no-page-numbers"])
    assert result.exit_code == 0, result.output
    entries = docx_toc(target.read_bytes())
    assert entries and all(number == "" for _heading, number in entries)
