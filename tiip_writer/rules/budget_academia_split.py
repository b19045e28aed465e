"""budget.academia-split: an industry+academia plan splits its budget as 產學共同提案經費編列方式
says — companies ≥ 70% of the total, schools ≤ 30%, MOEA subsidy ≤ 28%, MOST subsidy ≤ 12%,
government total ≤ 40% (all shares of the whole plan's total).

Reading: the MOEA (工業局) subsidy is the companies' subsidy; the MOST (科技部) subsidy is the
schools' subsidy (a school unit's subsidy_rate, else the plan rate). The budget engine makes this
split (Amounts.subsidy_moea / subsidy_most), so the rule, the budget tables and the workbook show
the same figures; each share is compared with its limit unrounded.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.budget.money import exact_percent, percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_limit
from tiip_writer.rules.base import PERCENT, Context, Measure, Rule, ratio
from tiip_writer.rules.facts import SUBSIDY_RATE, is_academia_plan
from tiip_writer.ruleset import RuleSet
from tiip_writer.source.positions import join_pointer


def measure(ctx: Context) -> Iterator[Measure]:
    """Return the five shares of an industry+academia plan against their limits."""
    if not is_academia_plan(ctx.proposal):
        return
    budget, num = ctx.budget, ctx.rs.num
    total = budget.total
    firms, schools = budget.kind_amounts("company"), budget.kind_amounts("academic")
    units = ctx.proposal.budget.units
    company_ptr = next((units[u.id].ptr for u in budget.units_of("company")), SUBSIDY_RATE)
    school = next(iter(budget.units_of("academic")), None)
    school_ptr = units[school.id].ptr if school else SUBSIDY_RATE
    school_rate = join_pointer(school_ptr, "subsidy_rate") if school and \
        units[school.id].subsidy_rate is not None else SUBSIDY_RATE

    def share(zh: str, en: str, part: int, op: str, limit: str, pointer: str) -> Measure:
        return Measure(Text(zh, en), percent(part, total), op, num(limit), PERCENT, pointer,
                       ratio(part, total), at_key=pointer in (company_ptr, school_ptr),
                       exact=exact_percent(part, total))

    yield share("業者經費占總經費", "the companies' budget as a share of the total:",
                firms.total, ">=", "academia_company_min", company_ptr)
    yield share("學界經費占總經費", "the schools' budget as a share of the total:",
                schools.total, "<=", "academia_school_max", school_ptr)
    yield share("工業局補助款（業者）占總經費", "MOEA subsidy (companies) as a share of the total:",
                budget.amounts.subsidy_moea, "<=", "academia_moea_max", SUBSIDY_RATE)
    yield share("科技部補助款（學界）占總經費", "MOST subsidy (schools) as a share of the total:",
                budget.amounts.subsidy_most, "<=", "academia_most_max", school_rate)
    yield share("政府補助合計占總經費", "government subsidy as a share of the total:",
                budget.amounts.subsidy, "<=", "academia_government_max", SUBSIDY_RATE)


def _threshold(rs: RuleSet) -> Text:
    v = {k: fmt_limit(rs.num(f"academia_{k}")) for k in
         ("company_min", "school_max", "moea_max", "most_max", "government_max")}
    return Text(f"業者 ≥ {v['company_min']}%、學界 ≤ {v['school_max']}%、工業局補助 ≤ "
                f"{v['moea_max']}%、科技部補助 ≤ {v['most_max']}%、政府補助 ≤ {v['government_max']}%",
                f"companies ≥ {v['company_min']}%, schools ≤ {v['school_max']}%, MOEA ≤ "
                f"{v['moea_max']}%, MOST ≤ {v['most_max']}%, government ≤ {v['government_max']}%")


RULE = Rule(
    id="budget.academia-split",
    title=Text("產學共同提案經費分配", "the budget split of an industry+academia plan"),
    measure=measure, threshold=_threshold)
