"""scope.single-target: one application develops one target (每1個申請案以開發1項標的為原則);
the schema allows one target, and the proposal must declare it (declarations.single_target)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the single-target declaration is false."""
    declarations = ctx.proposal.declarations
    if not declarations.single_target:
        yield Finding(
            join_pointer(declarations.ptr, "single_target"),
            Text("每一申請案以開發一項標的為原則，但聲明事項 single_target 為 false",
                 "an application develops one target, but declarations.single_target is false"),
            Text("若要開發多項標的，請分案申請", "apply separately for each further target"))


RULE = Rule(
    id="scope.single-target",
    title=Text("每案開發一項標的", "one application develops one target"),
    check=check)
