"""Inline suppression `# tiip: ignore[rule-id] reason`: where it applies, and what is wrong with
a suppression itself."""

from __future__ import annotations

from tests.variants import at, check, edit, edit_re, locate, one, only, sample

ANONYMOUS = "    - name: A公司"


def anonymous(comment_after: str = "", comment_above: str = "") -> str:
    above = f"    {comment_above}\n" if comment_above else ""
    return edit(sample(), ("    - name: 日本 Okuma\n", f"{above}{ANONYMOUS}{comment_after}\n"))


def test_comment_on_the_line_of_the_finding(tmp_path):
    result = check(tmp_path, anonymous("  # tiip: ignore[writing.competitors] 客戶要求匿名"))
    assert only(result, "writing.competitors") == []
    assert [d.rule for d in result.suppressed] == ["writing.competitors"]
    assert result.diagnostics == []


def test_comment_on_the_line_above(tmp_path):
    result = check(tmp_path, anonymous(comment_above="# tiip: ignore[writing] 客戶要求匿名"))
    assert result.diagnostics == [] and len(result.suppressed) == 1


def test_comment_on_the_key_of_a_block_text_covers_the_whole_text(tmp_path):
    text = edit(sample(), ("  narrative: |\n    全球工具機市場", "  narrative: |  # tiip: ignore[text] 引用大陸報告原文\n    全球工具機市場"),
                ("國內廠商則\n    多仰賴", "國內廠商則\n    多仰賴網絡與"))
    result = check(tmp_path, text)
    assert result.diagnostics == [] and [d.rule for d in result.suppressed] == ["text.taiwan-term"]


def test_comment_above_skips_blank_lines_but_not_content(tmp_path):
    text = edit(sample(), ("    - name: 日本 Okuma\n",
                           "    # tiip: ignore[writing.competitors] 客戶要求匿名\n\n    - name: A公司\n"))
    result = check(tmp_path, text)
    # blank lines are skipped: the comment covers the next content line
    assert len(only(result, "writing.competitors")) == 0
    text = edit(sample(), ("      product: MU-5000V（Thermo-Friendly Concept）\n",
                           ("      product: MU-5000V（Thermo-Friendly Concept）\n"
                           "      # tiip: ignore[writing.competitors] 放錯位置\n")),
                ("    - name: 日本 Okuma\n", "    - name: A公司\n"))
    result = check(tmp_path, text)
    assert len(only(result, "writing.competitors")) == 1
    own = [d.rule for d in result.diagnostics if d.rule.startswith("suppression.")]
    assert own == ["suppression.unused"]


def test_suppression_without_a_reason_still_silences_and_is_reported(tmp_path):
    text = anonymous("  # tiip: ignore[writing.competitors]")
    d = one(check(tmp_path, text), "suppression.missing-reason")
    assert at(d) == locate(text, "# tiip: ignore")
    assert d.message.zh == "忽略註解沒有說明理由" and d.severity.value == "warning"
    assert only(check(tmp_path, text), "writing.competitors") == []


def test_suppression_of_an_unknown_or_format_rule(tmp_path):
    text = anonymous("  # tiip: ignore[writing.competitor, schema.type] 打錯")
    result = check(tmp_path, text)
    assert [d.message.zh for d in only(result, "suppression.unknown-rule")] == [
        "忽略註解指向不存在或不能忽略的規則「writing.competitor」",
        "忽略註解指向不存在或不能忽略的規則「schema.type」"]
    assert len(only(result, "writing.competitors")) == 1


def test_unused_suppression_is_reported(tmp_path):
    text = edit(sample(), ("    - name: 日本 Okuma\n",
                           "    - name: 日本 Okuma  # tiip: ignore[writing.competitors] 舊註解\n"))
    d = one(check(tmp_path, text), "suppression.unused")
    assert at(d) == locate(text, "# tiip:")
    assert d.severity.value == "info"
    assert d.message.zh == "忽略註解沒有忽略任何問題：「writing.competitors」在此處沒有發現"


def test_text_inside_a_string_is_not_a_comment(tmp_path):
    text = edit_re(sample(), r"^  channel: .*?\n",
                   '  channel: "國內直銷;歐洲代理 # tiip: ignore[text.punctuation-width] 理由"\n')
    result = check(tmp_path, text)
    d = one(result, "text.punctuation-width")
    assert at(d) == locate(text, "直銷;", 2)
    assert result.suppressed == []


def test_suppression_levels_follow_tiip_toml(tmp_path):
    from tiip_writer.checking.config import Config

    text = anonymous("  # tiip: ignore[writing.competitors]")
    result = check(tmp_path, text, Config(rules={"suppression.missing-reason": "off"}))
    assert result.diagnostics == []
