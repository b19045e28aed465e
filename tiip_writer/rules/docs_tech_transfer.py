"""docs.tech-transfer: a plan with technology transfer (無形資產引進) lists a letter of intent or
a draft contract (計畫申請注意事項-2 (9)): each transfer line names its document (agreement)
and the attachments hold one of `tech_transfer_attachments`."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return findings for transfer lines without a document and for a missing attachment."""
    transfers = [line for line in ctx.budget.lines if line.category == "intangible_assets"]
    for line in transfers:
        if line.source.agreement is None:
            yield Finding(
                join_pointer(line.ptr, "agreement"),
                Text(f"技術引進「{line.label}」未註明技轉意向書或草約（agreement）",
                     f"the technology transfer '{line.label}' names no letter of intent or draft "
                     "contract (agreement)"),
                Text("加上 agreement: 意向書、草約或正式合約", "add agreement: 意向書, 草約 or 正式合約"),
                at_key=True)
    kinds = ctx.rs.items("tech_transfer_attachments")
    if transfers and not any(a.kind in kinds for a in ctx.proposal.attachments):
        yield Finding(
            "/attachments",
            Text("計畫含技術移轉，但附件未列技轉意向書、草約或合約",
                 "the plan includes technology transfer, but no letter of intent or (draft) "
                 "contract is attached"),
            Text(f"在 attachments 加上 kind 為 {'、'.join(kinds)} 之一的附件",
                 f"attach one with kind {', '.join(kinds)}"), at_key=True)


RULE = Rule(
    id="docs.tech-transfer",
    title=Text("技術移轉附技轉意向書或草約",
               "technology transfer comes with a letter of intent or draft contract"),
    check=check)
