"""Hostile text in a proposal is printed as text, and every such document opens in LibreOffice."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.helpers import edit, sample_text
from tests.render.conftest import needs_soffice
from tiip_writer.checking.pipeline import check_file
from tiip_writer.layout.office import FONTS_CONF
from tiip_writer.render import build_document

# Text pasted from web pages, PDFs and Word, or written to break a renderer.
HOSTILE = {
    "html": "<script>alert('x')</script><b>粗體</b><!-- 註解 --> &amp; &lt;",
    "markdown-structure": "# 假標題\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```tiip\nblock 0\n```",
    "bidi-emoji-combining": "\u202e反向文字\u202c 🧪👩‍💻 e\u0301\u0301 𠀀𪚥",
    "long": "長" * 20000,
    "jinja": "{{ 7*7 }} {% for i in range(10**9) %}x{% endfor %} {# 註解 #}",
}


def hostile_variant(kind: str) -> str:
    """Return the sample with hostile text in a prose block and in an inline field."""
    text = HOSTILE[kind]
    block = "\n".join(f"    {line}" if line else "" for line in text.split("\n"))
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return edit(sample_text(),
                ("  narrative: |\n    全球工具機市場", f"  narrative: |\n{block}\n\n    全球工具機市場"),
                ("  name: 五軸加工機智慧熱變位補償系統\n", f'  name: "{quoted}"\n'))


def build_variant(tmp_path: Path, kind: str) -> bytes:
    path = tmp_path / f"{kind}.yaml"
    path.write_text(hostile_variant(kind), encoding="utf-8")
    built = build_document(check_file(path), draft=True)
    assert built.docx is not None, built.diagnostics
    return built.docx


def document_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_raw_html_is_printed_literally(tmp_path: Path) -> None:
    xml = document_text(build_variant(tmp_path, "html"))
    assert "&lt;script&gt;alert('x')&lt;/script&gt;&lt;b&gt;粗體&lt;/b&gt;" in xml


def test_template_syntax_in_user_text_is_not_executed(tmp_path: Path) -> None:
    xml = document_text(build_variant(tmp_path, "jinja"))
    assert "{{ 7*7 }} {% for i in range(10**9) %}x{% endfor %}" in xml


def test_markdown_in_an_inline_field_does_not_become_structure(tmp_path: Path) -> None:
    xml = document_text(build_variant(tmp_path, "markdown-structure"))
    assert "# 假標題" in xml  # the inline target name keeps its characters


@needs_soffice
def test_every_hostile_document_opens_in_libreoffice(tmp_path: Path) -> None:
    for kind in HOSTILE:
        (tmp_path / f"{kind}.docx").write_bytes(build_variant(tmp_path, kind))
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(tmp_path))
    docs = sorted(str(p) for p in tmp_path.glob("*.docx"))
    completed = subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path),
         *docs], check=False, env=env, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    for kind in HOSTILE:
        pdf = tmp_path / f"{kind}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 10_000, kind


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_text_still_checks_without_crashing(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(hostile_variant(kind), encoding="utf-8")
    result = check_file(path)
    assert result.proposal is not None  # schema-valid; the rules report what they find
