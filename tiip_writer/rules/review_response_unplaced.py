"""review.response-unplaced: in a revised proposal, every review response names the sections
it changed (`review_responses[].sections`), so its 修正頁碼 comes from the layout and the
reviewer can find the change. Checked only when building with --revised-from."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each response that names no section."""
    if ctx.changed_sections is None:
        return
    for index, response in enumerate(ctx.proposal.review_responses, start=1):
        if not response.sections:
            yield Finding(response.ptr, Text(
                f"第 {index} 項審查意見回復沒有指出修正的章節，修正頁碼無法由排版產生",
                f"review response {index} names no section it changed, so its page cannot "
                "be taken from the layout"),
                hint=Text("在此項加上 sections，例如 sections: [background]（章節代號見 docs/review.md）",
                          "add sections to this response, e.g. sections: [background] (the "
                          "section keys are listed in docs/review.md)"),
                at_key=True)


RULE = Rule(
    id="review.response-unplaced",
    title=Text("每項審查意見回復都指出修正的章節", "every review response names the sections it changed"),
    about="修正計畫書（tiip build --revised-from）的每一項審查意見回復，都應以 sections 指出"
          "修正了哪些章節；修正頁碼由排版自動填入，不必手寫，也不會因版面變動而過時。",
    check=check)
