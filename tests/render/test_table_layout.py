"""The tables as laid out in the PDF: codes and header words unbroken, no lone last character.

pdfplumber finds each table's cells by its ruling lines and returns every cell's text with a
line break wherever LibreOffice wrapped it, so these are the lines a reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.render.conftest import ROOT, SAMPLES, needs_soffice
from tiip_writer.foundation.yamldata import load_yaml_file

pdfplumber = pytest.importorskip("pdfplumber")
pytestmark = needs_soffice

CODE = re.compile(r"^(?:[A-Z]\d{0,2}|P\d{2}|CP\d+)$")  # work items, people, checkpoints
# Cells still ending on one character (measured after the widths were fitted); lower it
# when the fitting improves, never raise it.
KNOWN_LONE_CHARACTERS = 3


@pytest.fixture(scope="session")
def cells(pdfs: dict[str, Path]) -> dict[str, list[tuple[int, str]]]:
    """Return {sample stem: [(page, cell text with its line breaks)]} of every table."""
    found: dict[str, list[tuple[int, str]]] = {}
    for stem, path in pdfs.items():
        with pdfplumber.open(str(path)) as pdf:
            found[stem] = [(number, cell) for number, page in enumerate(pdf.pages, start=1)
                           for table in page.extract_tables() for row in table
                           for cell in row if cell]
    return found


def header_words() -> set[str]:
    """Return every column title of the official library's tables, split where a title may
    break (before a bracket, after a slash)."""
    labels = load_yaml_file(ROOT / "templates" / "official" / "tables.yaml")
    titles: set[str] = set()

    def walk(node: object, key: str = "") -> None:
        if isinstance(node, dict):
            if "title" in node and "field" in node:  # a budget detail column
                titles.add(str(node["title"]))
            for name, value in node.items():
                walk(value, str(name))
        elif isinstance(node, list):
            if key in ("columns", "budget_columns", "parts"):
                titles.update(str(t) for t in node if isinstance(t, str))
            for value in node:
                walk(value, key)

    walk(labels)
    return {piece for title in titles for piece in re.split(r"(?=（)|(?<=／)", title) if piece}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_codes_and_header_words_are_never_broken(sample: Path,
                                                 cells: dict[str, list[tuple[int, str]]]) -> None:
    words = header_words()
    assert "預定完成時間" in words and "研發人員" not in words  # a body value, see below
    broken = []
    for page, text in cells[sample.stem]:
        joined = text.replace("\n", "")
        pieces = re.split(r"(?=（)|(?<=／)", text)
        whole = joined in words or CODE.match(joined) or joined in ("研發人員", "計畫主持人")
        if whole and any("\n" in piece.strip("\n") for piece in pieces):
            broken.append((page, text))
    assert not broken


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_codes_in_lists_stay_whole(sample: Path, cells: dict[str, list[tuple[int, str]]]) -> None:
    """A list of work items (「A1、A2、B1」) may break after a comma, never inside a code."""
    for page, text in cells[sample.stem]:
        if re.fullmatch(r"[A-Z0-9、\n]+", text) and "、" in text:
            for line in text.split("\n"):
                assert re.fullmatch(r"(?:[A-Z]\d*、?)+", line), (page, text)


def test_hardly_a_cell_ends_on_a_lone_character(cells: dict[str, list[tuple[int, str]]]) -> None:
    lone = [(stem, page, text) for stem, found in cells.items() for page, text in found
            if "\n" in text and len(text.rsplit("\n", 1)[-1].strip()) == 1]
    assert len(lone) <= KNOWN_LONE_CHARACTERS, lone
    assert not [item for item in lone if "公司" in item[2] or "人員" in item[2]], lone
