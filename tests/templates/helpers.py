"""Helpers for the template-library tests: libraries on disk, documents read back as text."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
from docx.oxml.ns import qn

from tests.helpers import ROOT
from tiip_writer.checking.pipeline import check_file
from tiip_writer.render import BuildOutput, build_document

OFFICIAL = ROOT / "templates" / "official"
DEMO = ROOT / "examples" / "templates" / "consultant-demo"
SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"
JOINT_SAMPLE = ROOT / "samples" / "topdown-joint-two-companies.yaml"

MANIFEST = """\
name: {name}
version: {version}
title: 測試樣板庫
extends: {extends}
format_version: 1
programme_years: [105]
"""


def make_library(folder: Path, name: str = "testlib", extends: str = "official",
                 version: str = "0.1.0", files: dict[str, str] | None = None) -> Path:
    """Write a library extending `extends` with `files` ({relative path: text}); return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "library.yaml").write_text(
        MANIFEST.format(name=name, version=version, extends=extends), encoding="utf-8")
    for relative, text in (files or {}).items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def copy_official(target: Path) -> Path:
    """Return a copy of the official library (a root library) at `target`."""
    shutil.copytree(OFFICIAL, target)
    return target


def build(library: object = None, sample: Path = SAMPLE, **options: object) -> BuildOutput:
    """Return the build of `sample` with `library` (a spec, a Library or None)."""
    return build_document(check_file(sample), template=library, **options)  # type: ignore[arg-type]


def built_docx(library: object = None, sample: Path = SAMPLE) -> bytes:
    """Return the .docx bytes, asserting that the build succeeded."""
    output = build(library, sample)
    assert output.docx is not None, output.diagnostics
    return output.docx


def document_text(data: bytes) -> tuple[list[str], dict[str, list[str]]]:
    """Return (text before the first chapter, {chapter heading: its paragraphs and cells})."""
    document = docx.Document(io.BytesIO(data))
    front: list[str] = []
    chapters: dict[str, list[str]] = {}
    current = front
    for element in document.element.body:
        if element.tag == qn("w:p"):
            style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if style is not None and style.get(qn("w:val")) == "Heading1":
                current = chapters.setdefault(text, [])
                continue
            current.append(text)
        elif element.tag == qn("w:tbl"):
            for cell in element.iter(qn("w:tc")):
                current.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
    return front, chapters


def style_xml(data: bytes, style_id: str) -> str:
    """Return the XML of one style in a .docx's styles part."""
    document = docx.Document(io.BytesIO(data))
    for style in document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            from lxml import etree
            return etree.tostring(style, encoding="unicode")
    raise AssertionError(f"no style {style_id}")
