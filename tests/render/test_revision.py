"""`tiip build NEW --revised-from OLD`: the changes as real tracked changes, read back through
LibreOffice (accepting them all gives the new version, rejecting them all the old one)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.helpers import SAMPLE, edit, run_tiip, sample_text
from tests.render.conftest import needs_soffice
from tiip_writer.layout.office import FONTS_CONF

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
QUANTITY = ("unit: 組, quantity: 40, unit_price: 3.5", "unit: 組, quantity: 60, unit_price: 3.5")
MONTH = ("{code: A1-1, work_item: A1, month: 6,", "{code: A1-1, work_item: A1, month: 5,")
PARAGRAPH = ("客戶只能以長時間暖機或人工量測補正因應，降低稼動率約 15%。",
             "客戶目前只能以長時間暖機或人工量測補正因應，稼動率因此降低約 18%。")
REDLINES = Path(__file__).with_name("lo_redlines.py")
needs_uno = pytest.mark.skipif(
    shutil.which("soffice") is None or subprocess.run(
        ["/usr/bin/python3", "-c", "import uno"], capture_output=True, check=False).returncode,
    reason="LibreOffice's Python bridge is missing: apt-get install python3-uno")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the old and new plain builds, the tracked and the underlined revision."""
    folder = tmp_path_factory.mktemp("revision")
    old, new = folder / "v1.yaml", folder / "v2.yaml"
    shutil.copy(SAMPLE, old)
    new.write_text(edit(sample_text(), QUANTITY, MONTH, PARAGRAPH), encoding="utf-8")
    out = {"old": folder / "old.docx", "new": folder / "new.docx",
           "tracked": folder / "tracked.docx", "underline": folder / "underline.docx"}
    for args in (("build", str(old), "-o", str(out["old"])),
                 ("build", str(new), "-o", str(out["new"])),
                 ("build", str(new), "--revised-from", str(old), "-o", str(out["tracked"])),
                 ("build", str(new), "--revised-from", str(old), "--revision-style",
                  "underline", "-o", str(out["underline"]))):
        result = run_tiip(*args)
        assert result.exit_code == 0, result.stderr
    return out


def document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def marked_text(root: etree._Element, tag: str) -> list[str]:
    """Return the text of each w:ins or w:del that holds runs."""
    texts = []
    for node in root.iter(W + tag):
        text = "".join(t.text or "" for t in node.iter(W + "t", W + "delText"))
        if text:
            texts.append(text)
    return texts


def test_the_changed_paragraph_is_marked_by_character(built: dict[str, Path]) -> None:
    root = document(built["tracked"])
    inserted, deleted = marked_text(root, "ins"), marked_text(root, "del")
    assert "目前" in inserted and "因此降低約 18%" in inserted
    assert "降低" in deleted and "約 15%" in deleted
    for node in root.iter(W + "del"):  # deleted text is delText, never visible text
        assert node.find(f".//{W}t") is None
    # the revised paragraph keeps its formatting: **熱變位** is still bold
    paragraph = next(p for p in root.iter(W + "p") if "因此降低約 18%" in "".join(p.itertext()))
    bold = ["".join(r.itertext()) for r in paragraph.iter(W + "r")
            if r.find(f"{W}rPr/{W}b") is not None]
    assert bold == ["熱變位"]


def test_changed_table_cells_are_marked(built: dict[str, Path]) -> None:
    root = document(built["tracked"])
    cells = [(marked_text(tc, "del"), marked_text(tc, "ins")) for tc in root.iter(W + "tc")]
    assert (["13,090"], ["13,160"]) in cells  # the plan total in the budget tables
    assert (["140"], ["210"]) in cells        # the changed consumables line
    assert ([], ["▲"]) in cells and (["▲"], []) in cells  # the checkpoint moved in the Gantt


def test_every_mark_has_the_contact_as_author_and_the_submission_date(
        built: dict[str, Path]) -> None:
    root = document(built["tracked"])
    marks = [*root.iter(W + "ins"), *root.iter(W + "del")]
    assert marks
    assert {m.get(W + "author") for m in marks} == {"陳怡君"}  # contact.name of the new version
    assert {m.get(W + "date") for m in marks} == {"2016-05-16T00:00:00Z"}  # its submission_date
    ids = [m.get(W + "id") for m in marks]
    assert len(ids) == len(set(ids))


