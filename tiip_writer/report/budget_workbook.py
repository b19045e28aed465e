"""`tiip budget FILE -o 經費.xlsx`: the budget as an Excel workbook whose totals are live formulas.

Sheets: 經費需求總表 (the plan), one 經費需求總表 per unit of a joint plan, 各單位經費, 各年度經費,
人事費明細, 經費明細 (every line) and 經費上限檢核 (the rule set, each cap and this plan's figure).

Only the inputs are values: each line's amount in 經費明細 (personnel: salary and person-months
in 人事費明細) and its subsidy rate. Everything a reader adds up is a formula over them, so an
accountant who changes one amount sees the subsidy, self-funding, totals, shares and the caps
follow. The formulas repeat the engine's arithmetic (tiip_writer/budget/money.py): each line's
subsidy is ROUND(amount × rate ÷ 100) (half away from zero, as round_half_up for these
non-negative amounts); each line is split across plan years by the largest-remainder method on
integer weights (money.apportion), written out with INT and MOD so it is exact. The values the
formulas give for the proposal as written equal `tiip budget --format json` (tested by
recalculating the workbook in LibreOffice).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tiip_writer.budget import BudgetLine, BudgetReport, Table
from tiip_writer.budget.money import integer_weights
from tiip_writer.model import Proposal
from tiip_writer.render.save import zip_bytes
from tiip_writer.rules import Context, Measure
from tiip_writer.rules.base import PERCENT
from tiip_writer.rules.budget_rd_commensurate import figures as rd_figures
from tiip_writer.ruleset import RuleEntry, RuleSet

FONT_NAME = "新細明體"  # the form's Chinese font; fontconfig maps it to AR PL UMing TW on Linux
MONEY = "#,##0"
SHARE = "0.0%"
EXACT_PCT = '0.00"%"'
TIMES = '0.00" 倍"'
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
SUBTOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
KIND_NAMES = {"company": "公司", "academic": "學界", "institute": "法人", "unknown": "未知"}
MONEY_NOTE = "單位：新台幣千元"
CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
TEXT_WIDTH = 36  # the widest a text column grows (column-width units); longer text wraps
LINE_HEIGHT = 15  # points per line of 11 pt text
PORTRAIT_WIDTH = 95  # column-width units that fit an A4 portrait page at a readable scale


@dataclass
class Sheet:
    """A worksheet with helpers that style cells and remember how wide each column must be."""

    ws: Worksheet
    widths: dict[int, float] = field(default_factory=dict)
    lines: dict[int, int] = field(default_factory=dict)  # row → text lines its tallest cell needs
    header_rows: str = "3:3"  # printed again at the top of every page

    def put(self, row: int, col: int, value: Any, *, shown: Any = None, fmt: str | None = None,
            bold: bool = False, header: bool = False, fill: PatternFill | None = None,
            align: str | None = None, border: bool = True, text: bool = False) -> str:
        """Write `value` (a formula when it starts with '=', unless `text`: the proposal's own
        words are never run as formulas); return the cell's reference.

        `shown` is what the cell displays (the engine's figure for a formula), for the width.
        """
        cell = self.ws.cell(row=row, column=col)
        _set(cell, value, text)
        cell.font = Font(name=FONT_NAME, size=11, bold=bold or header)
        if fmt:
            cell.number_format = fmt
        if header:
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        else:
            cell.alignment = Alignment(horizontal=align, vertical="center")
        if fill is not None:
            cell.fill = fill
        if border:
            cell.border = BORDER
        text = _shown_text(shown if shown is not None else value, fmt)
        width = _display_width(text)
        if header:  # headers wrap onto two lines
            width = width / 2 + 1.5
            self.lines[row] = max(self.lines.get(row, 1), 2)
        elif width > TEXT_WIDTH:  # long text wraps inside a column of readable width
            cell.alignment = Alignment(horizontal=align or "left", vertical="center",
                                       wrap_text=True)
            self.lines[row] = max(self.lines.get(row, 1), math.ceil(width / (TEXT_WIDTH + 2)))
            width = TEXT_WIDTH
        self.widths[col] = max(self.widths.get(col, 0), width)
        return f"{get_column_letter(col)}{row}"

    def title(self, row: int, text: str) -> None:
        cell = self.ws.cell(row=row, column=1)
        _set(cell, text, True)
        cell.font = Font(name=FONT_NAME, size=14, bold=True)

    def note(self, row: int, col: int, text: str) -> None:
        cell = self.ws.cell(row=row, column=col)
        _set(cell, text, True)
        cell.font = Font(name=FONT_NAME, size=10)

    def fit(self, minimum: float = 6, maximum: float = 48) -> None:
        """Size each column to its widest cell, so Chinese labels are not cut off, and print
        the sheet on A4 pages one sheet wide (landscape when it is wide)."""
        total = 0.0
        for col, width in self.widths.items():
            letter = get_column_letter(col)
            size = min(max(width + 2, minimum), maximum)
            self.ws.column_dimensions[letter].width = size
            if not self.ws.column_dimensions[letter].hidden:
                total += size
        for row, count in self.lines.items():  # wrapped rows: tall enough for every line
            if count > 1:
                self.ws.row_dimensions[row].height = LINE_HEIGHT * count
        setup = self.ws.page_setup
        setup.paperSize = self.ws.PAPERSIZE_A4
        setup.orientation = "landscape" if total > PORTRAIT_WIDTH else "portrait"
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        setup.fitToWidth, setup.fitToHeight = 1, 0  # as many pages down as needed
        self.ws.print_title_rows = self.header_rows


def _set(cell: Any, value: Any, text: bool) -> None:
    """Set a cell's value; with `text`, a string is stored as a string even if it starts with
    '=' (openpyxl would otherwise store it as a formula)."""
    cell.value = value
    if text and isinstance(value, str):
        cell.data_type = "s"


def _display_width(text: str) -> float:
    """Return the width of `text` in Excel character units: wide (CJK) characters count two."""
    return sum(2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.05 for ch in text)


def _shown_text(value: Any, fmt: str | None) -> str:
    if isinstance(value, (int, float)) and fmt == MONEY:
        return f"{value:,.0f}"
    if isinstance(value, (int, float)) and fmt in (SHARE,):
        return f"{value * 100:.1f}%"
    if isinstance(value, str) and value.startswith("="):
        return "0,000,000"  # a formula whose figure was not given: room for a large amount
    return "" if value is None else str(value)


def _share(part: str, whole: str) -> str:
    """Return a formula for part ÷ whole (0 when whole is 0), shown in % by SHARE."""
    return f"=IF({whole}=0,0,{part}/{whole})"


@dataclass(frozen=True)
class LineColumns:
    """Column numbers of the 經費明細 sheet (they depend on the academic split and plan years)."""

    names: tuple[str, ...]
    years: int

    def __getitem__(self, name: str) -> int:
        return self.names.index(name) + 1

    def letter(self, name: str) -> str:
        return get_column_letter(self[name])


class BudgetWorkbook:
    """Builds the workbook of one proposal's budget (see the module docstring)."""

    LINES = "經費明細"
    PERSONNEL = "人事費明細"
    SUMMARY = "經費需求總表"
    YEARS = "各年度經費"
    UNITS = "各單位經費"
    CAPS = "經費上限檢核"

    def __init__(self, report: BudgetReport, proposal: Proposal, rs: RuleSet, file: str,
                 limits: list[tuple[RuleEntry, Measure]]):
        self.report, self.proposal, self.rs, self.file, self.limits = (
            report, proposal, rs, file, limits)
        self.split = report.academia
        self.book = Workbook()
        self.first_line_row = 4
        self.last_line_row = self.first_line_row + max(len(report.lines), 1) - 1
        names = ["序號", "單位代號", "單位類別", "會計科目", "細項", "科目代碼", "項目",
                 "計算式", "金額", "補助比率（%）", "補助款", "自籌款"]
        if self.split:
            names.append("科技部補助款")
        names += ["一般補助比率（%）", "新聘人才加碼補助"]
        for year in report.years:
            names += [f"第{year.number}年補助款", f"第{year.number}年自籌款"]
        names += [f"第{year.number}年權重" for year in report.years]
        self.cols = LineColumns(tuple(names), len(report.years))
        self.summary_totals: dict[str, str] = {}  # figure name → cell of the plan's 合計 row

    # -- the whole book ------------------------------------------------------------------
    def build(self) -> bytes:
        """Return the .xlsx bytes."""
        self.book.remove(self.book.active)
        summary = self._sheet(self.SUMMARY)
        units = [(u, self._sheet(_sheet_name(f"{u.id} 經費需求總表")))
                 for u in self.report.units] if len(self.report.units) > 1 else []
        units_sheet = self._sheet(self.UNITS) if units else None
        years = self._sheet(self.YEARS)
        personnel = self._sheet(self.PERSONNEL)
        lines = self._sheet(self.LINES)
        caps = self._sheet(self.CAPS)
        person_rows = self._personnel(personnel)
        self._lines(lines, person_rows)
        self.summary_totals = self._summary(summary, self.report.table, None, "全計畫經費需求總表")
        for unit, sheet in units:
            self._summary(sheet, unit.table, unit.id, f"{unit.id} {unit.name} 經費需求總表")
        if units_sheet is not None:
            self._units(units_sheet)
        self._years(years)
        self._caps(caps)
        for sheet in (summary, *(s for _u, s in units), *([units_sheet] if units_sheet else []),
                      years, personnel, lines, caps):
            sheet.fit()
        self.book.calculation.fullCalcOnLoad = True  # Excel: compute every formula on opening
        self.book.properties.creator = "tiip-writer"
        out = io.BytesIO()
        self.book.save(out)
        return _repeatable(out.getvalue())

    def _sheet(self, title: str) -> Sheet:
        ws = self.book.create_sheet(title)
        ws.sheet_view.showGridLines = False
        return Sheet(ws)

    def _range(self, name: str) -> str:
        """Return the absolute 經費明細 range of column `name`, for SUMIFS."""
        letter = self.cols.letter(name)
        return f"'{self.LINES}'!${letter}${self.first_line_row}:${letter}${self.last_line_row}"

    # -- 人事費明細 ---------------------------------------------------------------------------
    def _personnel(self, sheet: Sheet) -> dict[str, int]:
        """Write salary × person-months per person; return {line pointer: its row}."""
        sheet.title(1, "人事費明細")
        sheet.note(2, 1, MONEY_NOTE + "；金額＝月薪 × 投入人月（四捨五入至千元）")
        heads = ["單位代號", "人員（職稱）", "類別", "月薪", "投入人月", "金額", "補助比率（%）",
                 "補助款", "自籌款"]
        for col, text in enumerate(heads, start=1):
            sheet.put(3, col, text, header=True)
        rows: dict[str, int] = {}
        row = 4
        for line_index, line in enumerate(self.report.lines):
            if line.category != "personnel":
                continue
            rows[line.ptr] = row
            inputs = dict(line.inputs)
            sheet.put(row, 1, line.unit, align="center", text=True)
            sheet.put(row, 2, line.label, text=True)
            sheet.put(row, 3, line.row, align="center", text=True)
            sheet.put(row, 4, _number(inputs["monthly_salary"]), fmt=MONEY)
            sheet.put(row, 5, _number(inputs["person_months"]), fmt="General")
            sheet.put(row, 6, f"=ROUND(D{row}*E{row},0)", shown=line.amount, fmt=MONEY)
            line_row = self.first_line_row + line_index
            rate, subsidy, self_funding = (self.cols.letter(n) for n in
                                           ("補助比率（%）", "補助款", "自籌款"))
            sheet.put(row, 7, f"='{self.LINES}'!{rate}{line_row}", shown=_number(line.rate),
                      fmt="General")
            sheet.put(row, 8, f"='{self.LINES}'!{subsidy}{line_row}",
                      shown=line.amounts.subsidy, fmt=MONEY)
            sheet.put(row, 9, f"='{self.LINES}'!{self_funding}{line_row}",
                      shown=line.amounts.self_funding, fmt=MONEY)
            row += 1
        if rows:
            first, last = 4, row - 1
            sheet.put(row, 1, "合計", bold=True, align="center")
            sheet.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
            sheet.put(row, 5, f"=SUM(E{first}:E{last})", shown=_number(self.report.person_months),
                      fmt="General", bold=True)
            for col in (6, 8, 9):
                letter = get_column_letter(col)
                sheet.put(row, col, f"=SUM({letter}{first}:{letter}{last})", fmt=MONEY,
                          bold=True)
        sheet.ws.freeze_panes = "A4"
        return rows

    # -- 經費明細 -----------------------------------------------------------------------------
    def _lines(self, sheet: Sheet, person_rows: dict[str, int]) -> None:
        """Write every line: its inputs (amount, rate) and the formulas that split it."""
        c = self.cols
        sheet.title(1, "經費明細")
        sheet.note(2, 1, MONEY_NOTE + "；可修改「金額」與「補助比率」，補助款、自籌款、各年度分配"
                         "及各表合計隨之重算（人事費的金額在人事費明細以月薪 × 人月計算）")
        for col, text in enumerate(c.names, start=1):
            sheet.put(3, col, text, header=True)
        units = {u.id: u for u in self.report.units}
        for index, line in enumerate(self.report.lines):
            row = self.first_line_row + index
            unit = units.get(line.unit)
            letter = {name: f"{c.letter(name)}{row}" for name in c.names}
            sheet.put(row, c["序號"], index + 1, align="center")
            sheet.put(row, c["單位代號"], line.unit, align="center", text=True)
            sheet.put(row, c["單位類別"], KIND_NAMES[unit.kind if unit else "unknown"],
                      align="center")
            sheet.put(row, c["會計科目"], line.group, text=True)
            sheet.put(row, c["細項"], line.row, text=True)
            sheet.put(row, c["科目代碼"], line.category, text=True)
            sheet.put(row, c["項目"], line.label, text=True)
            sheet.put(row, c["計算式"], line.formula, text=True)
            if line.ptr in person_rows:
                sheet.put(row, c["金額"], f"='{self.PERSONNEL}'!F{person_rows[line.ptr]}",
                          shown=line.amount, fmt=MONEY)
            else:
                sheet.put(row, c["金額"], line.amount, fmt=MONEY)
            sheet.put(row, c["補助比率（%）"], _number(line.rate), fmt="General")
            sheet.put(row, c["補助款"], f"=ROUND({letter['金額']}*{letter['補助比率（%）']}/100,0)",
                      shown=line.amounts.subsidy, fmt=MONEY)
            sheet.put(row, c["自籌款"], f"={letter['金額']}-{letter['補助款']}",
                      shown=line.amounts.self_funding, fmt=MONEY)
            if self.split:
                sheet.put(row, c["科技部補助款"],
                          f'=IF({letter["單位類別"]}="學界",{letter["補助款"]},0)',
                          shown=line.amounts.subsidy_most, fmt=MONEY)
            sheet.put(row, c["一般補助比率（%）"], _number(line.default_rate), fmt="General")
            if line.uplift:  # a 100%-eligible new hire: the subsidy above the unit's own rate
                sheet.put(row, c["新聘人才加碼補助"],
                          f"={letter['補助款']}-ROUND({letter['金額']}*"
                          f"{letter['一般補助比率（%）']}/100,0)", shown=line.uplift, fmt=MONEY)
            else:
                sheet.put(row, c["新聘人才加碼補助"], 0, fmt=MONEY)
            self._year_split(sheet, row, line)
        # Weights only steer the split across years; hide them from the reader's view.
        for year in self.report.years:
            letter = c.letter(f"第{year.number}年權重")
            sheet.ws.column_dimensions[letter].hidden = True
        sheet.ws.freeze_panes = sheet.ws.cell(row=self.first_line_row, column=c["金額"])
        sheet.ws.auto_filter.ref = (f"A3:{get_column_letter(len(c.names))}"
                                    f"{self.last_line_row}")

    def _year_split(self, sheet: Sheet, row: int, line: BudgetLine) -> None:
        """Write the line's weights and, per year, its subsidy and self-funding shares."""
        c = self.cols
        weights = integer_weights(line.weights) if line.weights else (1,) * c.years
        cells = []
        for year, weight in zip(self.report.years, weights):
            col = c[f"第{year.number}年權重"]
            cells.append(sheet.put(row, col, weight, border=False))
        for index, year in enumerate(self.report.years):
            for part, shown in (("補助款", line.years[index].subsidy),
                                ("自籌款", line.years[index].self_funding)):
                value = f"{c.letter(part)}{row}"
                sheet.put(row, c[f"第{year.number}年{part}"],
                          "=" + largest_remainder(value, cells, index), shown=shown, fmt=MONEY)

    # -- 經費需求總表 ---------------------------------------------------------------------------
    def _summary_columns(self) -> list[tuple[str, str | None]]:
        """Return (header, 經費明細 column summed) of a summary table's money columns."""
        columns: list[tuple[str, str | None]] = []
        if self.split:
            columns += [("工業局補助款", None), ("科技部補助款", "科技部補助款")]
        return columns + [("補助款", "補助款"), ("自籌款", "自籌款"), ("合計", "金額")]

    def _summary(self, sheet: Sheet, table: Table, unit: str | None,
                 title: str) -> dict[str, str]:
        """Write a 經費需求總表 of the plan (unit None) or one unit; return its 合計 cells."""
        sheet.title(1, title)
        sheet.note(2, 1, MONEY_NOTE)
        columns = self._summary_columns()
        heads = ["會計科目", "細項", *(h for h, _ in columns), "占總經費（%）"]
        for col, text in enumerate(heads, start=1):
            sheet.put(3, col, text, header=True)
        share_col = len(heads)
        total_col = share_col - 1
        row = 4
        group_rows: list[int] = []
        share_rows: list[int] = []
        total_row = 4 + sum(1 if _single(g) else len(g.rows) + 1 for g in table.groups)
        total_ref = f"${get_column_letter(total_col)}${total_row}"

        def figures(r: int, amounts: Any, criteria: str | None, sub: tuple[int, int] | None,
                    bold: bool = False, fill: PatternFill | None = None) -> None:
            shown = _summary_shown(amounts, self.split)
            for offset, (head, source) in enumerate(columns):
                col = 3 + offset
                if sub is not None:  # a 小計: the sum of the rows above it
                    letter = get_column_letter(col)
                    formula = f"=SUM({letter}{sub[0]}:{letter}{sub[1]})"
                elif source is None:  # 工業局 = 補助款 − 科技部
                    formula = (f"={get_column_letter(col + 2)}{r}-"
                               f"{get_column_letter(col + 1)}{r}")
                else:
                    formula = f"=SUMIFS({self._range(source)},{criteria})"
                sheet.put(r, col, formula, shown=shown[head], fmt=MONEY, bold=bold, fill=fill)
            sheet.put(r, share_col, _share(f"{get_column_letter(total_col)}{r}", total_ref),
                      fmt=SHARE, bold=bold, fill=fill)
            share_rows.append(r)

        for group in table.groups:
            if _single(group):
                sheet.put(row, 1, group.name, text=True)
                sheet.put(row, 2, "")
                sheet.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
                figures(row, group.amounts, self._criteria(group.rows[0].category,
                                                           group.rows[0].label, unit), None)
                group_rows.append(row)
                row += 1
                continue
            first = row
            for sub in group.rows:
                sheet.put(row, 1, group.name, align="center", text=True)
                sheet.put(row, 2, sub.label, text=True)
                figures(row, sub.amounts, self._criteria(sub.category, sub.label, unit), None)
                row += 1
            sheet.put(row, 1, group.name, text=True)
            sheet.put(row, 2, "小計", bold=True, fill=SUBTOTAL_FILL)
            figures(row, group.amounts, None, (first, row - 1), bold=True, fill=SUBTOTAL_FILL)
            sheet.ws.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
            sheet.ws.cell(row=first, column=1).alignment = Alignment(vertical="center")
            group_rows.append(row)
            row += 1
        assert row == total_row
        totals: dict[str, str] = {}
        sheet.put(row, 1, "合計", bold=True, align="center")
        sheet.put(row, 2, "", bold=True)
        sheet.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        shown = _summary_shown(table.amounts, self.split)
        for offset, (head, _source) in enumerate(columns):
            letter = get_column_letter(3 + offset)
            cells = "+".join(f"{letter}{r}" for r in group_rows) or "0"
            totals[head] = sheet.put(row, 3 + offset, f"={cells}", shown=shown[head], fmt=MONEY,
                                     bold=True)
        sheet.put(row, share_col, _share(f"{get_column_letter(total_col)}{row}", total_ref),
                  fmt=SHARE, bold=True)
        row += 1
        sheet.put(row, 1, "百分比（%）", bold=True, align="center")
        sheet.put(row, 2, "", bold=True)
        sheet.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        for offset, (head, _source) in enumerate(columns):
            letter = get_column_letter(3 + offset)
            sheet.put(row, 3 + offset, _share(f"{letter}{total_row}", total_ref), fmt=SHARE,
                      bold=True)
        sheet.put(row, share_col, "", bold=True)
        sheet.ws.freeze_panes = "C4"
        return totals

    def _criteria(self, category: str, label: str, unit: str | None) -> str:
        """Return SUMIFS criteria selecting the lines of one summary row (and unit)."""
        parts = [f'{self._range("科目代碼")},{_quoted(category)}',
                 f'{self._range("細項")},{_quoted(label)}']
        if unit is not None:
            parts.append(f'{self._range("單位代號")},{_quoted(unit)}')
        return ",".join(parts)

    # -- 各單位經費 ---------------------------------------------------------------------------
    def _units(self, sheet: Sheet) -> None:
        sheet.title(1, "各單位經費")
        sheet.note(2, 1, MONEY_NOTE)
        columns = self._summary_columns()
        heads = ["單位代號", "單位名稱", "單位類別", *(h for h, _ in columns), "占總經費（%）"]
        for col, text in enumerate(heads, start=1):
            sheet.put(3, col, text, header=True)
        share_col, total_col = len(heads), len(heads) - 1
        total_row = 4 + len(self.report.units)
        total_ref = f"${get_column_letter(total_col)}${total_row}"
        for index, unit in enumerate(self.report.units):
            row = 4 + index
            sheet.put(row, 1, unit.id, align="center", text=True)
            sheet.put(row, 2, unit.name, text=True)
            sheet.put(row, 3, KIND_NAMES[unit.kind], align="center")
            shown = _summary_shown(unit.table.amounts, self.split)
            for offset, (head, source) in enumerate(columns):
                col = 4 + offset
                if source is None:
                    formula = (f"={get_column_letter(col + 2)}{row}-"
                               f"{get_column_letter(col + 1)}{row}")
                else:
                    formula = (f'=SUMIFS({self._range(source)},'
                               f'{self._range("單位代號")},{_quoted(unit.id)})')
                sheet.put(row, col, formula, shown=shown[head], fmt=MONEY)
            sheet.put(row, share_col, _share(f"{get_column_letter(total_col)}{row}", total_ref),
                      fmt=SHARE)
        sheet.put(total_row, 1, "合計", bold=True, align="center")
        for col in (2, 3):
            sheet.put(total_row, col, "", bold=True)
        sheet.ws.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=3)
        for offset in range(len(columns)):
            letter = get_column_letter(4 + offset)
            sheet.put(total_row, 4 + offset, f"=SUM({letter}4:{letter}{total_row - 1})",
                      fmt=MONEY, bold=True)
        sheet.put(total_row, share_col,
                  _share(f"{get_column_letter(total_col)}{total_row}", total_ref), fmt=SHARE,
                  bold=True)

    # -- 各年度經費 ---------------------------------------------------------------------------
    def _years(self, sheet: Sheet) -> None:
        """Write groups × plan years (補助款, 自籌款, 合計 each), and the whole period."""
        report = self.report
        sheet.header_rows = "3:4"
        sheet.title(1, "各年度經費分配")
        sheet.note(2, 1, MONEY_NOTE + "；計畫年度自起始月起每 12 個月為一年")
        sheet.put(3, 1, "會計科目", header=True)
        sheet.put(4, 1, "", header=True)
        sheet.ws.merge_cells(start_row=3, start_column=1, end_row=4, end_column=1)
        titles = [((f"第{y.number}年（{y.start.year - 1911}/{y.start.month:02d}–"
                   f"{y.end.year - 1911}/{y.end.month:02d}）"), y.number) for y in report.years]
        titles.append(("全期合計", None))
        for block, (title, _number_) in enumerate(titles):
            first = 2 + block * 3
            sheet.put(3, first, title, header=True)
            for offset in (1, 2):
                sheet.put(3, first + offset, "", header=True)
            sheet.ws.merge_cells(start_row=3, start_column=first, end_row=3, end_column=first + 2)
            for offset, part in enumerate(("補助款", "自籌款", "合計")):
                sheet.put(4, first + offset, part, header=True)
        row = 5
        for index, group in enumerate(report.table.groups):
            sheet.put(row, 1, group.name, text=True)
            for block, (_title, number) in enumerate(titles):
                first = 2 + block * 3
                amounts = (report.years[number - 1].table.groups[index].amounts
                           if number else group.amounts)
                for offset, part in enumerate(("補助款", "自籌款")):
                    source = f"第{number}年{part}" if number else part
                    formula = (f'=SUMIFS({self._range(source)},{self._range("會計科目")},'
                               f'{_quoted(group.name)})')
                    sheet.put(row, first + offset, formula,
                              shown=(amounts.subsidy, amounts.self_funding)[offset], fmt=MONEY)
                sheet.put(row, first + 2, f"={get_column_letter(first)}{row}+"
                                          f"{get_column_letter(first + 1)}{row}",
                          shown=amounts.total, fmt=MONEY)
            row += 1
        sheet.put(row, 1, "合計", bold=True, align="center")
        for col in range(2, 2 + 3 * len(titles)):
            letter = get_column_letter(col)
            sheet.put(row, col, f"=SUM({letter}5:{letter}{row - 1})", fmt=MONEY, bold=True)
        sheet.ws.freeze_panes = "B5"

    # -- 經費上限檢核 ---------------------------------------------------------------------------
    def _caps(self, sheet: Sheet) -> None:
        """Write the rule set, this plan's key figures (formulas), and each cap beside them."""
        rs, report = self.rs, self.report
        sheet.title(1, "經費上限檢核")
        origin = f"來源：{rs.origin.describe().zh}；" if rs.origin else ""
        sheet.note(2, 1, f"規則集：民國 {rs.year} 年度「{rs.programme}」（{rs.agency}）；{origin}"
                         f"計畫書：{self.file}")
        sheet.note(3, 1, "各比率依金額比較（不以四捨五入後的百分比判斷）；修改經費明細後隨之重算。")
        sheet.put(5, 1, "本計畫經費數字", header=True)
        sheet.put(5, 2, "千元", header=True)
        total = self.summary_totals
        figures: list[tuple[str, str, Any]] = [
            ("總經費", f"='{self.SUMMARY}'!{total['合計']}", report.total),
            ("補助款", f"='{self.SUMMARY}'!{total['補助款']}", report.amounts.subsidy),
            ("自籌款", f"='{self.SUMMARY}'!{total['自籌款']}", report.amounts.self_funding),
            ("新聘人才 100% 補助之加碼", f"=SUM({self._range('新聘人才加碼補助')})",
             report.uplift)]
        if self.split:
            figures += [
                ("工業局補助款", f"='{self.SUMMARY}'!{total['工業局補助款']}",
                 report.amounts.subsidy_moea),
                ("科技部補助款", f"='{self.SUMMARY}'!{total['科技部補助款']}",
                 report.amounts.subsidy_most)]
        outsourced = tuple(rs.items("outsourcing_categories"))
        sums = "+".join(f'SUMIFS({self._range("金額")},{self._range("科目代碼")},"{key}")'
                        for key in outsourced) or "0"
        figures.append(("無形資產引進費＋委託研究費", f"={sums}", report.category_total(outsourced)))
        for kind, name in (("company", "業者"), ("academic", "學界"), ("institute", "法人")):
            if report.units_of(kind):
                figures.append((f"{name}經費", (f'=SUMIFS({self._range("金額")},'
                                f'{self._range("單位類別")},"{KIND_NAMES[kind]}")'),
                                report.kind_amounts(kind).total))
        ctx = Context(self.proposal, report, rs)
        rd_pairs: list[tuple[str, str]] = []
        months = self.proposal.period.months
        refs: dict[str, str] = {}
        row = 6
        for label, formula, shown in figures:
            sheet.put(row, 1, label, text=True)
            refs[label] = sheet.put(row, 2, formula, shown=shown, fmt=MONEY)
            row += 1
        for company, yearly, mean in rd_figures(ctx):
            sheet.put(row, 1, f"{company.name} 年度計畫經費（× 12 ÷ {months} 個月）", text=True)
            yearly_ref = sheet.put(row, 2, f'=SUMIFS({self._range("金額")},'
                                   f'{self._range("單位代號")},{_quoted(company.id)})*12/{months}',
                                   shown=float(yearly), fmt="#,##0.0")
            sheet.put(row + 1, 1, f"{company.name} 近年平均研發費用", text=True)
            mean_ref = sheet.put(row + 1, 2, f"={mean.numerator}/{mean.denominator}",
                                 shown=float(mean), fmt="#,##0.0")
            if mean != 0:
                rd_pairs.append((yearly_ref, mean_ref))
            row += 2
        row += 1
        heads = ["檢核項目", "本計畫", "比較", "限制", "結果", "規則", "依據", "計算方式"]
        for col, text in enumerate(heads, start=1):
            sheet.put(row, col, text, header=True)
        row += 1
        parts = _cap_parts(refs, rd_pairs, self.split)
        seen: dict[str, int] = {}
        for entry, measure in self.limits:
            index = seen.get(entry.id, 0)
            seen[entry.id] = index + 1
            pair = parts.get(entry.id, [])
            self._cap_row(sheet, row, entry, measure, pair[index] if index < len(pair) else None)
            row += 1
        sheet.ws.freeze_panes = "A6"

    def _cap_row(self, sheet: Sheet, row: int, entry: RuleEntry, measure: Measure,
                 pair: tuple[str, str, str] | None) -> None:
        """Write one cap: the plan's figure (a formula on the amounts when known), the limit and
        whether it is met, compared as part × 100 against limit × whole (exact on integers)."""
        percent = measure.unit == PERCENT
        scale = 100 if percent else 1
        sheet.put(row, 1, measure.label.zh.rstrip("：:"), text=True)
        limit_ref = f"D{row}"
        sign = "≤" if measure.op == "<=" else "≥"
        if pair is not None:
            part, whole, how = pair
            figure = f"=IF({whole}=0,0,{part}*{scale}/{whole})"
            test = f"{part}*{scale}{measure.op}{limit_ref}*{whole}"
            result = f'=IF({test},"符合","不符")'
        else:  # a figure the workbook cannot derive: the proposal's, as tiip check computed it
            figure, result, how = (float(measure.exact) if measure.exact is not None
                                   else float(measure.figure),
                                   "符合" if measure.ok else "不符", "依計畫書數字（不隨本表重算）")
        sheet.put(row, 2, figure, shown=f"{measure.figure:.2f}%", fmt=EXACT_PCT if percent
                  else TIMES)
        sheet.put(row, 3, sign, align="center")
        whole = measure.limit == int(measure.limit)
        digits = "0" if whole else "0.0"
        sheet.put(row, 4, int(measure.limit) if whole else float(measure.limit),
                  fmt=f'{digits}"%"' if percent else f'{digits}" 倍"')
        sheet.put(row, 5, result, shown="不符", align="center", bold=True)
        sheet.put(row, 6, entry.id, text=True)
        sheet.put(row, 7, entry.citation, text=True)
        sheet.put(row, 8, how, text=True)


