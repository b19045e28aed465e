"""writing.*: each rule fails on a variant of a sample (id, position, message) and passes on it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.helpers import SAMPLES, run_tiip
from tests.variants import HIGH_VALUE, at, check, edit, edit_re, locate, one, only, sample
from tiip_writer.checking.config import Config
from tiip_writer.rules import Context, all_rules

WRITING = sorted(r for r in all_rules() if r.startswith("writing."))


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_samples_pass_every_writing_rule(tmp_path, name):
    result = check(tmp_path, sample(name))
    assert [d for d in result.diagnostics if d.rule.startswith("writing.")] == []


# --- writing.market-source ---------------------------------------------------------------

def test_market_figure_without_source(tmp_path):
    text = edit(sample(), (("      source: Gardner Research《World Machine Tool Output & Consumption"
                           " Survey》\n      as_of: 2016-02\n"), ""))
    d = one(check(tmp_path, text), "writing.market-source")
    assert at(d) == locate(text, "label: 全球工具機消費值")
    assert d.message.zh == "市場數據「全球工具機消費值」沒有註明資料來源"
    assert d.severity.value == "error" and d.citation == "計畫書撰寫技巧（市場需求）"


def test_market_figure_from_the_applicant_is_not_third_party(tmp_path):
    text = edit(sample(), ("source: 台灣區工具機暨零組件工業同業公會（TMBA）",
                           "source: 本公司業務部推估"))
    d = one(check(tmp_path, text), "writing.market-source")
    assert at(d) == locate(text, "本公司業務部推估")
    assert d.message.zh == "市場數據「我國工具機出口值」的來源「本公司業務部推估」不是公正第三方（本公司）"


def test_market_figure_without_date(tmp_path):
    text = edit(sample(), ("《智慧機械產業趨勢》\n      as_of: 2015-11\n", "《智慧機械產業趨勢》\n"))
    d = one(check(tmp_path, text), "writing.market-source")
    assert at(d) == locate(text, "source: 工研院產經中心（IEK）《智慧機械產業趨勢》")
    assert d.message.zh == "市場數據「全球五軸加工機市場規模（預估）」沒有註明資料時間"


def test_market_figure_in_prose_needs_a_source_in_its_sentence(tmp_path):
    text = edit(sample(), ("    多仰賴控制器廠的通用補償參數，效果有限。\n",
                           ("    多仰賴控制器廠的通用補償參數，效果有限。國內五軸機市場約 45 億元，年成長 8%。\n"
                           "    亞洲市場規模 120 億美元（資料來源：IEK）。全球消費值 788 億美元。\n")))
    found = only(check(tmp_path, text), "writing.market-source")
    assert [at(d) for d in found] == [locate(text, "45 億元")]
    assert found[0].message.zh == "「market.narrative」中的市場數字「45 億元」沒有註明來源"


def test_percent_without_market_words_is_not_a_market_figure(tmp_path):
    result = check(tmp_path, sample())  # background: 「降低稼動率約 15%」
    assert "稼動率約 15%" in sample() and only(result, "writing.market-source") == []


# --- writing.market-size -------------------------------------------------------------------

def test_market_without_figures(tmp_path):
    text = edit_re(sample(), r"^  figures:\n.*?(?=^technology:)", "  figures: []\n\n")
    d = one(check(tmp_path, text), "writing.market-size")
    assert at(d) == locate(text, "figures: []")
    assert d.message.zh == "市場需求沒有量化：market.figures 沒有任何非零的市場數據"


# --- writing.tech-advantage ------------------------------------------------------------------

def test_technology_without_advantage(tmp_path):
    text = edit_re(sample(), r"^  advantage: \|\n.*?(?=^  method:)", "  advantage: 無\n")
    d = one(check(tmp_path, text), "writing.tech-advantage")
    assert at(d) == locate(text, "  advantage: 無", len("  advantage: "))
    assert d.message.zh == "技術章節沒有具體說明公司本身的技術優勢（technology.advantage）"


def test_technology_innovation_too_short(tmp_path):
    text = edit_re(sample(), r"^  innovation: \|\n.*?(?=^  advantage:)", "  innovation: 採用新技術\n")
    d = one(check(tmp_path, text), "writing.tech-advantage")
    assert at(d) == locate(text, "採用新技術")
    assert "技術或服務的創新之處" in d.message.zh


# --- writing.competitors ---------------------------------------------------------------------

def test_competitors_without_real_names(tmp_path):
    text = edit(sample(), ("name: 日本 Okuma", "name: A公司"), ("name: 德國 DMG MORI", "name: 國外大廠"))
    found = only(check(tmp_path, text), "writing.competitors")
    assert [at(d) for d in found] == [locate(text, "A公司"), locate(text, "國外大廠")]
    assert [d.message.zh for d in found] == ["競爭者「A公司」沒有寫出具體名稱",
                                            "競爭者「國外大廠」沒有寫出具體名稱"]
    assert found[0].severity.value == "warning"


def test_no_competitor_at_all(tmp_path):
    text = edit_re(sample(), r"^  competitors:\n.*?(?=^  differentiation:)", "  competitors: []\n")
    d = one(check(tmp_path, text), "writing.competitors")
    assert at(d) == locate(text, "competitors: []")
    assert d.message.zh == "競爭分析沒有列出任何競爭者"


def test_differentiation_must_be_explained(tmp_path):
    text = edit_re(sample(), r"^  differentiation: \|\n.*?(?=^marketing:)",
                   "  differentiation: 價格較低、精度較高\n\n")
    d = one(check(tmp_path, text), "writing.competitors")
    assert at(d) == locate(text, "價格較低、精度較高")
    assert d.message.zh == "沒有說明與競爭者的差異與利基（少於 30 字）"


def test_competitor_advantage_must_be_stated(tmp_path):
    text = edit(sample(), ("advantage: 熱補償技術成熟、品牌形象佳", "advantage: 無"))
    d = one(check(tmp_path, text), "writing.competitors")
    assert at(d) == locate(text, "advantage: 無", len("advantage: "))
    assert d.message.zh == "競爭者「日本 Okuma」沒有說明其技術或服務優勢"


# --- writing.marketing-4p --------------------------------------------------------------------

def test_marketing_without_price_strategy(tmp_path):
    text = edit_re(sample(), r"^  price: 整機定價.*?\n", "  price: 無\n")
    d = one(check(tmp_path, text), "writing.marketing-4p")
    assert at(d) == locate(text, "  price: 無", len("  price: "))
    assert d.message.zh == "行銷策略缺少具體的價格策略（marketing.price）"


# --- writing.benefits ------------------------------------------------------------------------

def test_benefits_not_quantified(tmp_path):
    text = sample()
    for key in ("output_increase: 2460000", "new_products: 2", "derived_investment: 85000",
                "new_jobs: 35", "cost_reduction: 12000", "patents: 4"):
        text = edit(text, (f"    {key}\n", f"    {key.split(':')[0]}: 0\n"))
    d = one(check(tmp_path, text), "writing.benefits")
    assert at(d) == locate(text, "  quantified:", 2)
    assert d.message.zh == "預期效益沒有量化：所有量化效益都是 0 或空白"


def test_benefits_without_qualitative_industry(tmp_path):
    text = edit_re(sample(), r"^    industry: 帶動國內.*?\n", "    industry: 無\n")
    d = one(check(tmp_path, text), "writing.benefits")
    assert at(d) == locate(text, "    industry: 無", len("    industry: "))
    assert d.message.zh == "沒有具體說明對產業的質化效益"


# --- writing.required-section ----------------------------------------------------------------

def test_missing_form_section(tmp_path):
    text = edit_re(sample(), r"^ip:\n.*?(?=^competition:)", "")
    d = one(check(tmp_path, text), "writing.required-section")
    assert d.message.zh == "缺少計畫書章節「智慧財產權」（ip）"
    assert d.severity.value == "error"


@pytest.mark.parametrize("empty", ["N/A", "—", "…", "略"])
def test_empty_text_must_say_無(tmp_path, empty):
    text = edit(sample(), ("market_share: 全球五軸機約 9%", f"market_share: {empty}"))
    d = one(check(tmp_path, text), "writing.required-section")
    assert at(d) == locate(text, f"market_share: {empty}", len("market_share: "))
    assert d.message.zh == f"「市占率」沒有內容（{empty}）"
    assert d.hint.zh == "請填入內容；不適用的項目請填「無」"


def test_無_is_accepted(tmp_path):
    text = edit(sample(), ("market_share: 全球五軸機約 9%", "market_share: 無"))
    assert only(check(tmp_path, text), "writing.required-section") == []


# --- writing.length --------------------------------------------------------------------------

def _long_abstract() -> str:
    lines = "".join("    " + "甲乙丙丁戊" * 10 + "\n" for _ in range(11))  # 11 × 50 characters
    return edit_re(sample(), r"^  abstract: \|\n.*?(?=^  keywords:)", "  abstract: |\n" + lines)


def test_abstract_over_its_limit_points_at_the_first_extra_character(tmp_path):
    text = _long_abstract()
    d = one(check(tmp_path, text), "writing.length")
    line, _column = locate(text, "  abstract: |")
    assert at(d) == (line + 11, 5)  # character 501 opens the 11th line of the block
    assert d.message.zh == "「計畫摘要」有 550 字，超過上限 500 字（多 50 字）"


def test_length_limit_from_tiip_toml(tmp_path):
    config = Config(length_limits={"summary.abstract": 600, "title": 10})
    result = check(tmp_path, _long_abstract(), config)
    d = one(result, "writing.length")
    assert d.message.zh == "「計畫名稱」有 21 字，超過上限 10 字（多 11 字）"


# --- writing.placeholder ---------------------------------------------------------------------

@pytest.mark.parametrize("placeholder", ["○○○", "XXX", "TBD", "todo", "待補", "（請填寫：通路）"])
def test_placeholder_is_found_at_its_character(tmp_path, placeholder):
    text = edit(sample(), ("channel: 國內由自有 5 個營業據點直銷；",
                           f"channel: 國內由自有 5 個營業據點直銷{placeholder}；"))
    d = one(check(tmp_path, text), "writing.placeholder")
    found = placeholder[1:4] if placeholder.startswith("（") else placeholder
    assert at(d) == locate(text, f"直銷{placeholder}", 2 + placeholder.index(found))
    assert d.message.zh == f"「通路策略」還有未填寫的預留文字「{found}」"


def test_words_containing_x_are_not_placeholders(tmp_path):
    text = edit(sample(), ("product: HV-5X 智慧熱補償機型", "product: HV-5X Xbox 智慧熱補償機型"))
    assert only(check(tmp_path, text), "writing.placeholder") == []


def test_fresh_scaffold_reports_what_is_left_to_fill(tmp_path):
    target = tmp_path / "new.yaml"
    assert run_tiip("new", str(target), "--plan", "產業高值").exit_code == 0
    result = run_tiip("check", str(target))
    assert result.exit_code == 1
    text = target.read_text(encoding="utf-8")
    line, column = locate(text, "（請填寫：計畫名稱", 1)
    assert f"{target}:{line}:{column}  error  writing.placeholder  「計畫名稱」還有未填寫的預留文字「請填寫」" \
        in result.stdout
    # the other placeholders are gathered per section (tests/test_beginner_messages.py)
    assert 10 < result.stdout.count("writing.placeholder") < 30
    assert run_tiip("check", "--verbose", str(target)).stdout.count("writing.placeholder") > 50


# --- writing.agency-name ---------------------------------------------------------------------

def test_cover_agency_of_another_year(tmp_path):
    text = edit(sample(), ("  agency: 經濟部工業局\n", "  agency: 經濟部產業發展署\n"))
    d = one(check(tmp_path, text), "writing.agency-name")
    assert at(d) == locate(text, "經濟部產業發展署")
    assert d.message.zh == "主辦機關寫成「經濟部產業發展署」，但民國 105 年度應為「經濟部工業局」"


def test_agency_that_did_not_exist_yet_in_the_text(tmp_path):
    text = edit(sample(), ("  本公司 HV-5X 系列目前", "  本公司曾獲經濟部產業發展署輔導，HV-5X 系列目前"))
    d = one(check(tmp_path, text), "writing.agency-name")
    assert at(d) == locate(text, "經濟部產業發展署")
    assert d.message.zh == "民國 105 年度尚無「經濟部產業發展署」，主辦機關應為「經濟部工業局」"


def test_agency_names_follow_the_rule_set_mapping(tmp_path):
    base = check(tmp_path, sample(HIGH_VALUE))
    rs = base.ruleset
    later = dataclasses.replace(rs, year=112, agency="經濟部產業發展署")
    context = Context(base.proposal, base.budget, later)
    findings = list(all_rules()["writing.agency-name"].findings(context))
    assert [f.message.zh for f in findings] == [
        "主辦機關寫成「經濟部工業局」，但民國 112 年度應為「經濟部產業發展署」"]
    # the former name in prose (a 103 plan of 經濟部工業局) is correct history, not reported
    assert "經濟部工業局（業界開發產業技術計畫）" in sample(HIGH_VALUE)


def test_every_writing_rule_is_tested_here():
    source = Path(__file__).read_text(encoding="utf-8")
    assert [r for r in WRITING if f"# --- {r} " not in source] == []


def test_a_placeholder_is_reported_once_by_writing_placeholder(tmp_path):
    text = edit_re(sample(), r"^  advantage: \|\n.*?(?=^  method:)", "  advantage: （請填寫：技術優勢）\n")
    result = check(tmp_path, text)
    assert [d.rule for d in result.diagnostics] == ["writing.placeholder"]
    quiet = check(tmp_path, text, Config(rules={"writing.placeholder": "off"}))
    # review.high-value.product-innovation leaves the advantage to writing.tech-advantage
    assert [d.rule for d in quiet.diagnostics] == ["writing.tech-advantage"]