def test_the_same_inputs_give_the_same_bytes(built: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "again.docx"
    new, old = built["tracked"].with_name("v2.yaml"), built["tracked"].with_name("v1.yaml")
    assert run_tiip("build", str(new), "--revised-from", str(old), "-o", str(again)).exit_code == 0
    assert again.read_bytes() == built["tracked"].read_bytes()


def test_underline_style_has_no_tracked_changes(built: dict[str, Path]) -> None:
    root = document(built["underline"])
    assert next(root.iter(W + "ins"), None) is None and next(root.iter(W + "del"), None) is None
    underlined = ["".join(t.text or "" for t in r.iter(W + "t")) for r in root.iter(W + "r")
                  if r.find(f"{W}rPr/{W}u") is not None]
    assert "目前" in underlined and "13,160" in underlined
    assert "降低稼動率約 15%" not in "".join(root.itertext())


def test_an_unchanged_version_has_no_marks(tmp_path: Path) -> None:
    target = tmp_path / "same.docx"
    assert run_tiip("build", str(SAMPLE), "--revised-from", str(SAMPLE), "-o",
                    str(target)).exit_code == 0
    root = document(target)
    assert next(root.iter(W + "ins"), None) is None and next(root.iter(W + "del"), None) is None


@pytest.fixture(scope="module")
def through_libreoffice(built: dict[str, Path],
                        tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Return what LibreOffice reads in each built file (one LibreOffice run for all)."""
    profile = tmp_path_factory.mktemp("lo-profile")
    completed = subprocess.run(
        ["/usr/bin/python3", str(REDLINES), str(profile), *(str(p) for p in built.values())],
        capture_output=True, text=True, timeout=300, check=False,
        env=dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF)))
    assert completed.returncode == 0, completed.stderr
    read = json.loads(completed.stdout)
    return {key: read[path.name] for key, path in built.items()}


@needs_uno
def test_libreoffice_lists_the_tracked_changes(through_libreoffice: dict[str, dict]) -> None:
    redlines = through_libreoffice["tracked"]["redlines"]
    kinds = {kind for kind, _author, _date in redlines}
    assert {"Insert", "Delete"} <= kinds
    assert {(author, date) for _kind, author, date in redlines} == {("陳怡君", "2016-05-16")}
    assert through_libreoffice["new"]["redlines"] == []
    assert through_libreoffice["underline"]["redlines"] == []


@needs_uno
def test_accepting_all_gives_the_new_version_rejecting_all_the_old(
        through_libreoffice: dict[str, dict]) -> None:
    tracked = through_libreoffice["tracked"]
    assert tracked["accepted"] == through_libreoffice["new"]["text"]
    assert tracked["rejected"] == through_libreoffice["old"]["text"]
    assert through_libreoffice["underline"]["text"] == through_libreoffice["new"]["text"]


@needs_soffice
def test_the_pdf_shows_the_deleted_and_inserted_text(built: dict[str, Path],
                                                      tmp_path: Path) -> None:
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(tmp_path))
    subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                    str(tmp_path), str(built["tracked"])], check=True, env=env,
                   capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", str(tmp_path / "tracked.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    # both the struck and the inserted wording are on the page (line breaks may fall anywhere)
    assert "客戶目前只能以長時間暖機或人工量測補正因應，降低稼動率約15%因此降低約18%。" in "".join(
        text.split())


def test_revised_from_takes_one_file(tmp_path: Path) -> None:
    result = run_tiip("build", str(SAMPLE), str(SAMPLE), "--revised-from", str(SAMPLE),
                      "-o", str(tmp_path))
    assert result.exit_code == 2 and "--revised-from 只能用於一個計畫書檔案" in result.stderr


def test_an_unreadable_old_version_exits_two(tmp_path: Path) -> None:
    result = run_tiip("build", str(SAMPLE), "--revised-from", str(tmp_path / "nope.yaml"),
                      "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2 and "nope.yaml" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_an_old_version_that_cannot_be_laid_out_exits_two(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(edit(sample_text(), ("  months: 24\n", "  months: many\n")), encoding="utf-8")
    result = run_tiip("build", str(SAMPLE), "--revised-from", str(old),
                      "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2
    assert f"舊版 {old} 無法排版" in result.stderr and "old.yaml:" in result.stderr
    assert not (tmp_path / "x.docx").exists()


def test_the_old_version_is_never_overwritten(tmp_path: Path) -> None:
    old = tmp_path / "old.docx"
    shutil.copy(SAMPLE, tmp_path / "old.yaml")
    old.write_bytes(b"not mine")
    result = run_tiip("build", str(SAMPLE), "--revised-from", str(tmp_path / "old.yaml"),
                      "-o", str(tmp_path / "old.yaml"))
    assert result.exit_code == 2
    assert (tmp_path / "old.yaml").read_text(encoding="utf-8") == sample_text()
    assert old.read_bytes() == b"not mine"


def test_captions_renumbered_by_a_new_table_are_not_revisions(tmp_path: Path) -> None:
    # v2 adds the response table (表1) before all others: 表5 becomes 表6 and so on
    folder = SAMPLE.parent / "revision"
    target = tmp_path / "v2.docx"
    assert run_tiip("build", str(folder / "v2.yaml"), "--revised-from", str(folder / "v1.yaml"),
                    "-o", str(target)).exit_code == 0
    root = document(target)
    captions = [p for p in root.iter(W + "p")
                if p.find(f"{W}pPr/{W}pStyle[@{W}val='Caption']") is not None]
    marked = ["".join(p.itertext()) for p in captions if p.find(f".//{W}del") is not None]
    assert marked == []
    inserted = ["".join(p.itertext()) for p in captions if p.find(f".//{W}ins") is not None]
    assert inserted == ["表1　審查意見回復表"]
    assert "表6　市場數據" in ["".join(p.itertext()) for p in captions]
