"""Compiled templates are kept between runs, never stale, and never required."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.render.conftest import ROOT
from tiip_writer.checking.pipeline import check_file
from tiip_writer.render import build_document

SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


def _markdown(library: Path | None = None) -> str:
    built = build_document(check_file(SAMPLE), template=library)
    assert built.docx is not None and built.markdown is not None
    return built.markdown


def test_a_second_build_reuses_the_compiled_templates(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TIIP_CACHE_DIR", str(tmp_path / "cache"))
    first = _markdown()
    cached = sorted((tmp_path / "cache" / "templates").iterdir())
    assert len(cached) >= 10
    stamps = [p.stat().st_mtime_ns for p in cached]
    assert _markdown() == first
    assert [p.stat().st_mtime_ns for p in sorted((tmp_path / "cache" / "templates").iterdir())] \
        == stamps  # read, not written again


def test_an_edited_template_is_compiled_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TIIP_CACHE_DIR", str(tmp_path / "cache"))
    library = tmp_path / "lib"
    shutil.copytree(ROOT / "templates" / "official", library)
    assert "第一次的版本" not in _markdown(library)
    entry = library / "proposal.md.j2"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n第一次的版本\n", encoding="utf-8")
    assert "第一次的版本" in _markdown(library)
    entry.write_text(entry.read_text(encoding="utf-8").replace("第一次", "第二次"),
                     encoding="utf-8")
    assert "第二次的版本" in _markdown(library)


@pytest.mark.parametrize("setting", ["unwritable", "damaged", "off"])
def test_a_build_never_depends_on_the_cache(tmp_path: Path, monkeypatch, setting: str) -> None:
    monkeypatch.setenv("TIIP_CACHE_DIR", str(tmp_path / "cache"))
    expected = _markdown()
    folder = tmp_path / "cache" / "templates"
    if setting == "unwritable":
        shutil.rmtree(folder)
        (tmp_path / "cache").rmdir()
        (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    elif setting == "damaged":
        for path in folder.iterdir():
            path.write_bytes(path.read_bytes()[:40])
    else:
        monkeypatch.setenv("TIIP_CACHE_DIR", "")
    assert _markdown() == expected


def test_a_process_reads_each_compiled_template_once(tmp_path: Path, monkeypatch) -> None:
    """A batch builds many proposals: the compiled code stays in memory,
    checked against the template's source like the files are."""
    monkeypatch.setenv("TIIP_CACHE_DIR", str(tmp_path / "cache"))
    library = tmp_path / "lib"
    shutil.copytree(ROOT / "templates" / "official", library)
    first = _markdown(library)
    folder = tmp_path / "cache" / "templates"
    for path in folder.iterdir():
        path.unlink()
    assert _markdown(library) == first
    assert not list(folder.iterdir())  # nothing compiled again, nothing read from the folder
    entry = library / "proposal.md.j2"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n編輯過\n", encoding="utf-8")
    assert "編輯過" in _markdown(library)
