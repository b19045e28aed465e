"""The editor keeps the file the user's: load and save without an edit gives the same bytes;
an edit changes only its value, and comments, quoting, block scalars and key order stay."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tiip_writer.editor.document import Document, Edit, EditError
from tiip_writer.editor.session import ChangedOnDisk, EditSession

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def changed_lines(before: str, after: str) -> list[str]:
    """Return the lines removed or added between two texts (diff markers kept)."""
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_sample_saves_back_byte_for_byte(sample: Path, tmp_path: Path) -> None:
    copy = tmp_path / sample.name
    copy.write_bytes(sample.read_bytes())
    session = EditSession(copy)
    session.save()
    assert copy.read_bytes() == sample.read_bytes()
    assert Document(sample.read_text(encoding="utf-8")).text().encode() == sample.read_bytes()


def test_scaffold_of_every_plan_type_round_trips(tmp_path: Path) -> None:
    import datetime as dt

    from tiip_writer.source.scaffold import PLAN_TYPES, render_scaffold

    for plan in PLAN_TYPES:
        text = render_scaffold(tmp_path / "p.yaml", plan, "學界", dt.date(2016, 7, 1))
        assert Document(text).text() == text, plan


TEXT = """\
# 檔頭說明
title: 智慧伺服系統開發計畫  # tiip: ignore[writing.length] 計畫名稱依公告全名
period:
  start: 2016-09-01
  months: 30
contact:
  phone: "0912345678"
  note: 'single'
background: |
  第一段。
  第二行。

# 經費說明
budget:
  units:
    JH:
      personnel:
        - {person: P01, monthly_salary: 170, person_months: 8}  # 主持人
        - {person: P02, monthly_salary: 100, person_months: 10}
# 檔尾說明
"""


def test_a_number_edit_changes_only_that_number() -> None:
    document = Document(TEXT)
    document.apply(Edit("set", "/budget/units/JH/personnel/0/monthly_salary", 180))
    assert changed_lines(TEXT, document.text()) == [
        "-        - {person: P01, monthly_salary: 170, person_months: 8}  # 主持人",
        "+        - {person: P01, monthly_salary: 180, person_months: 8}  # 主持人"]


def test_text_keeps_its_style_and_inline_suppression() -> None:
    document = Document(TEXT)
    document.apply(Edit("set", "/title", "新的計畫名稱"))
    document.apply(Edit("set", "/contact/phone", "0223456789"))
    document.apply(Edit("set", "/contact/note", "changed"))
    document.apply(Edit("set", "/background", "改寫的第一段。\n新的第二行。"))
    assert sorted(changed_lines(TEXT, document.text())) == sorted([
        "-title: 智慧伺服系統開發計畫  # tiip: ignore[writing.length] 計畫名稱依公告全名",
        '-  phone: "0912345678"',
        "-  note: 'single'",
        "-  第一段。",
        "-  第二行。",
        "+title: 新的計畫名稱  # tiip: ignore[writing.length] 計畫名稱依公告全名",
        '+  phone: "0223456789"',
        "+  note: 'changed'",
        "+  改寫的第一段。",
        "+  新的第二行。"])


def test_dates_stay_dates_and_new_rows_join_in_flow_style() -> None:
    document = Document(TEXT)
    document.apply(Edit("set", "/period/start", "2016-10-01", kind="date"))
    document.apply(Edit("insert", "/budget/units/JH/personnel", index=2,
                        value={"person": "P03", "monthly_salary": 90, "person_months": 6}))
    assert changed_lines(TEXT, document.text()) == [
        "-  start: 2016-09-01", "+  start: 2016-10-01",
        "+        - {person: P03, monthly_salary: 90, person_months: 6}"]


def test_removing_the_last_row_keeps_the_comments_after_it() -> None:
    document = Document(TEXT)
    document.apply(Edit("remove", "/budget/units/JH/personnel/1"))
    text = document.text()
    assert "# 檔尾說明" in text and "# 主持人" in text
    assert changed_lines(TEXT, text) == [
        "-        - {person: P02, monthly_salary: 100, person_months: 10}"]


def test_moving_a_row() -> None:
    document = Document(TEXT)
    document.apply(Edit("move", "/budget/units/JH/personnel", index=1, to=0))
    lines = document.text().splitlines()
    assert lines.index("        - {person: P02, monthly_salary: 100, person_months: 10}") < \
        lines.index("        - {person: P01, monthly_salary: 170, person_months: 8}  # 主持人")


@pytest.mark.parametrize("edit", [
    Edit("set", "/nothing/here", 1), Edit("remove", "/budget/units/XX"),
    Edit("insert", "/title", index=0, value="x"), Edit("move", "/budget/units/JH/personnel",
                                                       index=0, to=5)])
def test_an_edit_that_does_not_fit_changes_nothing(edit: Edit, tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(TEXT, encoding="utf-8")
    session = EditSession(path)
    with pytest.raises(EditError):
        session.apply([Edit("set", "/period/months", 24), edit])
    assert session.text == TEXT and not session.undo_stack


def test_undo_and_redo(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(TEXT, encoding="utf-8")
    session = EditSession(path)
    session.apply([Edit("set", "/period/months", 24)])
    session.apply([Edit("remove", "/contact/note")])
    assert session.undo() and "note: 'single'" in session.text and "months: 24" in session.text
    assert session.undo() and session.text == TEXT
    assert not session.undo()
    assert session.redo() and "months: 24" in session.text


def test_saving_over_another_programs_change_needs_the_users_choice(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(TEXT, encoding="utf-8")
    session = EditSession(path)
    session.apply([Edit("set", "/period/months", 24)])
    path.write_text(TEXT.replace("智慧伺服", "另一個程式改的"), encoding="utf-8")
    assert session.changed_on_disk()
    with pytest.raises(ChangedOnDisk):
        session.save()
    assert "另一個程式改的" in path.read_text(encoding="utf-8")  # not overwritten
    session.save(force=True)  # the user chose to keep their version
    assert "months: 24" in path.read_text(encoding="utf-8")
    assert not session.changed_on_disk()


def test_reload_takes_the_disk_version_and_keeps_mine_one_undo_away(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(TEXT, encoding="utf-8")
    session = EditSession(path)
    session.apply([Edit("set", "/period/months", 24)])
    path.write_text(TEXT.replace("months: 30", "months: 12"), encoding="utf-8")
    session.reload()
    assert "months: 12" in session.text and not session.dirty
    assert session.undo() and "months: 24" in session.text


def test_bom_and_windows_line_endings_survive(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    data = ("\ufeff" + TEXT.replace("\n", "\r\n")).encode("utf-8")
    path.write_bytes(data)
    session = EditSession(path)
    session.save()
    assert path.read_bytes() == data
    session.apply([Edit("set", "/period/months", 24)])
    session.save()
    assert path.read_bytes() == data.replace(b"months: 30", b"months: 24")
