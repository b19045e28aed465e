"""text.*: findings at the character inside the YAML string, with the replacement proposed."""

from __future__ import annotations

import pytest

from tests.helpers import SAMPLES
from tests.variants import at, check, edit, locate, one, only, sample

SIMPLIFIED_PARAGRAPH = (
    "  本公司 HV-5X 系列目前主要銷往模具與一般零件市場，平均單價僅日系同級機的六成。若能解決\n"
    "  熱變位問題，即可切入高單價、高毛利的航太與醫材市場。\n")
PASTED = (
    "  本公司 HV-5X 系列目前主要销往模具与一般零件市场，平均单价仅日系同级机的六成。若能解决\n"
    "  热变位问题，即可切入高单价、高毛利的航太与医材市场。\n")


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_samples_have_no_text_findings(tmp_path, name):
    result = check(tmp_path, sample(name))
    assert [d for d in result.diagnostics if d.rule.startswith("text.")] == []


# --- text.simplified -------------------------------------------------------------------------

def test_simplified_paragraph_is_found_at_the_character(tmp_path):
    text = edit(sample(), (SIMPLIFIED_PARAGRAPH, PASTED))
    found = only(check(tmp_path, text), "text.simplified")
    # one finding per sentence (a line break inside a paragraph is not a sentence end),
    # at its first Simplified character
    assert [at(d) for d in found] == [locate(text, "销往"), locate(text, "解决", 1)]
    assert found[0].message.zh == "簡體字「销」「与」「场」「单」「价」「仅」等 8 字"
    assert found[0].hint.zh == ("改為正體字（销→銷、与→與、场→場、单→單、价→價、仅→僅、级→級、机→機）："
                                "「本公司 HV-5X 系列目前主要銷往模具與一般零件市場，平均單價僅日系同級機的六成。」")
    assert found[0].severity.value == "error" and found[0].citation == "計畫書格式（正體中文）"


@pytest.mark.parametrize("old, new, needle", [
    ("title: 高精度五軸加工機", "title: 高精度五轴加工机", "轴"),                       # plain
    ("name: 五軸加工機智慧熱變位補償系統", 'name: "五軸加工機智慧熱变位補償系統"', "变"),  # quoted
    ("    - label: 我國工具機出口值", "    - label: '我國工具機出口值（单位）'", "单"),    # single quoted
])
def test_simplified_character_in_any_scalar_style(tmp_path, old, new, needle):
    text = edit(sample(), (old, new))
    d = one(check(tmp_path, text), "text.simplified")
    assert at(d) == locate(text, needle)


def test_characters_correct_in_taiwan_are_not_simplified(tmp_path):
    text = edit(sample(), ("representative: 劉國鈞", "representative: 范郁杰"))
    assert only(check(tmp_path, text), "text.simplified") == []


# --- text.taiwan-term ------------------------------------------------------------------------

def test_mainland_term_in_a_block_text(tmp_path):
    text = edit(sample(), ("撰寫與 CNC 的即時通訊與補償軟體", "撰寫與 CNC 的即時通訊與補償軟件"))
    d = one(check(tmp_path, text), "text.taiwan-term")
    assert at(d) == locate(text, "軟件")
    assert d.message.zh == "「軟件」是中國大陸用語，臺灣用「軟體」"
    assert d.hint.zh == "改為「軟體」" and d.severity.value == "warning"


def test_計劃_in_a_programme_name_is_計畫(tmp_path):
    text = edit(sample(), ("name: 五軸加工機主軸熱對稱結構開發計畫", "name: 五軸加工機主軸熱對稱結構開發計劃"))
    d = one(check(tmp_path, text), "text.taiwan-term")
    assert at(d) == locate(text, "計劃")
    assert d.hint.zh == "改為「計畫」"


def test_folded_text_positions_follow_the_source_lines(tmp_path):
    text = edit(sample(), ("  narrative: |\n    全球工具機市場", "  narrative: >\n    全球工具機市場"),
                ("國內廠商則\n    多仰賴", "國內廠商則\n    多仰賴網絡與"))
    d = one(check(tmp_path, text), "text.taiwan-term")
    assert at(d) == locate(text, "網絡")


# --- text.punctuation-width ------------------------------------------------------------------

def test_halfwidth_punctuation_in_a_chinese_sentence(tmp_path):
    text = edit(sample(), ("國內由自有 5 個營業據點直銷；歐洲透過", "國內由自有 5 個營業據點直銷;歐洲透過"),
                ("美國新增航太專業代理商 1 家。", "美國新增航太專業代理商(一家)。"))
    found = only(check(tmp_path, text), "text.punctuation-width")
    assert [at(d) for d in found] == [locate(text, "直銷;", 2), locate(text, "代理商(", 3)]
    assert found[0].message.zh == "中文句子中使用半形標點「;」（1 處）"
    assert found[0].hint.zh == "改為全形標點：; → ；"
    assert found[1].hint.zh == "改為全形標點：( → （、) → ）"


def test_halfwidth_in_numbers_and_english_is_fine(tmp_path):
    assert "(04)2491-5566" in sample()
    assert only(check(tmp_path, sample()), "text.punctuation-width") == []
