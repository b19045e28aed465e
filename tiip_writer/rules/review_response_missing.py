"""review.response-missing: every section that changed since the version the reviewers read is
named by a review response, so no change goes unexplained. Checked only when building with
--revised-from."""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.model.sections import KEYS, section
from tiip_writer.rules.base import Context, Finding, Rule


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each changed section that no response names."""
    if ctx.changed_sections is None:
        return
    named = {key for response in ctx.proposal.review_responses for key in response.sections}
    responses = ctx.proposal.review_responses
    pointer = responses[-1].ptr if responses else "/review_responses"
    for key in KEYS:
        if key in ctx.changed_sections and key not in named:
            title = section(key).title
            yield Finding(pointer, Text(
                f"「{title.zh}」（{key}）與前一版相比有修改，但沒有任何審查意見回復指向它",
                f"'{title.en}' ({key}) changed since the earlier version, but no review "
                "response names it"),
                hint=Text(f"在回應此修改的審查意見回復加上 sections: [{key}]",
                          f"add sections: [{key}] to the response this change answers"),
                at_key=True)


RULE = Rule(
    id="review.response-missing",
    title=Text("每一處修改都有審查意見回復", "every change is answered by a review response"),
    about="修正計畫書中，與前一版（--revised-from）相比有修改的每一個章節，都應由某一項"
          "審查意見回復的 sections 指出，讓審查委員知道修改的原因。",
    check=check)
