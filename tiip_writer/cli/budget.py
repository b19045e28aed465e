"""`tiip budget FILE`: the budget as a reader checks it — 經費需求總表, plan years, units, limits.

Exit 0 when the budget could be computed (even if rules find problems: `tiip check` reports
those), 1 when findings stop the computation, 2 when the file cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from tiip_writer.budget import BudgetReport, Table
from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    check_or_exit,
    echo_err,
    format_diagnostic,
    lang_option,
)
from tiip_writer.cli.textable import render
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num, fmt_pct
from tiip_writer.report.budget_json import budget_json
from tiip_writer.rules import Context, Measure, measures
from tiip_writer.ruleset import RuleEntry

T = {
    "summary": Text("經費需求總表（新台幣千元）", "Budget summary (NT$ thousand)"),
    "category": Text("會計科目", "Category"), "subsidy": Text("補助款", "Subsidy"),
    "self": Text("自籌款", "Self-funding"), "total": Text("合計", "Total"),
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
}
KINDS = {"company": Text("公司", "company"), "academic": Text("學界", "academic"),
         "institute": Text("法人", "institute"), "unknown": Text("未知", "unknown")}


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="輸出格式；json 的結構見 docs/json-format.md。Output format.")
@lang_option
def budget(file: Path, output: str, lang: str) -> None:
    """列出計畫書 FILE 的經費需求總表、各年度與各單位經費，以及各項上限檢核。"""
    result = check_or_exit(file, lang)
    if result.budget is None or result.ruleset is None or result.proposal is None:
        for diagnostic in result.diagnostics:
            echo_err(format_diagnostic(diagnostic, lang))
        echo_err(T["blocked"].get(lang))
        raise SystemExit(EXIT_FINDINGS)
    limits = measures(Context(result.proposal, result.budget, result.ruleset), prefix="budget.")
    if output == "json":
        data = budget_json(result.budget, result.proposal, result.ruleset, str(file), limits)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(budget_text(result.budget, limits, lang)))
    if result.diagnostics:
        echo_err(T["other"].get(lang).format(n=len(result.diagnostics)))
    raise SystemExit(EXIT_CLEAN)


def budget_text(report: BudgetReport, limits: list[tuple[RuleEntry, Measure]],
                lang: str) -> list[str]:
    """Return the terminal report: summary table, plan years, units (if several), limits."""
    out = [T["summary"].get(lang), *summary_table(report.table, lang),
           f"{T['pm'].get(lang)}：{fmt_num(report.person_months)}" if lang == "zh" else
           f"{T['pm'].get(lang)}: {fmt_num(report.person_months)}", "",
           T["years"].get(lang), *years_table(report, lang)]
    if len(report.units) > 1:
        out += ["", T["units"].get(lang), *units_table(report, lang)]
        for unit in report.units:
            out += ["", f"{unit.id} {unit.name}", *summary_table(unit.table, lang)]
    if limits:
        out += ["", T["limits"].get(lang), *limits_table(limits, lang)]
    return out


def _name(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


def summary_table(table: Table, lang: str) -> list[str]:
    """Return a 經費需求總表: groups with their rows, the total and the subsidy/self shares."""
    rows = [[T[k].get(lang) for k in ("category", "subsidy", "self", "total", "share")]]
    for group in table.groups:
        a = group.amounts
        rows.append([_name(group.name, group.name_en, lang), fmt_num(a.subsidy),
                     fmt_num(a.self_funding), fmt_num(a.total), f"{group.share:.1f}"])
        if len(group.rows) > 1:
            for row in group.rows:
                r = row.amounts
                rows.append([f"  {_name(row.label, row.label_en, lang)}", fmt_num(r.subsidy),
                             fmt_num(r.self_funding), fmt_num(r.total), f"{row.share:.1f}"])
    a = table.amounts
    rows.append([T["total"].get(lang), fmt_num(a.subsidy), fmt_num(a.self_funding),
                 fmt_num(a.total), "100.0" if a.total else "0.0"])
    rows.append([T["pct"].get(lang), fmt_pct(a.subsidy_pct), fmt_pct(a.self_funding_pct),
                 "100.0%" if a.total else "0.0%", ""])
    return render(rows, [False, True, True, True, True])


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
    """Return one row per unit: kind, subsidy, self-funding, total and share of the plan."""
    rows = [[T[k].get(lang) for k in ("unit", "kind", "subsidy", "self", "total", "share")]]
    for unit in report.units:
        a = unit.table.amounts
        rows.append([f"{unit.id} {unit.name}", KINDS[unit.kind].get(lang), fmt_num(a.subsidy),
                     fmt_num(a.self_funding), fmt_num(a.total), f"{unit.share:.1f}"])
    return render(rows, [False, False, True, True, True, True])


def limits_table(limits: list[tuple[RuleEntry, Measure]], lang: str) -> list[str]:
    """Return each budget limit with the plan's figure beside it and whether it passes."""
    rows = [[T[k].get(lang) for k in ("check", "figure", "limit", "ok", "rule")]]
    for entry, m in limits:
        rows.append([m.label.get(lang).rstrip(":"), m.figure_text(lang), m.limit_text(lang),
                     "—" if m.blank else "✓" if m.ok else "✗", entry.id])
    return render(rows, [False, True, False, False, False])
