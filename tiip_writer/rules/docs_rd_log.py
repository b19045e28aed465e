"""docs.rd-log: the proposal acknowledges that every R&D person keeps an R&D log
(計畫申請注意事項-2 (6)；declarations.rd_log)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the R&D-log declaration is false."""
    declarations = ctx.proposal.declarations
    if not declarations.rd_log:
        yield Finding(
            join_pointer(declarations.ptr, "rd_log"),
            Text("計畫所列研發人員均應填寫研發紀錄簿，但聲明事項 rd_log 為 false",
                 "every R&D person must keep an R&D log, but declarations.rd_log is false"))


RULE = Rule(
    id="docs.rd-log",
    title=Text("研發人員填寫研發紀錄簿", "every R&D person keeps an R&D log"),
    check=check)