def _repeatable(data: bytes) -> bytes:
    """Return the .xlsx with fixed zip timestamps and document dates (openpyxl stamps the time
    of saving), so the same proposal always gives the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    fixed = [(name, CORE_DATES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
              if name == "docProps/core.xml" else body) for name, body in entries]
    return zip_bytes(fixed)


def _cap_parts(refs: dict[str, str], rd_pairs: Sequence[tuple[str, str]],
               split: bool) -> dict[str, list[tuple[str, str, str]]]:
    """Return, per budget rule id, each measure's (part, whole, description) in the order the
    rule yields them (tiip_writer/rules/budget_*.py), as formulas on the key-figure cells."""
    total, subsidy = refs["總經費"], refs["補助款"]
    base = f"({subsidy}-{refs['新聘人才 100% 補助之加碼']})"
    companies = refs.get("業者經費", "0")
    parts: dict[str, list[tuple[str, str, str]]] = {
        "budget.subsidy-cap": [(subsidy, total, "補助款 ÷ 總經費")],
        "budget.subsidy-floor-topic": [(subsidy, total, "補助款 ÷ 總經費")],
        "budget.subsidy-cap-non-topic": [(base, total, "（補助款 − 新聘人才加碼）÷ 總經費")],
        "budget.mid-size-bonus": [(base, total, "（補助款 − 新聘人才加碼）÷ 總經費")],
        "budget.self-funding-floor": [(refs["自籌款"], total, "自籌款 ÷ 總經費")],
        "budget.outsourcing-cap": [(refs["無形資產引進費＋委託研究費"], total,
                                    "（無形資產引進費＋委託研究費）÷ 總經費")],
        "budget.institute-split": [(companies, total, "業者經費 ÷ 總經費"),
                                   (subsidy, total, "補助款 ÷ 總經費"),
                                   (subsidy, total, "補助款 ÷ 總經費")],
        "budget.rd-commensurate": [(yearly, mean, "年度計畫經費 ÷ 近年平均研發費用")
                                   for yearly, mean in rd_pairs],
    }
    if split:
        parts["budget.academia-split"] = [
            (companies, total, "業者經費 ÷ 總經費"),
            (refs.get("學界經費", "0"), total, "學界經費 ÷ 總經費"),
            (refs["工業局補助款"], total, "工業局補助款 ÷ 總經費"),
            (refs["科技部補助款"], total, "科技部補助款 ÷ 總經費"),
            (subsidy, total, "補助款（政府補助合計）÷ 總經費")]
    return parts


def largest_remainder(value: str, weights: Sequence[str], index: int) -> str:
    """Return a formula for share `index` of `value` split by integer `weights` (cells) with the
    largest-remainder method, ties to the earlier share — money.apportion, in INT and MOD."""
    if len(weights) == 1:
        return value
    whole = f"({'+'.join(weights)})"

    def quota(w: str) -> str:
        return f"INT({value}*{w}/{whole})"

    def remainder(w: str) -> str:
        return f"MOD({value}*{w},{whole})"

    left = f"({value}-({'+'.join(quota(w) for w in weights)}))"
    mine = remainder(weights[index])
    ahead = [f"({remainder(w)}>{mine})" for j, w in enumerate(weights) if j != index]
    ahead += [f"({remainder(w)}={mine})" for w in weights[:index]]
    return f"{quota(weights[index])}+IF(({'+'.join(ahead)})<{left},1,0)"


def _quoted(text: str) -> str:
    """Return `text` as a formula string literal (quotes doubled), e.g. a SUMIFS criterion.
    A criterion is also read as a pattern (* ? ~) and a comparison (< > =): those are escaped
    with ~ or, for a leading comparison, matched with '='."""
    escaped = re.sub(r"([*?~])", r"~\1", text)
    if escaped[:1] in ("<", ">", "="):
        escaped = "=" + escaped
    return '"' + escaped.replace('"', '""') + '"'


def _single(group: Any) -> bool:
    """Return True for a group shown as one row (no subcategories)."""
    return len(group.rows) == 1 and group.rows[0].label == group.name


def _summary_shown(amounts: Any, split: bool) -> dict[str, int]:
    shown = {"補助款": amounts.subsidy, "自籌款": amounts.self_funding, "合計": amounts.total}
    if split:
        shown |= {"工業局補助款": amounts.subsidy_moea, "科技部補助款": amounts.subsidy_most}
    return shown


def _number(value: Any) -> int | float:
    """Return a Decimal input as an int when whole, else a float (a spreadsheet number)."""
    return int(value) if value == int(value) else float(value)


def _sheet_name(text: str) -> str:
    """Return `text` as a valid sheet name: no []:*?/\\ and at most 31 characters."""
    return BAD_SHEET_CHARS.sub("_", text)[:31]


def budget_workbook(report: BudgetReport, proposal: Proposal, rs: RuleSet, file: str,
                    limits: Iterable[tuple[RuleEntry, Measure]]) -> bytes:
    """Return the .xlsx bytes of the budget workbook (see the module docstring)."""
    return BudgetWorkbook(report, proposal, rs, file, list(limits)).build()
