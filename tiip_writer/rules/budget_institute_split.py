"""budget.institute-split: an industry+institute plan follows 產研共同提案經費編列方式 —
companies budget ≥ 50% of the total; the institute budgets self-funding only (paid by the lead
company); government subsidy is 40%–50% of the total.

Reading: "self-funding only, paid by the lead company" is checked as "every institute line has
0 subsidy"; who pays is a matter of the cooperation contract, not of the budget figures.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.budget.money import exact_percent, percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_limit, fmt_num
from tiip_writer.rules.base import PERCENT, Context, Finding, Measure, Rule, ratio
from tiip_writer.rules.facts import SUBSIDY_RATE, is_institute_plan
from tiip_writer.ruleset import RuleSet


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each rate that gives an institute line any subsidy."""
    institutes = {u.id for u in ctx.budget.units_of("institute")}
    subsidised: dict[str, int] = {}
    for line in ctx.budget.lines:
        if line.unit in institutes and line.amounts.subsidy:
            subsidised[line.rate_ptr] = subsidised.get(line.rate_ptr, 0) + line.amounts.subsidy
    for pointer, amount in subsidised.items():
        yield Finding(
            pointer,
            Text(f"法人經費僅能編列自籌款，但此補助比率使法人經費含補助款 {fmt_num(amount)} 千元",
                 f"an institute budgets self-funding only, but this rate gives it "
                 f"{fmt_num(amount)} thousand NT$ of subsidy"),
            Text("法人單位的 subsidy_rate 應為 0（自籌款由主導業者出資）",
                 "set the institute's subsidy_rate to 0 (the lead company pays its share)"))


def measure(ctx: Context) -> Iterator[Measure]:
    """Return the companies' share and the subsidy share against the 產研 limits."""
    if not is_institute_plan(ctx.proposal):
        return
    budget, num = ctx.budget, ctx.rs.num
    total, firms, subsidy = budget.total, budget.kind_amounts("company"), budget.amounts.subsidy
    units = ctx.proposal.budget.units
    company_ptr = next((units[u.id].ptr for u in budget.units_of("company")), SUBSIDY_RATE)
    of_total = ratio(subsidy, total)
    yield Measure(Text("業者經費占總經費", "the companies' budget as a share of the total:"),
                  percent(firms.total, total), ">=", num("institute_company_min"), PERCENT,
                  company_ptr, ratio(firms.total, total), at_key=company_ptr != SUBSIDY_RATE,
                  exact=exact_percent(firms.total, total))
    label = Text("產研計畫補助款占總經費", "subsidy of an industry+institute plan as a share of "
                 "the total:")
    pct = budget.amounts.subsidy_pct
    exact = exact_percent(subsidy, total)
    yield Measure(label, pct, ">=", num("institute_subsidy_min"), PERCENT, SUBSIDY_RATE, of_total,
                  exact=exact)
    yield Measure(label, pct, "<=", num("institute_subsidy_max"), PERCENT, SUBSIDY_RATE, of_total,
                  exact=exact)


def _threshold(rs: RuleSet) -> Text:
    company, low, high = (fmt_limit(rs.num(k)) for k in (
        "institute_company_min", "institute_subsidy_min", "institute_subsidy_max"))
    return Text(f"業者 ≥ {company}%、法人僅自籌、補助 {low}%–{high}%",
                f"companies ≥ {company}%, institute self-funded only, subsidy {low}%–{high}%")


RULE = Rule(
    id="budget.institute-split",
    title=Text("產研共同提案經費分配", "the budget split of an industry+institute plan"),
    check=check, measure=measure, threshold=_threshold)
