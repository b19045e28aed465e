"""period.start-after-submission: the plan starts on or after the submission (收文) date
(計畫申請注意事項-1 (3)：計畫開始之日期應以收文日期或之後為準)."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when the start date precedes the submission date."""
    start, submitted = ctx.proposal.period.start, ctx.proposal.submission_date
    if start < submitted:
        yield Finding(
            join_pointer(ctx.proposal.period.ptr, "start"),
            Text(f"計畫起始日 {start} 早於收文日 {submitted}",
                 f"the plan starts on {start}, before the submission date {submitted}"),
            Text(f"計畫開始日期應為收文日 {submitted} 當日或之後",
                 f"the plan must start on or after the submission date {submitted}"))


RULE = Rule(
    id="period.start-after-submission",
    title=Text("計畫起始日不早於收文日", "the plan starts on or after the submission date"),
    check=check)
