"""Saving takes the parts from python-docx's package writer; a python-docx arranged
otherwise falls back to its own save, with the same bytes."""

from __future__ import annotations

import pytest

from tests.render.conftest import ROOT
from tiip_writer.checking.pipeline import check_file
from tiip_writer.render import build_document, save

SAMPLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


def test_without_the_package_writers_steps_the_same_docx_is_saved(
        monkeypatch: pytest.MonkeyPatch) -> None:
    checked = check_file(SAMPLE)
    expected = build_document(checked).docx
    def moved(package: object) -> list[tuple[str, bytes]]:
        raise AttributeError("type object 'PackageWriter' has no attribute '_write_parts'")

    monkeypatch.setattr(save, "_package_entries", moved)
    assert build_document(checked).docx == expected
