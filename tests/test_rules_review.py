"""review.*: each 審查重點 rule passes on its plan type's sample and reports missing evidence
(id, position, message) on a variant; a rule stays silent for other plan types."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import SAMPLES
from tests.variants import (
    EMERGING,
    SYSTEM,
    TOPDOWN,
    at,
    check,
    edit,
    edit_re,
    locate,
    one,
    only,
    sample,
)
from tiip_writer.rules import all_rules

# the 審查重點 rules (review.response-* answer the reviewers: tests/test_review_responses.py)
REVIEW = sorted(r for r in all_rules() if r.startswith("review.")
                and not r.startswith("review.response-"))
KEY_COMPONENT = """  key_component:
    beyond_domestic: 國內熱補償多以控制器內建的固定參數為主，本計畫以學習式模型與外掛控制器超越國內水準，取代日系原廠補償功能。
    supply_chain: 帶動國內溫度感測器、嵌入式控制板與工具機廠共同建立自主的熱補償供應鏈，補足價值鏈缺口。
"""


def key_component_variant() -> str:
    """Return the 產業高值 sample recast as a 創新優化-補關鍵 plan."""
    text = edit(sample(), ("plan_type: 產業高值", "plan_type: 創新優化-補關鍵"))
    return edit_re(text, r"^  value_uplift:\n.*?(?=^work:)", KEY_COMPONENT + "\n")


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_samples_meet_their_review_criteria(tmp_path, name):
    result = check(tmp_path, sample(name))
    assert [d for d in result.diagnostics if d.rule.startswith("review.")] == []


def test_key_component_variant_meets_its_criteria(tmp_path):
    result = check(tmp_path, key_component_variant())
    assert [d for d in result.diagnostics if d.rule.startswith(("review.", "writing."))] == []


# --- review.high-value.key-technology --------------------------------------------------------

def test_high_value_without_foreign_benchmark_or_segment(tmp_path):
    text = sample()
    for old in ('foreign: "≤ 10（日本 Okuma Thermo-Friendly）"', 'foreign: "15（德國 DMG MORI）"',
                "foreign: 12}", "foreign: 100}"):
        text = edit(text, (old, "foreign: 無}" if old.endswith("}") else "foreign: 無"))
    text = edit(text, ("segment: 航太結構件、骨科植入物等高精度零件加工", "segment: 無"))
    found = only(check(tmp_path, text), "review.high-value.key-technology")
    assert [d.message.zh for d in found] == [
        "審查重點「具備切入高端市場之關鍵技術」：缺少目標規格與國外水準的比較",
        "審查重點「具備切入高端市場之關鍵技術」：缺少切入的高端市場區隔"]
    assert at(found[0]) == locate(text, "  specs:", 2)
    assert at(found[1]) == locate(text, "segment: 無")
    assert found[0].severity.value == "warning" and found[0].citation == "產業高值計畫 審查重點 1"


# --- review.high-value.product-innovation ----------------------------------------------------

def test_high_value_product_without_ip_plan(tmp_path):
    text = edit_re(sample(), r"^  plan: 預計申請發明專利.*?\n", "  plan: 無\n")
    d = one(check(tmp_path, text), "review.high-value.product-innovation")
    assert at(d) == locate(text, "  plan: 無", 2)
    assert d.message.zh == "審查重點「掌握產品關鍵技術及創新性」：缺少保護關鍵技術的智財布局"


def test_product_criterion_does_not_apply_to_a_service(tmp_path):
    text = edit(sample(), ("  kind: 系統\n", "  kind: 服務\n"))
    text = edit_re(text, r"^  plan: 預計申請發明專利.*?\n", "  plan: 無\n")
    assert only(check(tmp_path, text), "review.high-value.product-innovation") == []


# --- review.high-value.service-innovation ----------------------------------------------------

def test_service_must_show_customer_value(tmp_path):
    text = edit(sample(), ("  kind: 系統\n", "  kind: 服務\n"),
                ("供既有 1,200 台 HV 系列客戶加購", "供既有 1,200 台 HV 系列加購"))
    d = one(check(tmp_path, text), "review.high-value.service-innovation")
    assert at(d) == locate(text, "  description: |", 2)
    assert d.message.zh == "審查重點「服務具科技應用、服務創新與顧客價值」：缺少服務帶給顧客的價值"


def test_service_with_customer_value_passes(tmp_path):
    text = edit(sample(), ("  kind: 系統\n", "  kind: 服務\n"))
    assert only(check(tmp_path, text), "review.high-value.service-innovation") == []


# --- review.high-value.growth ----------------------------------------------------------------

def test_growth_below_many_fold(tmp_path):
    text = edit(sample(), ("after: {unit_price: 9800, gross_margin: 31, annual_volume: 260",
                           "after: {unit_price: 7400, gross_margin: 24, annual_volume: 150"))
    d = one(check(tmp_path, text), "review.high-value.growth")
    assert at(d) == locate(text, "    after:", 4)
    assert d.message.zh == ("審查重點「創造高倍數成長之高單價（毛利）或銷售量」：缺少倍數成長（單價 1.09 倍、"
                            "單位毛利 1.19 倍、年銷量 1.25 倍；至少一項達 2 倍）")


@pytest.mark.parametrize(("volume", "fails"), [("240", False), ("239.999", True)])
def test_growth_compared_on_the_exact_figures(tmp_path, volume, fails):
    # 240 ÷ 120 is exactly 2-fold; 239.999 ÷ 120 reads 2.00 but is not 2-fold.
    text = edit(sample(), ("after: {unit_price: 9800, gross_margin: 31, annual_volume: 260",
                           f"after: {{unit_price: 7400, gross_margin: 24, annual_volume: {volume}"))
    found = only(check(tmp_path, text), "review.high-value.growth")
    assert bool(found) == fails
    if fails:
        assert "年銷量 2.00 倍；至少一項達 2 倍" in found[0].message.zh


def test_growth_without_before_and_after(tmp_path):
    text = edit_re(sample(), r"^  value_uplift:\n.*?(?=^work:)", "  {}\n\n")
    text = edit(text, ("plan_specific:\n  {}\n", "plan_specific: {}\n"))
    d = one(check(tmp_path, text), "review.high-value.growth")
    assert at(d) == locate(text, "plan_specific: {}")
    assert d.message.zh == "審查重點「創造高倍數成長之高單價（毛利）或銷售量」：缺少計畫前後的單價、毛利率與年銷量"


# --- review.high-value.marketing -------------------------------------------------------------

def test_marketing_without_launch_date(tmp_path):
    text = edit(sample(), ("launch: 2018 年第 3 季", "launch: 無"))
    d = one(check(tmp_path, text), "review.high-value.marketing")
    assert at(d) == locate(text, "launch: 無")
    assert d.severity.value == "info"
    assert d.message.zh == "審查重點「產品或服務之後續行銷推廣策略」：缺少預計上市時間"


def test_weak_promotion_is_left_to_writing_marketing_4p(tmp_path):
    text = edit_re(sample(), r"^  promotion: 參加.*?\n", "  promotion: 無\n")
    result = check(tmp_path, text)
    assert only(result, "review.high-value.marketing") == []
    assert len(only(result, "writing.marketing-4p")) == 1


# --- review.innovation.key-technology --------------------------------------------------------

def test_key_component_without_supply_chain(tmp_path):
    text = edit_re(key_component_variant(), r"^    supply_chain: .*?\n", "    supply_chain: 無\n")
    d = one(check(tmp_path, text), "review.innovation.key-technology")
    assert at(d) == locate(text, "    supply_chain: 無", 4)
    assert d.message.zh == "審查重點「關鍵技術超越國內水準並帶動上中下游」：缺少帶動上中下游廠商的說明"
    assert d.citation == "創新優化計畫 審查重點 1"


def test_system_plan_must_pull_the_industry(tmp_path):
    text = edit(sample(SYSTEM), ("；帶動國內感測器、泵浦、FRP 槽體與飼料業者組成整場輸出團隊",
                 "；與國內感測器、泵浦、FRP 槽體與飼料業者組成整場輸出團隊"))
    d = one(check(tmp_path, text), "review.innovation.key-technology")
    assert at(d) == locate(text, "    industry: 協助", 4)
    assert d.message.zh == "審查重點「關鍵技術超越國內水準並帶動上中下游」：缺少帶動上中下游產業發展"


# --- review.innovation.total-solution --------------------------------------------------------

def test_total_solution_without_customer_value(tmp_path):
    text = edit(sample(SYSTEM), ("顧客價值在於", "本方案的意義在於"))
    d = one(check(tmp_path, text), "review.innovation.total-solution")
    assert at(d) == locate(text, "  total_solution: |", 2)
    assert d.message.zh == ("審查重點「整體系統服務、商業模式、可行性驗證與場域試煉」：缺少顧客價值")


def test_total_solution_does_not_apply_to_key_component_plans(tmp_path):
    result = check(tmp_path, key_component_variant())
    assert only(result, "review.innovation.total-solution") == []


# --- review.emerging.demonstration -----------------------------------------------------------

def test_emerging_without_demonstration(tmp_path):
    text = edit_re(sample(EMERGING), r"^  demonstration: \|\n.*?(?=^  field_trial:)", "")
    d = one(check(tmp_path, text), "review.emerging.demonstration")
    assert at(d) == locate(text, "plan_specific:")
    assert d.message.zh == "審查重點「新興產業形成與市場先導示範性」：缺少新興產業形成與市場先導示範性的說明"


# --- review.emerging.technology --------------------------------------------------------------

def test_emerging_without_pull_on_related_development(tmp_path):
    text = edit(sample(EMERGING), ("**生態系帶動**：帶動國內", "**生態系**：國內"),
                ("服務的新興產品模式，帶動國內馬達", "服務的新興產品模式，使國內馬達"),
                ("投入智慧化輔具供應鏈；", "投入智慧化輔具產業；"),
                ("投入輔具供應鏈，照護雲", "投入輔具產業，照護雲"))
    d = one(check(tmp_path, text), "review.emerging.technology")
    assert at(d) == locate(text, "    industry: 示範", 4)
    assert d.severity.value == "info"
    assert d.message.zh == "審查重點「具技術或創新服務含量並帶動相關發展」：缺少帶動相關技術或產品發展"


# --- review.emerging.field-trial -------------------------------------------------------------

def test_emerging_field_trial_without_site_commitment(tmp_path):
    text = edit(sample(EMERGING),
                (("    agreement: 已與 2 處長照機構簽署場域合作意向書（見附件），居家使用者由陽明大學依 IRB "
                 "核准之流程招募。\n"), ""),
                ("  - {title: 臺中市私立康和老人長期照顧中心場域合作意向書, kind: 場域合作意向書}\n", ""),
                ("  - {title: 臺北市私立福安日間照顧中心場域合作意向書, kind: 場域合作意向書}\n", ""))
    d = one(check(tmp_path, text), "review.emerging.field-trial")
    assert at(d) == locate(text, "  field_trial:", 2)
    assert d.message.zh == "審查重點「國內場域試煉能量與場域後續營運模式」：缺少場域合作意向書或地方協處"


def test_missing_field_trial_is_left_to_scope_field_trial(tmp_path):
    text = edit_re(sample(EMERGING), r"^  field_trial:\n.*?(?=^work:)", "\n")
    result = check(tmp_path, text)
    assert len(only(result, "scope.field-trial")) == 1
    # site and operation are reported by scope.field-trial; the site letters are attached
    assert only(result, "review.emerging.field-trial") == []


# --- review.topdown.topic-spec ---------------------------------------------------------------

def test_topdown_plan_that_never_mentions_its_topic(tmp_path):
    text = edit(sample(TOPDOWN), ("本計畫回應工業局「智慧製造關鍵模組」主題，", "本計畫"),
                ("工業局公告「智慧製造關鍵模組」主題，", "工業局公告主題，"))
    d = one(check(tmp_path, text), "review.topdown.topic-spec")
    assert at(d) == locate(text, "  abstract: |", 2)
    assert d.message.zh == "審查重點「符合公告主題及產品技術規格」：缺少摘要或背景說明如何回應主題"
    assert d.citation == "主題式研發計畫補助機制（計畫目的；規則(1)）"


# --- review.topdown.chain-integration --------------------------------------------------------

def test_topdown_plan_without_division_of_work(tmp_path):
    text = edit(sample(TOPDOWN), ("    executor: YS\n", "    executor: JH\n"),
                ("weight: 10, executor: YS,", "weight: 10, executor: JH,"))
    d = one(check(tmp_path, text), "review.topdown.chain-integration")
    assert at(d) == locate(text, "work:")
    assert d.message.zh == "審查重點「串連產業鏈的垂直或水平整合」：缺少各單位的分工（兩個以上執行單位）"


def test_review_rules_stay_silent_for_other_plan_types(tmp_path):
    text = edit(sample(TOPDOWN), ("    executor: YS\n", "    executor: JH\n"),
                ("weight: 10, executor: YS,", "weight: 10, executor: JH,"),
                ("plan_type: 主題式", "plan_type: 創新優化-補關鍵"))
    assert only(check(tmp_path, text), "review.topdown.chain-integration") == []


def test_every_review_rule_is_tested_here():
    source = Path(__file__).read_text(encoding="utf-8")
    assert [r for r in REVIEW if f"# --- {r} " not in source] == []
