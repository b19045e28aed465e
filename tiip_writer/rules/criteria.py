"""Review criteria (審查重點) as rules: each names the evidence it looks for in the proposal.

A review rule module gives `evidence(ctx) -> list[Evidence]`; `review_rule` turns it into a
Rule whose findings are the missing evidence and whose `evidence` feeds the self-assessment
checklist (`tiip review`). Which plan types (and target kinds) a criterion applies to, and its
wording, are rule-set data (`review_criteria`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence, Finding, Rule
from tiip_writer.rules.prose import first_term, placeholder, says_nothing_here, text_fields
from tiip_writer.ruleset import RuleSet, RulesetError

Gather = Callable[[Context], list[Evidence]]


def criterion(rs: RuleSet, rule_id: str) -> dict[str, Any]:
    """Return the rule set's entry for review criterion `rule_id` (plan_types, criterion …)."""
    entry = rs.data.get("review_criteria", {}).get(rule_id)
    if not isinstance(entry, dict):
        raise RulesetError(f"rule set {rs.year} has no review_criteria entry for {rule_id!r}")
    return entry


def applies(ctx: Context, rule_id: str) -> bool:
    """Return True when criterion `rule_id` applies to the proposal's plan type and target."""
    entry = criterion(ctx.rs, rule_id)
    kinds = entry.get("target_kinds")
    return ctx.proposal.programme.plan_type in entry["plan_types"] and \
        (kinds is None or ctx.proposal.target.kind in kinds)


def review_rule(rule_id: str, title: Text, gather: Gather, about: str) -> Rule:
    """Return the Rule for a review criterion whose evidence `gather` collects."""

    def evidence(ctx: Context) -> list[Evidence]:
        return gather(ctx) if applies(ctx, rule_id) else []

    def check(ctx: Context) -> Iterator[Finding]:
        for item in evidence(ctx):
            if item.found or (item.covered_by and ctx.rs.rule(item.covered_by)) \
                    or _placeholder_within(ctx, item.pointer):
                continue
            yield Finding(item.pointer, Text(
                f"審查重點「{title.zh}」：缺少{item.label.zh}",
                f"review criterion '{title.en}': no {item.label.en}"),
                item.missing, at_key=item.char is None, char=item.char)

    return Rule(id=rule_id, title=title, check=check, evidence=evidence, about=about)


def _placeholder_within(ctx: Context, pointer: str) -> bool:
    """Return True when a text at or under `pointer` still holds a placeholder, which
    writing.placeholder reports (while it is active) where it stands."""
    if ctx.rs.rule("writing.placeholder") is None:
        return False
    return any(placeholder(text, ctx.rs) for at, text in text_fields(ctx.proposal)
               if at == pointer or at.startswith(pointer + "/"))


def text_evidence(ctx: Context, pointer: str, value: str | None, label: Text, missing: Text,
                  covered_by: str | None = None) -> Evidence:
    """Return evidence that the text `value` (at `pointer`; None when absent) says something."""
    return Evidence(label, pointer, not says_nothing_here(value, ctx.rs), missing,
                    covered_by=covered_by)


def term_evidence(ctx: Context, places: Iterable[tuple[str, str | None]], terms: str,
                  label: Text, missing: Text) -> Evidence:
    """Return evidence that one of the rule set's `review_terms[terms]` appears in one of the
    (pointer, text) `places`; found → at the term, missing → at the first place."""
    words = ctx.rs.data["review_terms"][terms]
    places = list(places)
    for pointer, text in places:
        hit = first_term(text or "", words)
        if hit is not None:
            return Evidence(label, pointer, True, missing, char=hit[0])
    return Evidence(label, places[0][0], False, missing)
