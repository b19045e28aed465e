"""budget.eligible-category: every line belongs to a budget category (會計科目) of the year's
set (計畫預算科目; rule set: `categories`). The schema knows every category any year allows;
this rule drops those a given year does not."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.ruleset import RuleSet
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each unit's category that has lines but is not eligible this year."""
    eligible = "、".join(dict.fromkeys(c.group for c in ctx.rs.categories))
    seen: set[tuple[str, str]] = set()
    for line in ctx.budget.lines:
        if ctx.rs.category(line.category) or (line.unit, line.category) in seen:
            continue
        seen.add((line.unit, line.category))
        yield Finding(
            join_pointer(ctx.proposal.budget.units[line.unit].ptr, line.category),
            Text(f"{ctx.rs.year} 年度不能編列「{line.category}」科目",
                 f"the category '{line.category}' is not eligible in {ctx.rs.year}"),
            Text(f"可編列的會計科目：{eligible}", f"eligible categories: {eligible}"),
            at_key=True)


def _threshold(rs: RuleSet) -> Text:
    groups = "、".join(dict.fromkeys(c.group for c in rs.categories))
    return Text(groups, groups)


RULE = Rule(
    id="budget.eligible-category",
    title=Text("經費科目須為年度可編列之會計科目", "every line is in an eligible budget category"),
    check=check, threshold=_threshold)
