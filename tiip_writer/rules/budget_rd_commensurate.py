"""budget.rd-commensurate: the plan's yearly budget is commensurate with the company's last three
years of R&D spending (計畫申請注意事項-1 (4)：計畫經費應與公司最近3年相關研究發展經費相當).

Reading: per applicant company, yearly budget = its budget total × 12 ÷ plan months; it is
compared with the mean rd_expense of its `rd_commensurate_years` most recent years; above
`rd_commensurate_multiple` times is a warning. The briefing's alternative (a reasonable share
of revenue) has no figure, so revenue is not used.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from tiip_writer.budget.money import tenths
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.model.proposal import Company
from tiip_writer.rules.base import TIMES, Context, Finding, Measure, Rule, limit_text
from tiip_writer.rules.facts import companies
from tiip_writer.source.positions import join_pointer


def figures(ctx: Context) -> Iterator[tuple[Company, Fraction, Fraction]]:
    """Return (company, yearly budget, mean R&D spending) for each budgeted company."""
    firms = companies(ctx.proposal)
    years = int(ctx.rs.num("rd_commensurate_years"))
    for unit in ctx.budget.units_of("company"):
        company = firms[unit.id]
        recent = sorted(company.operations, key=lambda o: o.year, reverse=True)[:years]
        if not recent:
            continue
        yearly = Fraction(unit.table.amounts.total * 12, ctx.proposal.period.months)
        mean = sum((Fraction(o.rd_expense) for o in recent), Fraction(0)) / len(recent)
        yield company, yearly, mean


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for a company that reports no R&D spending at all."""
    for company, yearly, mean in figures(ctx):
        if mean == 0 and yearly > 0:
            yield Finding(
                join_pointer(company.ptr, "operations"),
                Text(f"{company.name} 近年研發費用為 0，年度計畫經費 {fmt_num(tenths(yearly))} 千元"
                     "無從與研發經費比較",
                     f"{company.name} reports no R&D spending, so its yearly plan budget of "
                     f"{fmt_num(tenths(yearly))} thousand NT$ cannot be compared with it"),
                at_key=True)


def measure(ctx: Context) -> Iterator[Measure]:
    """Return each company's yearly budget ÷ mean R&D spending against the multiple."""
    for company, yearly, mean in figures(ctx):
        if mean == 0:
            continue
        yield Measure(
            Text(f"{company.name} 年度計畫經費為近年平均研發費用的",
                 f"{company.name}'s yearly plan budget relative to its recent mean R&D spending:"),
            tenths(yearly / mean), "<=", ctx.rs.num("rd_commensurate_multiple"), TIMES,
            join_pointer(company.ptr, "operations"),
            Text(f"（{fmt_num(tenths(yearly))} ÷ {fmt_num(tenths(mean))} 千元）",
                 f" ({fmt_num(tenths(yearly))} ÷ {fmt_num(tenths(mean))} thousand NT$)"),
            Text("計畫經費應與公司最近三年研發經費相當；請說明資金來源，或縮小計畫規模",
                 "the plan should match the company's recent R&D spending; explain the funding "
                 "or reduce the plan"), at_key=True, exact=yearly / mean)


RULE = Rule(
    id="budget.rd-commensurate",
    title=Text("計畫經費與近三年研發經費相當",
               "the yearly budget is commensurate with recent R&D spending"),
    check=check, measure=measure, threshold=limit_text("<=", "rd_commensurate_multiple", TIMES))
