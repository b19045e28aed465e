"""scope.emerging-item: a 新興育成 plan names an item of that year's announced list
(推動項目彙總表; rule set: `emerging_items`, each an area with its items)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.ruleset import RuleSet
from tiip_writer.source.positions import join_pointer

PLAN_TYPE = "新興育成"


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when a 新興育成 plan names no item, or one not on the year's list."""
    programme = ctx.proposal.programme
    if programme.plan_type != PLAN_TYPE:
        return
    areas = {a["area"]: list(a["items"]) for a in ctx.rs.items("emerging_items")}
    chosen = programme.emerging_item
    year = ctx.rs.year
    if chosen is None:
        yield Finding(
            join_pointer(programme.ptr, "emerging_item"),
            Text(f"新興育成計畫須對應 {year} 年公告的推動項目，但未填 emerging_item",
                 f"a 新興育成 plan must name an item announced for {year}, but emerging_item is "
                 "missing"),
            Text(f"重點項目：{'、'.join(areas)}", f"areas: {', '.join(areas)}"), at_key=True)
    elif chosen.area not in areas:
        yield Finding(
            join_pointer(chosen.ptr, "area"),
            Text(f"「{chosen.area}」不是 {year} 年公告的新興育成重點項目",
                 f"'{chosen.area}' is not an emerging-industry area announced for {year}"),
            Text(f"重點項目：{'、'.join(areas)}", f"areas: {', '.join(areas)}"))
    elif chosen.item not in areas[chosen.area]:
        items = areas[chosen.area]
        yield Finding(
            join_pointer(chosen.ptr, "item"),
            Text(f"「{chosen.item}」不是重點項目「{chosen.area}」公告的項目內容",
                 f"'{chosen.item}' is not an item announced under '{chosen.area}'"),
            Text(f"「{chosen.area}」的項目：{'、'.join(items)}",
                 f"items of '{chosen.area}': {', '.join(items)}"))


def _threshold(rs: RuleSet) -> Text:
    count = len(rs.items("emerging_items"))
    return Text(f"{rs.year} 年推動項目彙總表（{count} 個重點項目）",
                f"the {rs.year} list of announced items ({count} areas)")


RULE = Rule(
    id="scope.emerging-item",
    title=Text("新興育成計畫對應年度公告之推動項目",
               "a 新興育成 plan names an announced emerging-industry item"),
    check=check, threshold=_threshold)
