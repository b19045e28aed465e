"""`tiip budget -o 經費.xlsx`: LibreOffice opens the workbook and, recalculating its formulas,
gets the figures of `tiip budget --format json`; an edited amount moves every total with it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.helpers import run_tiip
from tiip_writer.layout.office import FONTS_CONF

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
ACADEMIA = ROOT / "samples" / "emerging-assistive-academia.yaml"

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed; "
                                          "apt-get install libreoffice-calc-nogui")


def soffice(folder: Path, target: str, files: list[Path], out: Path) -> None:
    """Convert `files` with LibreOffice headless, in a profile of its own (no clash with a
    LibreOffice the user has open, or another test run)."""
    out.mkdir(exist_ok=True)
    profile = (folder / f"profile-{target}-{out.name}").as_uri()
    completed = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=300, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(folder), "FONTCONFIG_FILE": str(FONTS_CONF)})
    assert completed.returncode == 0, completed.stderr
    for file in files:
        assert (out / f"{file.stem}.{target}").is_file(), completed.stdout + completed.stderr


def recalculated(folder: Path, books: list[Path]) -> dict[str, openpyxl.Workbook]:
    """Return each workbook as LibreOffice computes it (values, not formulas), by stem."""
    out = folder / f"calc-{len(list(folder.glob('calc-*')))}"
    soffice(folder, "xlsx", books, out)
    return {book.stem: openpyxl.load_workbook(out / book.name, data_only=True) for book in books}


def budget_json(path: Path) -> dict[str, Any]:
    result = run_tiip("budget", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    """Return (folder, {sample stem: .xlsx written by tiip budget -o})."""
    folder = tmp_path_factory.mktemp("xlsx")
    books = {}
    for sample in SAMPLES:
        book = folder / f"{sample.stem}.xlsx"
        result = run_tiip("budget", str(sample), "-o", str(book))
        assert result.exit_code == 0, result.stderr
        assert f"已產生 {book}" in result.stderr
        books[sample.stem] = book
    return folder, books


@pytest.fixture(scope="module")
def computed(workbooks: tuple[Path, dict[str, Path]]) -> dict[str, openpyxl.Workbook]:
    folder, books = workbooks
    return recalculated(folder, list(books.values()))


# -- reading a recalculated workbook as a reader does: find the row by its label -----------------
def rows(ws: Any) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def header(ws: Any, row: int = 3) -> list[Any]:
    return list(rows(ws)[row - 1])


def summary_figures(ws: Any) -> dict[str, dict[str, Any]]:
    """Return {會計科目 (or 合計/百分比（%）): {column header: value}} of a 經費需求總表 sheet;
    a group with subcategories is read from its 小計 row."""
    heads = header(ws)
    found: dict[str, dict[str, Any]] = {}
    group = None
    for values in rows(ws)[3:]:
        if values[0] is not None:
            group = values[0]
        if group is None or (values[1] not in (None, "小計")):
            continue  # a subcategory row
        found[group] = dict(zip(heads, values))
    return found


def assert_summary(ws: Any, table: dict[str, Any], academia: bool) -> None:
    figures = summary_figures(ws)
    names = {"補助款": "subsidy", "自籌款": "self_funding", "合計": "total"}
    if academia:
        names |= {"工業局補助款": "subsidy_moea", "科技部補助款": "subsidy_most"}
    for group in table["groups"]:
        for head, key in names.items():
            assert figures[group["name"]][head] == group[key], (ws.title, group["name"], head)
        share = group["total"] / table["total"] if table["total"] else 0
        assert figures[group["name"]]["占總經費（%）"] == pytest.approx(share, rel=1e-12)
    for head, key in names.items():
        assert figures["合計"][head] == table[key], (ws.title, head)
    shares = figures["百分比（%）"]
    total = table["total"]
    assert shares["補助款"] == pytest.approx(table["subsidy"] / total, rel=1e-12)
    assert shares["自籌款"] == pytest.approx(table["self_funding"] / total, rel=1e-12)
    if academia:
        assert shares["工業局補助款"] == pytest.approx(table["subsidy_moea"] / total, rel=1e-12)
        assert shares["科技部補助款"] == pytest.approx(table["subsidy_most"] / total, rel=1e-12)


def assert_years(ws: Any, data: dict[str, Any]) -> None:
    """Check 各年度經費: every group's and the total's figures per plan year."""
    parts = header(ws, 4)
    years = [t for t in header(ws, 3)[1:] if t]  # 第1年（…）, 第2年（…）, 全期合計
    assert len(years) == len(data["years"]) + 1
    tables = [y["table"] for y in data["years"]] + [data["table"]]
    by_label = {values[0]: values for values in rows(ws)[4:] if values[0]}
    for index, table in enumerate(tables):
        first = 1 + index * 3
        assert parts[first:first + 3] == ["補助款", "自籌款", "合計"]
        for group in table["groups"]:
            got = by_label[group["name"]][first:first + 3]
            assert list(got) == [group["subsidy"], group["self_funding"], group["total"]], (
                years[index], group["name"])
        assert list(by_label["合計"][first:first + 3]) == [
            table["subsidy"], table["self_funding"], table["total"]]


def assert_caps(ws: Any, data: dict[str, Any]) -> None:
    """Check 經費上限檢核: each limit's figure and result as tiip budget compares them."""
    table = rows(ws)
    start = next(i for i, values in enumerate(table) if values[0] == "檢核項目")
    checks = [values for values in table[start + 1:] if values[0]]
    assert len(checks) == len(data["limits"])
    for values, limit in zip(checks, data["limits"]):
        assert values[0] == limit["label"]["zh"]
        assert values[5] == limit["rule"]
        assert values[4] == ("符合" if limit["ok"] else "不符"), limit["rule"]
        assert values[1] == pytest.approx(limit["figure"], abs=0.05), limit["rule"]
        assert values[3] == limit["limit"]


