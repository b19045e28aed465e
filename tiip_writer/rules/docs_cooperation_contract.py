"""docs.cooperation-contract: joint development attaches the cooperation contract (合作契約書;
計畫申請注意事項-2 (10), 產研：雙方簽屬合作契約書). Joint = two or more companies, or a school or
institute partner; the attachment kind is the rule set's `cooperation_attachment`."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.facts import is_joint


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when a joint plan attaches no cooperation contract."""
    kind = ctx.rs.text("cooperation_attachment")
    if is_joint(ctx.proposal) and not any(a.kind == kind for a in ctx.proposal.attachments):
        yield Finding(
            "/attachments",
            Text(f"聯合開發須附{kind}，但附件清單沒有",
                 f"joint development must attach the cooperation contract ({kind}), but the "
                 "attachments do not list it"),
            Text(f"在 attachments 加上 {{title: …, kind: {kind}}}",
                 f"add {{title: …, kind: {kind}}} to attachments"), at_key=True)


RULE = Rule(
    id="docs.cooperation-contract",
    title=Text("聯合開發附合作契約書", "joint development attaches the cooperation contract"),
    check=check)
