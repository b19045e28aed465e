"""writing.benefits: quantified and qualitative benefits are both present (計畫書撰寫技巧 行銷策略:
透過描述量/質化效益來具體呈現計畫成果).

benefits.quantified needs at least one figure above zero (output, products, investment, jobs,
cost reduction, patents or an `others` entry); benefits.qualitative.company and .industry must
each say something (not 「無」, not a placeholder, at least `substantive_min_chars` characters).
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.model.proposal import QuantifiedBenefits
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import left_unsaid

_QUALITATIVE = {"company": Text("對公司", "for the company"),
                "industry": Text("對產業", "for the industry")}


def check(ctx: Context) -> Iterator[Finding]:
    """Return findings for missing quantified figures or empty qualitative benefits."""
    benefits = ctx.proposal.benefits
    if not _any_figure(benefits.quantified):
        yield Finding(benefits.quantified.ptr, Text(
            "預期效益沒有量化：所有量化效益都是 0 或空白",
            "the expected benefits are not quantified: every figure is zero or missing"), Text(
            "填寫計畫結束後三年內的增加產值、新產品、衍生投資、增加就業、降低成本或專利件數",
            "give the figures for the three years after the plan: added output, new products, "
            "investment, jobs, cost reduction or patents"), at_key=True)
    qualitative = benefits.qualitative
    for key, whom in _QUALITATIVE.items():
        if left_unsaid(getattr(qualitative, key), ctx.rs):
            yield Finding(f"{qualitative.ptr}/{key}", Text(
                f"沒有具體說明{whom.zh}的質化效益", f"no real qualitative benefit {whom.en}"),
                Text("說明計畫完成後能力、市場地位或產業帶動上的具體改變",
                     "say what concretely changes in capability, market position or the industry"))


def _any_figure(quantified: QuantifiedBenefits) -> bool:
    """Return True when some quantified benefit is above zero."""
    figures = [quantified.output_increase, quantified.new_products, quantified.derived_investment,
               quantified.new_jobs, quantified.cost_reduction, quantified.patents,
               *(other.value for other in quantified.others)]
    return any(figure is not None and figure > 0 for figure in figures)


RULE = Rule(
    id="writing.benefits",
    title=Text("預期效益兼具量化與質化", "quantified and qualitative benefits"),
    check=check,
    about="計畫成果要以量化與質化效益具體呈現（計畫書撰寫技巧）。本規則檢查 benefits.quantified "
          "至少有一項大於 0 的數字，且 benefits.qualitative 的 company（對公司）與 industry（對產業）"
          "都有具體內容。")
