"""scope.new-development: the target is a new development, not an already developed or
produced product or technology (計畫申請注意事項-1 (1)); declared in declarations.new_development."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the new-development declaration is false."""
    declarations = ctx.proposal.declarations
    if not declarations.new_development:
        yield Finding(
            join_pointer(declarations.ptr, "new_development"),
            Text("本計畫僅補助公司新進行開發之標的，但聲明事項 new_development 為 false",
                 "only new developments are eligible, but declarations.new_development is false"),
            Text("已開發或已生產之技術或產品不符申請規定",
                 "a product or technology already developed or produced is not eligible"))


RULE = Rule(
    id="scope.new-development",
    title=Text("標的為新開發，非已開發或已生產者",
               "the target is new, not already developed or produced"),
    check=check)
