"""writing.tech-advantage: the technology section states the company's own advantage and what is
new (計畫書撰寫技巧 產品的技術/服務: 結合與創新在何種類型技術/服務？企業本身技術的優勢何在？).

technology.advantage and technology.innovation must each say something: not 「無」, not a
placeholder, at least `substantive_min_chars` visible characters.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import left_unsaid

_PARTS = (
    ("advantage", Text("公司本身的技術優勢", "the company's own technical advantage"),
     Text("說明公司既有的技術能量、設備、專利或經驗，為何能做成這個計畫",
          "say which of the company's skills, equipment, patents or experience make it able to "
          "do this")),
    ("innovation", Text("技術或服務的創新之處", "what is new in the technology or service"),
     Text("說明本計畫結合與創新了哪些技術或服務，與現有做法的差別",
          "say which technologies or services the plan combines or renews, and how it differs "
          "from what exists")),
)


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each of advantage and innovation that says nothing."""
    technology = ctx.proposal.technology
    for key, what, hint in _PARTS:
        if left_unsaid(getattr(technology, key), ctx.rs):
            yield Finding(f"{technology.ptr}/{key}", Text(
                f"技術章節沒有具體說明{what.zh}（technology.{key}）",
                f"the technology section does not state {what.en} (technology.{key})"), hint)


RULE = Rule(
    id="writing.tech-advantage",
    title=Text("說明公司技術優勢與創新性", "the company's technical advantage and what is new"),
    check=check,
    about="審查委員會問：這個產品結合並創新了哪些技術？公司本身的技術優勢在哪裡？本規則檢查"
          "technology.advantage（公司技術優勢）與 technology.innovation（創新性）都有具體內容，"
          "不是「無」、不是範本的預留文字，且達到最少字數（rule set：substantive_min_chars）。")
