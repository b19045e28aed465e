"""writing.market-source: every market figure names a third-party source and the data's date
(計畫書撰寫技巧 市場需求: 以公正第三者的資料輔佐; format: every figure gives its source and date).

Looks at each entry of market.figures: it needs `source` and `as_of`, and the source must not be
the applicant itself (rule set `market_sources.not_third_party`, plus the applicant companies'
names). It also reads the sentences of `market_sources.prose_fields` (background, market
narrative): a sentence holding a market figure (a number with one of `figure_units`, or a
percentage in a sentence with one of `percent_terms`) must name its source in the same sentence
(one of `source_markers`), unless the number is a figure already listed with a source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.model import Proposal
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import dotted, first_term, matches_path, sentences, text_fields
from tiip_writer.source.positions import join_pointer

_NUMBER = r"\d[\d,]*(?:\.\d+)?"


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding per figure without a third-party source or date, and per unsourced
    figure in the prose."""
    settings = ctx.rs.data["market_sources"]
    own = [*settings["not_third_party"], *(c.name for c in ctx.proposal.applicants.companies)]
    for figure in ctx.proposal.market.figures:
        if not figure.source:
            yield Finding(figure.ptr, Text(
                f"市場數據「{figure.label}」沒有註明資料來源",
                f"market figure '{figure.label}' names no source"), Text(
                "加上 source：公正第三方的名稱與報告，例如「工研院產經中心（IEK）《…》」",
                "add source: the third party and its report, e.g. 'IEK, <report title>'"),
                at_key=True)
        elif (hit := first_term(figure.source, own)) is not None:
            yield Finding(join_pointer(figure.ptr, "source"), Text(
                f"市場數據「{figure.label}」的來源「{figure.source}」不是公正第三方（{hit[1]}）",
                f"the source of market figure '{figure.label}' is not a third party "
                f"('{hit[1]}')"), Text(
                "改引用研究機構、公會或政府統計的數據，並註明報告名稱與時間",
                "cite a research firm, trade association or official statistics instead"),
                char=hit[0])
        if figure.source and figure.as_of is None:
            yield Finding(join_pointer(figure.ptr, "source"), Text(
                f"市場數據「{figure.label}」沒有註明資料時間",
                f"market figure '{figure.label}' gives no date for its data"), Text(
                "加上 as_of：來源資料發布或統計的時間，例如 as_of: 2016-02",
                "add as_of: when the source published the data, e.g. as_of: 2016-02"),
                at_key=True)
    yield from _prose_findings(ctx, settings)


def _prose_findings(ctx: Context, settings: dict) -> Iterator[Finding]:
    """Return a finding per sentence of the market prose that states a figure without a source."""
    units = "|".join(re.escape(u) for u in sorted(settings["figure_units"], key=len, reverse=True))
    with_unit = re.compile(rf"({_NUMBER})\s*(?:{units})")
    percent = re.compile(rf"({_NUMBER})\s*[%％]")
    sourced = _sourced_values(ctx.proposal)
    for pointer, text in text_fields(ctx.proposal):
        if not any(matches_path(pointer, field) for field in settings["prose_fields"]):
            continue
        for start, sentence in sentences(text):
            if first_term(sentence, settings["source_markers"]):
                continue
            numbers = list(with_unit.finditer(sentence))
            if first_term(sentence, settings["percent_terms"]):
                numbers += percent.finditer(sentence)
            unsourced = [m for m in numbers if _value(m.group(1)) not in sourced]
            if unsourced:
                first = min(unsourced, key=lambda m: m.start())
                yield Finding(pointer, Text(
                    f"「{dotted(pointer)}」中的市場數字「{first.group(0)}」沒有註明來源",
                    f"the market figure '{first.group(0)}' in {dotted(pointer)} names no "
                    "source"), Text(
                    "在同一句註明出處，例如「（資料來源：IEK，2016 年 2 月）」，或將數字列入 "
                    "market.figures 並填 source 與 as_of",
                    "name the source in the same sentence, or list the figure in market.figures "
                    "with source and as_of"), char=start + first.start())


def _sourced_values(proposal: Proposal) -> set[Decimal]:
    """Return the values of the market figures that name a source."""
    return {f.value for f in proposal.market.figures if f.source}


def _value(number: str) -> Decimal | None:
    try:
        return Decimal(number.replace(",", ""))
    except InvalidOperation:
        return None


RULE = Rule(
    id="writing.market-source",
    title=Text("市場數據註明第三方來源與資料時間",
               "every market figure names a third-party source and its date"),
    check=check,
    about="市場需求最好以公正第三方的資料佐證（計畫書撰寫技巧）。本規則檢查 market.figures 的每一筆數據"
          "都有資料來源（source）與資料時間（as_of），且來源不是申請公司自己（例如「本公司估計」）；"
          "背景與市場敘述中出現的市場數字（金額、數量或市場相關的百分比），也要在同一句註明出處，"
          "或列入 market.figures。")
