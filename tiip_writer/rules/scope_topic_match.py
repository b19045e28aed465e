"""scope.topic-match: a Top-down (主題式) plan names the announced topic it answers.

When the rule set's `announced_topics` is not empty the topic must be one of them; 105 topics
were announced from time to time (不定期公告), so the 105 list is empty and only presence counts.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding when a Top-down plan names no topic, or one not announced."""
    programme = ctx.proposal.programme
    if not ctx.proposal.is_topdown:
        return
    announced = ctx.rs.items("announced_topics")
    if not programme.topic:
        yield Finding(
            join_pointer(programme.ptr, "topic"),
            Text("主題式計畫須寫明所回應的公告研發主題，但未填 topic",
                 "a Top-down plan must name the announced topic it answers, but topic is "
                 "missing"),
            Text("在 programme 加上 topic: 公告主題名稱", "add programme.topic"), at_key=True)
    elif announced and programme.topic not in announced:
        yield Finding(
            join_pointer(programme.ptr, "topic"),
            Text(f"「{programme.topic}」不是 {ctx.rs.year} 年公告的研發主題",
                 f"'{programme.topic}' is not a topic announced for {ctx.rs.year}"),
            Text(f"公告主題：{'、'.join(announced)}", f"announced topics: {', '.join(announced)}"))


RULE = Rule(
    id="scope.topic-match",
    title=Text("主題式計畫寫明所回應的公告主題", "a Top-down plan names its announced topic"),
    check=check)
