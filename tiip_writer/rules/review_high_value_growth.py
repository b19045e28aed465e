"""review.high-value.growth: 產業高值 審查重點 4 — the product grows its unit price (gross
margin) or sales volume many-fold (高倍數成長).

Evidence: the before/after comparison (plan_specific.value_uplift) and a growth of at least
`high_value_growth_multiple` times in unit price, unit gross profit (price × margin) or annual
volume.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_limit
from tiip_writer.model.proposal import ValueUplift
from tiip_writer.rules.base import Context, Evidence
from tiip_writer.rules.criteria import review_rule

ID = "review.high-value.growth"


def evidence(ctx: Context) -> list[Evidence]:
    """Return the before/after comparison and whether it shows many-fold growth."""
    uplift = ctx.proposal.plan_specific.value_uplift
    comparison = Text("計畫前後的單價、毛利率與年銷量", "unit price, margin and volume before and after")
    if uplift is None:
        return [Evidence(comparison, "/plan_specific/value_uplift", False, Text(
            "在 plan_specific.value_uplift 填寫計畫前（before）與計畫後（after）的單價、毛利率與年銷量",
            "give unit price, gross margin and annual volume before and after in "
            "plan_specific.value_uplift"))]
    wanted = ctx.rs.num("high_value_growth_multiple")
    multiples = _multiples(uplift)
    shown_zh = "、".join(f"{name.zh} {m:.2f} 倍" for name, m in multiples)
    shown_en = ", ".join(f"{name.en} {m:.2f}×" for name, m in multiples)
    return [
        Evidence(comparison, uplift.ptr, True),
        Evidence(Text(f"倍數成長（{shown_zh or '無法計算'}；至少一項達 {fmt_limit(wanted)} 倍）",
                      f"many-fold growth ({shown_en or 'not computable'}; one of them at least "
                      f"{fmt_limit(wanted)}×)"),
                 uplift.ptr + "/after", _grows(uplift, wanted),
                 _hint(multiples)),
    ]


def _hint(multiples: list[tuple[Text, Decimal]]) -> Text:
    """Return what to do when the growth is not many-fold (or cannot be computed)."""
    if not multiples:
        return Text("填寫計畫前（before）的實際單價、毛利率與年銷量，才能計算成長倍數",
                    "give the actual figures before the plan so that growth can be computed")
    best = max(m for _name, m in multiples)
    return Text(f"審查重點要求單價（毛利）或銷售量倍數成長（目前最高 {best:.2f} 倍）；請檢視計畫後的"
                "數字，或在 narrative 說明成長依據",
                f"the criterion asks for many-fold growth of price (margin) or volume (best now "
                f"{best:.2f}×); review the after figures or explain the growth in narrative")


def _pairs(uplift: ValueUplift) -> list[tuple[Text, Fraction, Fraction]]:
    """Return (name, before, after) for unit price, unit gross profit and volume, exactly."""
    before, after = uplift.before, uplift.after
    return [
        (Text("單價", "unit price"), Fraction(before.unit_price), Fraction(after.unit_price)),
        (Text("單位毛利", "unit gross profit"),
         Fraction(before.unit_price) * Fraction(before.gross_margin),
         Fraction(after.unit_price) * Fraction(after.gross_margin)),
        (Text("年銷量", "annual volume"), Fraction(before.annual_volume),
         Fraction(after.annual_volume)),
    ]


def _grows(uplift: ValueUplift, wanted: Decimal) -> bool:
    """Return whether one figure grows at least `wanted` times, compared on the exact figures
    (a multiple shown as 2.00 may be 1.996)."""
    return any(b_before > 0 and b_after >= Fraction(wanted) * b_before
               for _name, b_before, b_after in _pairs(uplift))


def _multiples(uplift: ValueUplift) -> list[tuple[Text, Decimal]]:
    """Return after ÷ before for unit price, unit gross profit and volume (where before > 0),
    for display."""
    return [(name, Decimal(b_after.numerator * b_before.denominator)
             / Decimal(b_after.denominator * b_before.numerator))
            for name, b_before, b_after in _pairs(uplift) if b_before > 0]


RULE = review_rule(
    ID, Text("創造高倍數成長之高單價（毛利）或銷售量", "many-fold growth of price (margin) or volume"),
    evidence,
    about="產業高值計畫審查重點 4：可創造高倍數成長之高單價（毛利）或銷售量產品。自評依據："
          "plan_specific.value_uplift 的計畫前後單價、毛利率與年銷量，且單價、單位毛利（單價 × 毛利率）"
          "或年銷量至少一項成長達規則集 high_value_growth_multiple 倍（105 年預設 2 倍）。")