def assert_workbook_equals(book: openpyxl.Workbook, data: dict[str, Any]) -> None:
    """Assert that every figure of the recalculated workbook equals the JSON's."""
    academia = data["academia"]
    assert_summary(book["經費需求總表"], data["table"], academia)
    if len(data["units"]) > 1:
        for unit in data["units"]:
            assert_summary(book[f"{unit['id']} 經費需求總表"], unit["table"], academia)
        units = {values[0]: values for values in rows(book["各單位經費"])[3:]}
        for unit in data["units"]:
            assert units[unit["id"]][-2] == unit["table"]["total"]
        assert units["合計"][-2] == data["table"]["total"]
    assert_years(book["各年度經費"], data)
    people = {values[0]: values for values in rows(book["人事費明細"])[3:]}
    personnel = [line for line in data["lines"] if line["category"] == "personnel"]
    assert people["合計"][5] == sum(line["amount"] for line in personnel)
    assert people["合計"][4] == pytest.approx(sum(line["person_months"] for line in personnel))
    assert_caps(book["經費上限檢核"], data)


# -- the tests ---------------------------------------------------------------------------------
@needs_soffice
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_recalculated_workbook_equals_budget_json(
        sample: Path, computed: dict[str, openpyxl.Workbook]) -> None:
    assert_workbook_equals(computed[sample.stem], budget_json(sample))


@needs_soffice
def test_sheets_are_named_in_chinese(computed: dict[str, openpyxl.Workbook]) -> None:
    assert computed["emerging-assistive-academia"].sheetnames == [
        "經費需求總表", "AB 經費需求總表", "NYM 經費需求總表", "各單位經費", "各年度經費",
        "人事費明細", "經費明細", "經費上限檢核"]
    caps = rows(computed["emerging-assistive-academia"]["經費上限檢核"])
    assert caps[1][0].startswith("規則集：民國 105 年度「產業升級創新平台輔導計畫」")


@needs_soffice
def test_an_edited_amount_moves_every_total(workbooks: tuple[Path, dict[str, Path]],
                                            tmp_path: Path) -> None:
    """Change one line amount in the workbook, and the same line in the YAML: LibreOffice's
    totals, shares, year split and caps equal what tiip computes for the edited proposal."""
    folder, books = workbooks
    text = ACADEMIA.read_text(encoding="utf-8")
    old = "quantity: 6, unit_price: 130"
    assert text.count(old) == 1
    edited_yaml = tmp_path / "edited.yaml"
    edited_yaml.write_text(text.replace(old, "quantity: 6, unit_price: 147"), encoding="utf-8")
    expected = budget_json(edited_yaml)
    before = budget_json(ACADEMIA)
    assert expected["table"]["total"] == before["table"]["total"] + 102  # 6 × 17 more

    book = openpyxl.load_workbook(books["emerging-assistive-academia"])
    lines = book["經費明細"]
    heads = [cell.value for cell in lines[3]]
    item, amount = heads.index("項目") + 1, heads.index("金額") + 1
    row = next(r for r in range(4, lines.max_row + 1)
               if str(lines.cell(r, item).value).startswith("碳纖維管"))
    assert lines.cell(row, amount).value == 780
    lines.cell(row, amount).value = 882  # what an accountant types: 6 × 147
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    assert_workbook_equals(recalculated(folder, [edited])["edited"], expected)


@needs_soffice
def test_an_edited_salary_moves_the_personnel_total(workbooks: tuple[Path, dict[str, Path]],
                                                    tmp_path: Path) -> None:
    folder, books = workbooks
    text = ACADEMIA.read_text(encoding="utf-8")
    old = "{person: P02, monthly_salary: 80, person_months: 10}"
    edited_yaml = tmp_path / "salary.yaml"
    edited_yaml.write_text(text.replace(old, old.replace("80", "85")), encoding="utf-8")
    expected = budget_json(edited_yaml)
    book = openpyxl.load_workbook(books["emerging-assistive-academia"])
    people = book["人事費明細"]
    row = next(r for r in range(4, people.max_row + 1) if people.cell(r, 4).value == 80)
    people.cell(row, 4).value = 85
    edited = tmp_path / "salary.xlsx"
    book.save(edited)
    assert_workbook_equals(recalculated(folder, [edited])["salary"], expected)


