"""writing.competitors: at least one named competitor, each with the differentiation
(計畫書撰寫技巧 競爭分析: 針對與競爭者在產品或技術上的差異進行區隔，並歸類後做為切入市場的利基條件).

competition.competitors must list at least one competitor; each must be named specifically (a
name that is not an anonymous stand-in such as 「A公司」 or 「國外大廠」, rule set
`anonymous_competitors`) and state its own advantage; competition.differentiation must say how
the plan differs, in at least `differentiation_min_chars` characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.model.proposal import Competition
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import is_empty_answer, left_unsaid, placeholder
from tiip_writer.ruleset import RuleSet
from tiip_writer.text.chinese import visible_length


def check(ctx: Context) -> Iterator[Finding]:
    """Return findings for a missing, anonymous or undifferentiated competitor analysis."""
    competition = ctx.proposal.competition
    if not competition.competitors:
        yield Finding(competition.ptr + "/competitors", Text(
            "競爭分析沒有列出任何競爭者", "the competitor analysis lists no competitor"), Text(
            "至少列出一家具名的競爭者（name、product、price…），與本計畫產品逐項比較",
            "list at least one named competitor (name, product, price …) and compare it with "
            "the plan's product"), at_key=True)
    for competitor in competition.competitors:
        name = (competitor.name or "").strip()
        if _anonymous(name, ctx.rs):
            yield Finding(competitor.ptr + "/name", Text(
                f"競爭者「{name}」沒有寫出具體名稱", f"competitor '{name}' is not named"), Text(
                "寫出競爭廠商的實際名稱（與產品型號），例如「日本 Okuma」，審查委員才能判斷比較是否合理",
                "write the competitor's actual name (and product), e.g. 'Okuma (Japan)', so a "
                "reviewer can judge the comparison"))
        elif is_empty_answer(competitor.advantage, ctx.rs) or \
                competitor.advantage.strip() in ("無", "无"):
            yield Finding(competitor.ptr + "/advantage", Text(
                f"競爭者「{name}」沒有說明其技術或服務優勢",
                f"competitor '{name}' has no stated advantage"), Text(
                "說明該競爭者的優勢，差異化才有比較的基準",
                "state the competitor's advantage so the differentiation has a baseline"))
    yield from _differentiation(competition, ctx.rs)


def _differentiation(competition: Competition, rs: RuleSet) -> Iterator[Finding]:
    text = competition.differentiation
    shortest = int(rs.num("differentiation_min_chars"))
    if left_unsaid(text, rs) or (not placeholder(text, rs) and visible_length(text) < shortest):
        yield Finding(competition.ptr + "/differentiation", Text(
            f"沒有說明與競爭者的差異與利基（少於 {shortest} 字）",
            f"the differentiation from the competitors is not explained (under {shortest} "
            "characters)"), Text(
            "逐一說明與各競爭者在產品或技術上的差異，以及據此切入市場的利基",
            "explain, competitor by competitor, how the product or technology differs and "
            "which niche that opens"))


def _anonymous(name: str, rs: RuleSet) -> bool:
    """Return True when `name` is empty or an anonymous stand-in."""
    return not name or any(re.fullmatch(p, name) for p in rs.items("anonymous_competitors"))


RULE = Rule(
    id="writing.competitors",
    title=Text("競爭分析列出具名競爭者並說明差異",
               "named competitors, each with the differentiation"),
    check=check,
    threshold=lambda rs: Text(f"差異化說明至少 {int(rs.num('differentiation_min_chars'))} 字",
                              f"differentiation at least "
                              f"{int(rs.num('differentiation_min_chars'))} characters"),
    about="競爭分析要針對競爭者在產品或技術上的差異進行區隔，作為切入市場的利基（計畫書撰寫技巧）。"
          "本規則檢查 competition.competitors 至少有一家競爭者，每一家都寫出實際名稱（「A公司」、"
          "「國外大廠」等代稱不算）並說明其優勢，且 competition.differentiation 具體說明差異與利基。")
