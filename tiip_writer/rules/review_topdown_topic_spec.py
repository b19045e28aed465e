"""review.topdown.topic-spec: Top-down (主題式) plans — the briefing gives this plan type no
審查重點, so its self-assessment follows 主題式研發計畫補助機制: the government sets the topic and
the product specification; the plan develops technology, products or services that match them.

Evidence: the announced topic (programme.topic), the target specs (a technology.specs row with a
target), and the summary or background saying how the plan answers the topic (a part of the topic
name, split at dashes, of four or more characters, in the abstract, title or background).
"""

from __future__ import annotations

import re

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule
from tiip_writer.rules.prose import first_term, is_stated

ID = "review.topdown.topic-spec"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the topic, the target specs and where the proposal ties itself to the topic."""
    p = ctx.proposal
    spec = next((s for s in p.technology.specs if is_stated(s.target, ctx.rs)), None)
    return [
        Evidence(Text("回應的公告研發主題", "the announced topic"), p.programme.ptr + "/topic",
                 is_stated(p.programme.topic, ctx.rs),
                 Text("在 programme.topic 寫出公告主題名稱", "name the topic in programme.topic"),
                 covered_by="scope.topic-match"),
        Evidence(Text("符合主題產品規格的目標規格", "target specs matching the topic's product spec"),
                 spec.ptr + "/target" if spec else p.technology.ptr + "/specs", spec is not None,
                 Text("在 technology.specs 逐項對應公告的產品技術規格",
                      "list the announced product specs in technology.specs")),
        _answer(ctx),
    ]


def _answer(ctx: Context) -> Evidence:
    """Return evidence that the abstract, title or background names the topic."""
    p = ctx.proposal
    label = Text("摘要或背景說明如何回應主題", "the abstract or background ties the plan to the topic")
    parts = [part for part in re.split(r"[—－\-–:：、（）()]", p.programme.topic or "")
             if len(part.strip()) >= 4]
    for pointer, text in ((p.summary.ptr + "/abstract", p.summary.abstract), ("/title", p.title),
                          ("/background", p.background)):
        hit = first_term(text, [part.strip() for part in parts])
        if hit is not None:
            return Evidence(label, pointer, True, char=hit[0])
    return Evidence(label, p.summary.ptr + "/abstract", False, Text(
        "在 summary.abstract 點出所回應的公告主題與對應的規格",
        "name the topic and the specs it sets in summary.abstract"))


RULE = review_rule(
    ID, Text("符合公告主題及產品技術規格", "matches the announced topic and product spec"),
    evidence,
    about="主題式（Top-down）計畫在說明簡報中沒有列出審查重點；自評改依「主題式研發計畫補助機制」："
          "由政府制定主題與產品技術規格，計畫開發符合主題研發內容之技術、產品或服務。自評依據："
          "programme.topic、technology.specs 的目標規格，以及摘要、計畫名稱或背景中對主題的回應。")
