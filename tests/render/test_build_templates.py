"""Templates and Markdown: escaping user text, prose headings, sandbox, errors with file:line."""

from __future__ import annotations

import io
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from tests.render.conftest import ROOT
from tiip_writer.checking.pipeline import check_file
from tiip_writer.render import build_document
from tiip_writer.render.markdown_docx import markdown_parser
from tiip_writer.render.markdown_text import escape_inline, join_lines, prose_block

SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


def test_inline_text_never_changes_structure() -> None:
    for text in ("A|B *重點* #1 [連結](x) <b>", "1. 不是清單", "- 不是項目", "# 不是標題", "&amp;"):
        tokens = markdown_parser().parse(escape_inline(text))
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
        children = tokens[1].children
        assert [c.type for c in children] == ["text"] * len(children)
        assert "".join(c.content for c in children) == " ".join(text.split())


def test_wrapped_chinese_lines_join_without_a_space() -> None:
    assert join_lines("研發", "能量") == "研發能量"
    assert join_lines("machine", "tool") == "machine tool"
    assert escape_inline("第一行\n第二行") == "第一行第二行"


def test_prose_headings_sit_below_the_chapter_and_directives_cannot_be_forged() -> None:
    prose = "# 小標\n內文\n\n副標\n---\n```tiip\nblock 1\n```"
    assert prose_block(prose, level=2) == "### 小標\n內文\n\n#### 副標\n\\```tiip\nblock 1\n```"


def copy_library(tmp_path: Path) -> Path:
    """Return a copy of the official library to tamper with."""
    target = tmp_path / "lib"
    shutil.copytree(ROOT / "templates" / "official", target)
    return target


def build(tmp_path: Path, library: Path | None = None, yaml_text: str | None = None):
    path = SAMPLE
    if yaml_text is not None:
        path = tmp_path / "proposal.yaml"
        path.write_text(yaml_text, encoding="utf-8")
    return build_document(check_file(path), template=library)


def test_user_text_with_markdown_characters_stays_text(tmp_path: Path) -> None:
    # the target's name is inserted inline by a template line (「{{ p.target.name }}」)
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "  name: 五軸加工機智慧熱變位補償系統\n", "  name: '熱*補償*|#1 _系統_ [x](y)'\n")
    built = build(tmp_path, yaml_text=text)
    assert built.docx is not None, built.diagnostics
    with zipfile.ZipFile(io.BytesIO(built.docx)) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert "本計畫開發之標的為「熱*補償*|#1 _系統_ [x](y)」" in document


def test_an_undefined_variable_names_the_template_and_line(tmp_path: Path) -> None:
    library = copy_library(tmp_path)
    risks = library / "parts" / "30-risks.md.j2"
    risks.write_text("# 參、風險評估與因應對策\n\n{{ proposal.riskz }}\n", encoding="utf-8")
    built = build(tmp_path, library)
    assert built.docx is None
    [finding] = built.diagnostics
    assert finding.rule == "build.template"
    assert finding.file.endswith("30-risks.md.j2") and finding.line == 3
    assert "riskz" in finding.message.zh


def test_reaching_python_internals_is_refused(tmp_path: Path) -> None:
    library = copy_library(tmp_path)
    (library / "parts" / "30-risks.md.j2").write_text(
        "{{ proposal.__class__.__mro__[1].__subclasses__() }}\n", encoding="utf-8")
    [finding] = build(tmp_path, library).diagnostics
    assert finding.file.endswith("30-risks.md.j2") and finding.line == 1
    assert "不允許的內部屬性" in finding.message.zh


def test_a_syntax_error_names_the_template_and_line(tmp_path: Path) -> None:
    library = copy_library(tmp_path)
    (library / "parts" / "30-risks.md.j2").write_text("ok\n{% if %}\n", encoding="utf-8")
    [finding] = build(tmp_path, library).diagnostics
    assert finding.file.endswith("30-risks.md.j2") and finding.line == 2


def test_a_reference_docx_without_a_needed_style_is_refused(tmp_path: Path) -> None:
    library = copy_library(tmp_path)
    reference = library / "reference.docx"
    with zipfile.ZipFile(reference) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(b'w:styleId="TableText"',
                                                                b'w:styleId="Other"')
    with zipfile.ZipFile(reference, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    [finding] = build(tmp_path, library).diagnostics
    assert finding.rule == "build.style" and "TableText" in finding.message.zh


def tiny_png() -> bytes:
    """Return a valid 2×2 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80\x80" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_a_broken_image_is_reported_not_crashed_on(tmp_path: Path) -> None:
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\xff" * 40)
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "background: |\n", "background: |\n  ![壞圖](bad.png)\n\n")
    [finding] = build(tmp_path, yaml_text=text).diagnostics
    assert finding.rule == "build.image" and "bad.png" in finding.message.zh


def test_images_are_placed_with_numbered_captions(tmp_path: Path) -> None:
    (tmp_path / "fig.png").write_bytes(tiny_png())
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "background: |\n", "background: |\n  ![熱變位量測架構](fig.png)\n\n")
    built = build(tmp_path, yaml_text=text)
    assert built.docx is not None, built.diagnostics
    with zipfile.ZipFile(io.BytesIO(built.docx)) as archive:
        assert any(n.startswith("word/media/") for n in archive.namelist())
        assert "圖1　熱變位量測架構" in archive.read("word/document.xml").decode("utf-8")


def test_a_missing_image_is_reported_at_its_yaml_line(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "background: |\n", "background: |\n  ![架構](missing.png)\n\n")
    built = build(tmp_path, yaml_text=text)
    assert built.docx is None
    [finding] = built.diagnostics
    assert finding.rule == "build.image" and "missing.png" in finding.message.zh
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "missing.png" in t)
    assert finding.line == line


@pytest.mark.parametrize("library", [None, "official"])
def test_the_official_library_is_found_by_name(tmp_path: Path, library: str | None) -> None:
    assert build(tmp_path, library).docx is not None