@needs_soffice
def test_an_edited_rate_breaks_the_caps_it_should(workbooks: tuple[Path, dict[str, Path]],
                                                  tmp_path: Path) -> None:
    """The school's rate 40% → 45%: 科技部 12.6% > 12%, government 40.4% > 40%, self-funding
    59.6% < 60% — the workbook's 經費上限檢核 turns to 不符 exactly where tiip check does."""
    folder, books = workbooks
    text = ACADEMIA.read_text(encoding="utf-8")
    old = "    NYM:\n      subsidy_rate: 40\n"
    assert text.count(old) == 1
    edited_yaml = tmp_path / "rate.yaml"
    edited_yaml.write_text(text.replace(old, old.replace("40", "45")), encoding="utf-8")
    expected = budget_json(edited_yaml)
    failing = {m["label"]["zh"] for m in expected["limits"] if not m["ok"]}
    assert failing == {"科技部補助款（學界）占總經費", "政府補助合計占總經費", "自籌款占總經費"}
    book = openpyxl.load_workbook(books["emerging-assistive-academia"])
    lines = book["經費明細"]
    heads = [cell.value for cell in lines[3]]
    unit, rate = heads.index("單位代號") + 1, heads.index("補助比率（%）") + 1
    for row in range(4, lines.max_row + 1):
        if lines.cell(row, unit).value == "NYM":
            assert lines.cell(row, rate).value == 40
            lines.cell(row, rate).value = 45
    edited = tmp_path / "rate.xlsx"
    book.save(edited)
    assert_workbook_equals(recalculated(folder, [edited])["rate"], expected)


@needs_soffice
def test_workbook_prints_with_a_chinese_font(workbooks: tuple[Path, dict[str, Path]]) -> None:
    folder, books = workbooks
    book = books["emerging-assistive-academia"]
    out = folder / "pdf"
    soffice(folder, "pdf", [book], out)
    pdf = out / f"{book.stem}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for shown in ("全計畫經費需求總表", "工業局補助款", "科技部補助款", "15,000", "27.8%",
                  "經費上限檢核", "budget.academia-split"):
        assert shown in text, shown
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert any("UMing" in line or "UKai" in line for line in fonts.splitlines()[2:]), fonts


def test_output_that_is_not_xlsx_is_a_usage_error(tmp_path: Path) -> None:
    target = tmp_path / "經費.csv"
    result = run_tiip("budget", str(ACADEMIA), "-o", str(target))
    assert result.exit_code == 2
    assert "-o 只接受 Excel 檔（.xlsx）" in result.stderr
    assert not target.exists()
    english = run_tiip("budget", str(ACADEMIA), "-o", str(target), "--lang", "en")
    assert "-o takes an Excel file (.xlsx)" in english.stderr


def test_the_input_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"  # a proposal file named like a workbook
    shutil.copy(ACADEMIA, source)
    before = source.read_bytes()
    result = run_tiip("budget", str(source), "-o", str(source))
    assert result.exit_code == 2
    assert "輸出檔不可與輸入的計畫書相同" in result.stderr
    assert source.read_bytes() == before


def test_an_unwritable_target_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "經費.xlsx"
    result = run_tiip("budget", str(ACADEMIA), "-o", str(target))
    assert result.exit_code == 2
    assert f"無法寫入 {target}" in result.stderr
    assert not target.parent.exists()


def test_an_existing_workbook_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "經費.xlsx"
    target.write_bytes(b"old")
    result = run_tiip("budget", str(ACADEMIA), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert openpyxl.load_workbook(target).sheetnames[0] == "經費需求總表"
    assert [p.name for p in tmp_path.iterdir()] == ["經費.xlsx"]  # no temporary file left


def test_the_same_proposal_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    for target in (first, second):
        assert run_tiip("budget", str(ACADEMIA), "-o", str(target)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


@needs_soffice
def test_proposal_text_is_never_run_as_a_formula(workbooks: tuple[Path, dict[str, Path]],
                                                 tmp_path: Path) -> None:
    folder, _books = workbooks
    text = ACADEMIA.read_text(encoding="utf-8")
    old = "item: 碳纖維管、鋁合金管材與射出件（車架打樣）"
    hostile = "=1+1 碳纖維管"
    source = tmp_path / "hostile.yaml"
    source.write_text(text.replace(old, f"item: '{hostile}'"), encoding="utf-8")
    book = tmp_path / "hostile.xlsx"
    assert run_tiip("budget", str(source), "-o", str(book)).exit_code == 0
    lines = openpyxl.load_workbook(book)["經費明細"]
    cells = [cell for row in lines.iter_rows(min_row=4) for cell in row if cell.value == hostile]
    assert len(cells) == 1 and cells[0].data_type == "s"
    computed = recalculated(folder, [book])["hostile"]
    item = header(computed["經費明細"]).index("項目")
    labels = [row[item] for row in rows(computed["經費明細"])[3:]]
    assert hostile in labels
    assert_workbook_equals(computed, budget_json(source))
