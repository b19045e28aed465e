"""review.response-unchanged: a review response names only sections that really changed since
the version the reviewers read. Checked only when building with --revised-from."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.model.sections import section
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each named section that did not change."""
    if ctx.revised_sections is None:
        return
    for index, response in enumerate(ctx.proposal.review_responses, start=1):
        for position, key in enumerate(response.sections):
            if key in ctx.revised_sections:  # its own fields, or ones it shows, changed
                continue
            title = section(key).title
            yield Finding(join_pointer(join_pointer(response.ptr, "sections"), position), Text(
                f"第 {index} 項審查意見回復指出修正了「{title.zh}」（{key}），但此章節與前一版相同",
                f"review response {index} says '{title.en}' ({key}) was revised, but that "
                "section is the same as in the earlier version"),
                hint=Text("修正該章節，或改指實際修正的章節（tiip diff 舊版 新版 可列出）",
                          "revise that section, or name the sections that did change "
                          "(tiip diff OLD NEW lists them)"))


RULE = Rule(
    id="review.response-unchanged",
    title=Text("審查意見回復指出的章節確有修正", "the sections a response names did change"),
    about="修正計畫書中，審查意見回復的 sections 所列章節，必須與前一版（--revised-from）"
          "相比確實有修改；否則回復說明與計畫書內容不符。",
    check=check)
