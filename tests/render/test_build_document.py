"""The built .docx: repeatable bytes, fonts, TOC, sections, draft marking, properties."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.render.conftest import ROOT, SAMPLES, build_sample

SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


def part(data: bytes, name: str) -> str:
    """Return one part of a .docx as text."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def test_two_builds_are_byte_identical(built_samples: dict[str, bytes]) -> None:
    for path in SAMPLES:
        assert build_sample(path) == built_samples[path.stem]


def test_zip_entries_have_fixed_timestamps(built_samples: dict[str, bytes]) -> None:
    data = built_samples[SAMPLE.stem]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_styles_set_the_east_asian_font_and_language(built_samples: dict[str, bytes]) -> None:
    styles = part(built_samples[SAMPLE.stem], "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>"):styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="標楷體"' in defaults
    assert 'w:ascii="Times New Roman"' in defaults
    assert 'w:eastAsia="zh-TW"' in defaults
    assert "Theme" not in styles  # theme fonts would override the East Asian slot


def test_page_is_a4_with_a_page_number_footer(built_samples: dict[str, bytes]) -> None:
    data = built_samples[SAMPLE.stem]
    document = part(data, "word/document.xml")
    final = document[document.rindex("<w:sectPr"):]
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in final
    assert "PAGE" in part(data, "word/footer1.xml")


def test_wide_gantt_sits_in_a_landscape_section_between_portrait_ones(
        built_samples: dict[str, bytes]) -> None:
    document = part(built_samples[SAMPLE.stem], "word/document.xml")
    sizes = re.findall(r"<w:pgSz [^>]*/>", document)
    assert sizes == ['<w:pgSz w:w="11906" w:h="16838"/>',
                     '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>',
                     '<w:pgSz w:w="11906" w:h="16838"/>']
    # only the first section (the cover) hides its page number
    assert document.count("<w:titlePg/>") == 1


def test_toc_is_a_dirty_field_prefilled_with_the_headings(built_samples: dict[str, bytes]) -> None:
    document = part(built_samples[SAMPLE.stem], "word/document.xml")
    assert '<w:fldChar w:fldCharType="begin" w:dirty="true"/>' in document
    assert 'TOC \\o "1-2" \\h \\z \\u' in document
    toc = document[document.index("TOC \\o"):document.index('<w:pStyle w:val="Heading1"/>')]
    for heading in ("壹、公司概況", "貳、計畫內容與實施方法", "陸、附件"):
        assert heading in toc
    assert toc.count("PAGEREF _Toc") >= 6


def test_core_properties_come_from_the_proposal(built_samples: dict[str, bytes]) -> None:
    core = part(built_samples[SAMPLE.stem], "docProps/core.xml")
    assert "高精度五軸加工機智慧熱變位補償系統開發計畫" in core
    assert "2016-05-16T00:00:00Z" in core
    assert "鴻鈞精密機械股份有限公司" in core


def test_draft_marks_every_page_header() -> None:
    data = build_sample(SAMPLE, draft=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        headers = [n for n in archive.namelist() if n.startswith("word/header")]
        assert len(headers) == 2  # default and first (cover) page
        for name in headers:
            assert "草稿" in archive.read(name).decode("utf-8")
    assert "草稿" in part(data, "docProps/core.xml")


def test_committed_reference_docx_matches_its_script(tmp_path: Path) -> None:
    target = tmp_path / "reference.docx"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_reference_docx.py"), str(target)],
                   check=True, capture_output=True)
    committed = ROOT / "templates" / "official" / "reference.docx"
    assert target.read_bytes() == committed.read_bytes()
