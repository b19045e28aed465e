"""Traditional Chinese text analysis: Simplified characters, mainland terms, punctuation."""

from __future__ import annotations

from tiip_writer.text.chinese import (
    TextIssue,
    halfwidth_punctuation,
    mainland_terms,
    simplified_characters,
    visible_length,
)


def test_simplified_characters_found_with_traditional_form():
    found = simplified_characters("本公司开发的软件")
    assert found == [TextIssue(3, "开", "開"), TextIssue(4, "发", "發"), TextIssue(6, "软", "軟")]


def test_characters_that_are_correct_in_taiwan_are_not_simplified():
    assert simplified_characters("台中的里長划船、吃粽子，雇用群眾，干擾皇后") == []


def test_pure_traditional_text_has_no_findings():
    assert simplified_characters("產業升級創新平台輔導計畫，開發國產五軸加工機。") == []


def test_mainland_terms_in_traditional_and_simplified_writing():
    assert mainland_terms("開發軟件與網絡數據庫") == [
        TextIssue(2, "軟件", "軟體"), TextIssue(5, "網絡", "網路"), TextIssue(7, "數據庫", "資料庫")]


def test_data_is_taiwan_usage_as_the_briefing_writes_it():
    # 「再依此數據合理評估市場需求」 — the programme briefing itself (shared/seed)
    assert mainland_terms("再依此數據合理評估市場需求") == []
    assert mainland_terms("软件开发计划") == [TextIssue(0, "软件", "軟體"), TextIssue(4, "计划", "計畫")]


def test_longest_term_wins_and_taiwan_usage_is_left_alone():
    assert mainland_terms("大數據分析") == [TextIssue(0, "大數據", "巨量資料")]
    assert mainland_terms("創新優化計畫的作業程序與工作項目") == []


def test_halfwidth_punctuation_inside_chinese_sentences():
    assert halfwidth_punctuation("本計畫,分兩年執行;預算(千元)如下:") == [
        TextIssue(3, ",", "，"), TextIssue(9, ";", "；"), TextIssue(12, "(", "（"),
        TextIssue(15, ")", "）"), TextIssue(18, ":", "："),
    ]


def test_halfwidth_punctuation_in_numbers_and_english_is_fine():
    assert halfwidth_punctuation("電話 (04)2491-5566，時間 10:00，網址 https://example.com, R² ≥ 0.9") == []


def test_visible_length_counts_each_cjk_character_once():
    assert visible_length("計畫 摘要\n第二行 ab") == 9


def test_every_big5_character_opencc_simplifies_is_classified():
    """Each Big5 character that OpenCC treats as Simplified is either correct in Taiwan
    (traditional-in-taiwan.txt) or reported (simplified-in-big5.txt), never both."""
    import opencc

    from tiip_writer.text.chinese import _characters

    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    taiwan = _characters("traditional-in-taiwan.txt")
    simplified = _characters("simplified-in-big5.txt")
    assert taiwan.isdisjoint(simplified)
    unclassified = []
    for code in [*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000)]:
        char = chr(code)
        try:
            char.encode("cp950")
        except UnicodeEncodeError:
            continue
        if s2t.convert(char) != char and t2s.convert(char) == char \
                and char not in taiwan and char not in simplified:
            unclassified.append(char)
    assert unclassified == []


def test_traditional_text_does_not_load_opencc():
    import subprocess
    import sys

    code = ("import sys; from tiip_writer.text.chinese import simplified_characters, mainland_terms;"
            "assert simplified_characters('開發軟件') == [];"
            "assert mainland_terms('開發軟件')[0].suggestion == '軟體';"
            "print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_simplified_characters_inside_big5_are_found():
    assert simplified_characters("智慧机械与网路") == [
        TextIssue(2, "机", "機"), TextIssue(4, "与", "與"), TextIssue(5, "网", "網")]
