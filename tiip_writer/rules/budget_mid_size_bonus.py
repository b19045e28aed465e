"""budget.mid-size-bonus: the 中堅企業 bonus is claimed only by a listed 中堅企業 applicant, and
the subsidy with the bonus stays within 50% of the total (配套措施 1；計畫預算科目).

Reading: 「加碼20%」 is taken as +20 percentage points on the 40% cap by default (rule-set
`mid_size_bonus_mode: points`); `multiplier` reads it as the subsidy × 1.2 (40% → 48%). Either
way the raised cap is at most `subsidy_cap` (50%). The budget's rates are the ones applied —
the tool never adds the bonus itself. As in budget.subsidy-cap-non-topic, the ratio leaves out
the uplift of 100%-subsidised new hires.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tiip_writer.budget.money import exact_percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_limit
from tiip_writer.rules.base import PERCENT, Context, Finding, Measure, Rule, ratio
from tiip_writer.rules.facts import bonus_applies
from tiip_writer.ruleset import RuleSet
from tiip_writer.source.positions import join_pointer


def bonus_cap(rs: RuleSet) -> Decimal:
    """Return the subsidy cap (%) with the bonus: 40 + 20 or 40 × 1.2, at most the 50% cap."""
    base, bonus = rs.num("subsidy_cap_non_topic"), rs.num("mid_size_bonus")
    raised = base * (1 + bonus / 100) if rs.setting("mid_size_bonus_mode") == "multiplier" \
        else base + bonus
    return min(raised, rs.num("subsidy_cap"))


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the bonus is claimed without a 中堅企業 applicant."""
    budget = ctx.proposal.budget
    if budget.mid_size_bonus and not bonus_applies(ctx.proposal):
        yield Finding(
            join_pointer(budget.ptr, "mid_size_bonus"),
            Text("申請中堅企業加碼，但申請公司皆未列為中堅企業重點輔導對象（mid_size）",
                 "the 中堅企業 bonus is claimed, but no applicant company is a listed 中堅企業 "
                 "(mid_size)"),
            Text("只有中堅企業重點輔導對象可加碼；請移除 mid_size_bonus 或確認公司資格",
                 "only listed 中堅企業 may claim the bonus; remove mid_size_bonus or check the "
                 "company's status"))


def measure(ctx: Context) -> Iterator[Measure]:
    """Return the subsidy (without 100%-hire uplift) ÷ total against the bonus cap."""
    if not bonus_applies(ctx.proposal):
        return
    budget = ctx.budget
    base = budget.amounts.subsidy - budget.uplift
    yield Measure(
        Text("補助款（含中堅企業加碼）占總經費", "subsidy with the 中堅企業 bonus as a share of the "
             "total budget:"), budget.base_subsidy_pct, "<=", bonus_cap(ctx.rs), PERCENT,
        join_pointer(ctx.proposal.budget.ptr, "subsidy_rate"),
        ratio(base, budget.total), exact=exact_percent(base, budget.total))


def _threshold(rs: RuleSet) -> Text:
    bonus, cap = fmt_limit(rs.num("mid_size_bonus")), fmt_limit(rs.num("subsidy_cap"))
    if rs.setting("mid_size_bonus_mode") == "multiplier":
        return Text(f"補助款 ×(1+{bonus}%)，上限 {cap}%", f"subsidy × (1+{bonus}%), at most {cap}%")
    return Text(f"+{bonus} 個百分點，上限 {cap}%", f"+{bonus} points, at most {cap}%")


RULE = Rule(
    id="budget.mid-size-bonus",
    title=Text("中堅企業加碼資格與上限", "the 中堅企業 bonus: who may claim it, and its cap"),
    check=check, measure=measure, threshold=_threshold)
