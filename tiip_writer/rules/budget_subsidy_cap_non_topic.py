"""budget.subsidy-cap-non-topic: a plan that is not Top-down gets at most 40% subsidy
(配套措施 2：非符合主題性項目者，補助比率不超過40%為上限).

Readings (documented choices):
- New master/PhD hires (配套措施 3) and an SME's new international hires (配套措施 4) may be
  subsidised at 100% while 「總補助比例仍不超過50%」: their pay lifts the total above 40% by
  design. So the ratio compared here leaves out that uplift — each such line counts at its
  unit's default rate; the 50% ceiling on the full subsidy is budget.subsidy-cap.
- An industry+institute plan has its own band (產研：補助 40%–50%), checked by
  budget.institute-split instead.
- A valid 中堅企業 bonus raises this cap; budget.mid-size-bonus then checks the raised limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.budget.money import exact_percent
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_limit, fmt_num
from tiip_writer.rules.base import PERCENT, Context, Measure, Rule, limit_text, ratio
from tiip_writer.rules.facts import SUBSIDY_RATE, bonus_applies, is_institute_plan


def measure(ctx: Context) -> Iterator[Measure]:
    """Return subsidy (without the 100%-hire uplift) ÷ total against the non-topic cap."""
    proposal = ctx.proposal
    if proposal.is_topdown or is_institute_plan(proposal) or bonus_applies(proposal):
        return
    budget = ctx.budget
    uplift = budget.uplift
    base = budget.amounts.subsidy - uplift
    if uplift:
        label = Text(f"補助款（不含新聘人才 100% 補助之加碼 {fmt_num(uplift)} 千元）占總經費",
                     f"subsidy without the {fmt_num(uplift)} thousand NT$ uplift of 100% new "
                     "hires, as a share of the total budget:")
    else:
        label = Text("補助款占總經費", "subsidy as a share of the total budget:")
    cap = ctx.rs.num("subsidy_cap_non_topic")
    yield Measure(
        label, budget.base_subsidy_pct, "<=", cap, PERCENT, SUBSIDY_RATE,
        ratio(base, budget.total),
        Text(f"非主題式計畫補助比率以 {fmt_limit(cap)}% 為上限；請調低 budget.subsidy_rate",
             f"plans that are not Top-down are subsidised at most {fmt_limit(cap)}%; lower "
             "budget.subsidy_rate"),
        exact=exact_percent(base, budget.total))


RULE = Rule(
    id="budget.subsidy-cap-non-topic",
    title=Text("非主題式計畫補助比率上限", "maximum subsidy share of a plan that is not Top-down"),
    measure=measure, threshold=limit_text("<=", "subsidy_cap_non_topic", PERCENT))
