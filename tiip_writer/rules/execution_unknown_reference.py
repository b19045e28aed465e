"""execution.unknown-reference: every code a value refers to exists — work items (effort,
checkpoints, budget lines), people (checkpoint staff, personnel lines) and units (people,
budget units, executors)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer

KINDS = {"item": ("工作項目", "work item"), "person": ("人員", "person"),
         "unit": ("申請單位", "applicant unit")}


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each reference to a code that does not exist."""
    known = {"item": [i.code for i in ctx.proposal.work_items],
             "person": [p.id for p in ctx.proposal.team],
             "unit": [c.id for c in ctx.proposal.applicants.companies]
             + [p.id for p in ctx.proposal.applicants.partners]}
    members = {kind: set(codes) for kind, codes in known.items()}  # lookups in O(1)
    for kind, code, pointer, at_key in _references(ctx):
        if code not in members[kind]:
            yield _finding(kind, code, pointer, known[kind], at_key)


def _references(ctx: Context) -> Iterable[tuple[str, str, str, bool]]:
    """Return (kind, code, pointer, at_key) for every reference in the proposal."""
    p = ctx.proposal
    for person in p.team:
        yield "unit", person.unit, join_pointer(person.ptr, "unit"), False
        for code in person.effort:
            yield "item", code, join_pointer(join_pointer(person.ptr, "effort"), code), True
    for cp in p.checkpoints:
        yield "item", cp.work_item, join_pointer(cp.ptr, "work_item"), False
        for i, pid in enumerate(cp.responsible):
            yield "person", pid, join_pointer(join_pointer(cp.ptr, "responsible"), i), False
    for sub in p.work:
        if sub.executor:
            yield "unit", sub.executor, join_pointer(sub.ptr, "executor"), False
        for item in sub.items:
            if item.executor:
                yield "unit", item.executor, join_pointer(item.ptr, "executor"), False
    for unit_id, unit in p.budget.units.items():
        yield "unit", unit_id, unit.ptr, True
    for line in ctx.budget.lines:
        if line.category == "personnel":
            yield "person", line.source.person, join_pointer(line.ptr, "person"), False
        if line.work_item:
            yield "item", line.work_item, join_pointer(line.ptr, "work_item"), False


def _finding(kind: str, code: str, pointer: str, known: list[str], at_key: bool) -> Finding:
    zh, en = KINDS[kind]
    # Codes are short, so similarity guesses mislead; suggest only a case-insensitive match.
    close = [k for k in known if k.lower() == code.lower()]
    listing = "、".join(known)
    hint = Text(f"是不是要寫「{close[0]}」？現有{zh}：{listing}",
                f"did you mean '{close[0]}'? known: {', '.join(known)}") if close else \
        Text(f"現有{zh}：{listing}", f"known {en}s: {', '.join(known)}")
    return Finding(pointer, Text(f"找不到{zh}「{code}」", f"there is no {en} '{code}'"), hint,
                   at_key)


RULE = Rule(
    id="execution.unknown-reference",
    title=Text("引用的代號都存在", "every referenced code exists"),
    check=check)
