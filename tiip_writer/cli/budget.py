"""`tiip budget FILE`: the budget as a reader checks it — 經費需求總表, plan years, units, limits.

Exit 0 when the budget could be computed (even if rules find problems: `tiip check` reports
those), 1 when findings stop the computation, 2 when the file cannot be read or `-o` names no
writable .xlsx. With `-o 經費.xlsx` the budget is written as a workbook
(tiip_writer/report/budget_workbook.py) instead of printed.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from tiip_writer.budget import Amounts, BudgetReport, Table
from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    check_or_exit,
    color_option,
    colour_wanted,
    echo_err,
    format_diagnostic,
    lang_option,
)
from tiip_writer.cli.textable import render
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.fileio import failure_reason, write_atomic
from tiip_writer.foundation.numbers import fmt_num, fmt_pct
from tiip_writer.foundation.output_guard import output_problem
from tiip_writer.report.budget_json import budget_json
from tiip_writer.report.grouping import grouped
from tiip_writer.rules import Context, Measure, measures
from tiip_writer.ruleset import RuleEntry

T = {
    "summary": Text("經費需求總表（新台幣千元）", "Budget summary (NT$ thousand)"),
    "category": Text("會計科目", "Category"), "subsidy": Text("補助款", "Subsidy"),
    "self": Text("自籌款", "Self-funding"), "total": Text("合計", "Total"),
    "moea": Text("工業局補助", "MOEA subsidy"), "most": Text("科技部補助", "MOST subsidy"),
    "share": Text("占總經費%", "Share %"), "pct": Text("百分比", "Share"),
    "pm": Text("人月數", "Person-months"), "years": Text("各年度經費（新台幣千元）",
                                                        "Budget by plan year (NT$ thousand)"),
    "units": Text("各單位經費（新台幣千元）", "Budget by unit (NT$ thousand)"),
    "unit": Text("單位", "Unit"), "kind": Text("類別", "Kind"),
    "limits": Text("經費上限檢核", "Budget limits"), "check": Text("項目", "Check"),
    "figure": Text("本計畫", "This plan"), "limit": Text("限制", "Limit"),
    "ok": Text("結果", "Result"), "rule": Text("規則", "Rule"),
    "blocked": Text("無法計算經費，請先修正上列問題。", "cannot compute the budget; fix the problems above."),
    "other": Text("另有 {n} 個檢核問題；執行 tiip check 查看。",
                  "{n} other finding(s); run tiip check to see them."),
    "not-xlsx": Text("-o 只接受 Excel 檔（.xlsx），例如 -o 經費.xlsx；收到：{path}。"
                     "文字與 JSON 請用 --format 輸出到螢幕。",
                     "-o takes an Excel file (.xlsx), e.g. -o budget.xlsx; got: {path}. "
                     "Text and JSON go to standard output with --format."),
    "written": Text("已產生 {path}", "wrote {path}"),
    "write-failed": Text("無法寫入 {path}：{reason}", "cannot write {path}: {reason}"),
}
KINDS = {"company": Text("公司", "company"), "academic": Text("學界", "academic"),
         "institute": Text("法人", "institute"), "unknown": Text("未知", "unknown")}


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="輸出格式；json 的結構見 docs/json-format.md。Output format.")
@click.option("-o", "--output", "workbook", type=click.Path(path_type=Path),
              help="改為寫出 Excel 經費表（.xlsx，合計、比率與上限檢核為公式），不在螢幕列出。"
                   "Write the budget as an Excel workbook (.xlsx) with live formulas instead.")
@color_option
@lang_option
def budget(file: Path, output: str, workbook: Path | None, color: bool | None,
           lang: str) -> None:
    """列出計畫書 FILE 的經費需求總表、各年度與各單位經費，以及各項上限檢核。"""
    if workbook is not None:
        _check_workbook_target(workbook, file, lang)
    result = check_or_exit(file, lang)
    if result.budget is None or result.ruleset is None or result.proposal is None:
        colour = colour_wanted(color, err=True)
        for diagnostic in grouped(result.diagnostics):
            click.echo(format_diagnostic(diagnostic, lang, colour), err=True, color=colour)
        echo_err(T["blocked"].get(lang))
        raise SystemExit(EXIT_FINDINGS)
    limits = measures(Context(result.proposal, result.budget, result.ruleset), prefix="budget.")
    if workbook is not None:
        from tiip_writer.report.budget_workbook import budget_workbook  # openpyxl: only here

        data = budget_workbook(result.budget, result.proposal, result.ruleset, file.name, limits)
        try:
            write_atomic(workbook, data)
        except OSError as exc:
            echo_err(T["write-failed"].get(lang).format(path=workbook,
                                                        reason=failure_reason(exc, lang)))
            raise SystemExit(EXIT_INPUT) from None
        echo_err(T["written"].get(lang).format(path=workbook))
        if result.diagnostics:
            echo_err(T["other"].get(lang).format(n=len(result.diagnostics)))
        raise SystemExit(EXIT_CLEAN)
    if output == "json":
        data = budget_json(result.budget, result.proposal, result.ruleset, str(file), limits)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(budget_text(result.budget, limits, lang)))
    if result.diagnostics:
        echo_err(T["other"].get(lang).format(n=len(result.diagnostics)))
    raise SystemExit(EXIT_CLEAN)


def _check_workbook_target(target: Path, file: Path, lang: str) -> None:
    """Exit 2 before any work when `-o` is not an .xlsx or would overwrite something."""
    if target.suffix.lower() != ".xlsx":
        echo_err(T["not-xlsx"].get(lang).format(path=target))
        raise SystemExit(EXIT_INPUT)
    refused = output_problem(target, [file])
    if refused is not None:
        echo_err(refused.get(lang))
        raise SystemExit(EXIT_INPUT)


def budget_text(report: BudgetReport, limits: list[tuple[RuleEntry, Measure]],
                lang: str) -> list[str]:
    """Return the terminal report: summary table, plan years, units (if several), limits."""
    split = report.academia
    out = [T["summary"].get(lang), *summary_table(report.table, lang, split),
           f"{T['pm'].get(lang)}：{fmt_num(report.person_months)}" if lang == "zh" else
           f"{T['pm'].get(lang)}: {fmt_num(report.person_months)}", "",
           T["years"].get(lang), *years_table(report, lang)]
    if len(report.units) > 1:
        out += ["", T["units"].get(lang), *units_table(report, lang)]
        for unit in report.units:
            out += ["", f"{unit.id} {unit.name}", *summary_table(unit.table, lang, split)]
    if limits:
        out += ["", T["limits"].get(lang), *limits_table(limits, lang)]
    return out


def _name(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


def summary_table(table: Table, lang: str, split: bool = False) -> list[str]:
    """Return a 經費需求總表: groups with their rows, the total and the subsidy/self shares;
    with `split` (an industry+academia plan) the subsidy also by 工業局 and 科技部."""
    keys = ("category", *(("moea", "most") if split else ()), "subsidy", "self", "total", "share")
    rows = [[T[k].get(lang) for k in keys]]

    def funders(a: Amounts) -> list[str]:
        return [fmt_num(a.subsidy_moea), fmt_num(a.subsidy_most)] if split else []

    for group in table.groups:
        a = group.amounts
        rows.append([_name(group.name, group.name_en, lang), *funders(a), fmt_num(a.subsidy),
                     fmt_num(a.self_funding), fmt_num(a.total), f"{group.share:.1f}"])
        if len(group.rows) > 1:
            for row in group.rows:
                r = row.amounts
                rows.append([f"  {_name(row.label, row.label_en, lang)}", *funders(r),
                             fmt_num(r.subsidy), fmt_num(r.self_funding), fmt_num(r.total),
                             f"{row.share:.1f}"])
    a = table.amounts
    rows.append([T["total"].get(lang), *funders(a), fmt_num(a.subsidy), fmt_num(a.self_funding),
                 fmt_num(a.total), "100.0" if a.total else "0.0"])
    shares = [fmt_pct(a.subsidy_moea_pct), fmt_pct(a.subsidy_most_pct)] if split else []
    rows.append([T["pct"].get(lang), *shares, fmt_pct(a.subsidy_pct), fmt_pct(a.self_funding_pct),
                 "100.0%" if a.total else "0.0%", ""])
    return render(rows, [False] + [True] * (len(keys) - 1))


def years_table(report: BudgetReport, lang: str) -> list[str]:
    """Return groups × plan years (totals), with the subsidy and self-funding of each year."""
    heads = [(f"第{y.number}年 {y.start.year - 1911}/{y.start.month:02d}–"
              f"{y.end.year - 1911}/{y.end.month:02d}") if lang == "zh" else
             f"Y{y.number} {y.start:%Y-%m}–{y.end:%Y-%m}" for y in report.years]
    rows = [[T["category"].get(lang), *heads, T["total"].get(lang)]]
    for i, group in enumerate(report.table.groups):
        cells = [fmt_num(y.table.groups[i].amounts.total) for y in report.years]
        rows.append([_name(group.name, group.name_en, lang), *cells,
                     fmt_num(group.amounts.total)])
    for key, pick in (("total", lambda a: a.total), ("subsidy", lambda a: a.subsidy),
                      ("self", lambda a: a.self_funding)):
        rows.append([T[key].get(lang), *(fmt_num(pick(y.table.amounts)) for y in report.years),
                     fmt_num(pick(report.amounts))])
    return render(rows, [False] + [True] * (len(report.years) + 1))


def units_table(report: BudgetReport, lang: str) -> list[str]:
    """Return one row per unit: kind, subsidy (by funder in an industry+academia plan),
    self-funding, total and share of the plan."""
    split = report.academia
    keys = ("unit", "kind", *(("moea", "most") if split else ()), "subsidy", "self", "total",
            "share")
    rows = [[T[k].get(lang) for k in keys]]
    for unit in report.units:
        a = unit.table.amounts
        funders = [fmt_num(a.subsidy_moea), fmt_num(a.subsidy_most)] if split else []
        rows.append([f"{unit.id} {unit.name}", KINDS[unit.kind].get(lang), *funders,
                     fmt_num(a.subsidy), fmt_num(a.self_funding), fmt_num(a.total),
                     f"{unit.share:.1f}"])
    return render(rows, [False, False] + [True] * (len(keys) - 2))


def limits_table(limits: list[tuple[RuleEntry, Measure]], lang: str) -> list[str]:
    """Return each budget limit with the plan's figure beside it and whether it passes."""
    rows = [[T[k].get(lang) for k in ("check", "figure", "limit", "ok", "rule")]]
    for entry, m in limits:
        rows.append([m.label.get(lang).rstrip(":"), m.figure_text(lang), m.limit_text(lang),
                     "—" if m.blank else "✓" if m.ok else "✗", entry.id])
    return render(rows, [False, True, False, False, False])
