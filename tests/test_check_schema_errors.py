"""`tiip check` names every structural mistake with its exact message and line:column."""

from __future__ import annotations

import re

from tests.helpers import locate, replace_once, run_tiip, sample_text

FINDING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+)  (?P<sev>\w+)  (?P<rule>\S+)  (?P<msg>.*)$")


def findings(stdout: str) -> list[dict]:
    """Return the finding lines of `tiip check` output, parsed."""
    return [m.groupdict() for line in stdout.splitlines() if (m := FINDING.match(line))]


def check_variant(write_variant, text: str, *extra: str) -> tuple[int, list[dict], str]:
    path = write_variant(text)
    result = run_tiip("check", *extra, str(path))
    return result.exit_code, findings(result.stdout), result.stdout


def only(found: list[dict]) -> dict:
    assert len(found) == 1, found
    return found[0]


def test_missing_required_field_points_at_the_mapping_that_lacks_it(write_variant):
    text = replace_once(sample_text(), "      representative: 劉國鈞\n", "")
    code, found, out = check_variant(write_variant, text)
    assert code == 1
    finding = only(found)
    assert (int(finding["line"]), int(finding["col"])) == locate(text, "id: HJ")
    assert finding["rule"] == "schema.required"
    assert finding["msg"] == "缺少必填欄位「representative」（負責人）。"
    assert "提示：請補上此欄位；不適用的項目請填「無」。" in out


def test_wrong_type_names_the_field_and_both_types(write_variant):
    text = replace_once(sample_text(), "employees: 286", "employees: 很多")
    _code, found, _ = check_variant(write_variant, text)
    finding = only(found)
    assert (int(finding["line"]), int(finding["col"])) == locate(text, "很多")
    assert finding["rule"] == "schema.type"
    assert finding["msg"] == "「員工人數」應為整數，實際為文字。"


def test_bad_enum_suggests_the_closest_allowed_value(write_variant):
    text = replace_once(sample_text(), "plan_type: 產業高值", "plan_type: 產業高質")
    _code, found, out = check_variant(write_variant, text)
    finding = only(found)
    assert (int(finding["line"]), int(finding["col"])) == locate(text, "產業高質")
    assert finding["rule"] == "schema.enum"
    assert finding["msg"] == "「產業高質」不是「計畫類型」可用的值。"
    assert "是不是要寫「產業高值」？" in out


def test_unknown_key_points_at_the_key_and_suggests_a_spelling(write_variant):
    text = replace_once(sample_text(), "  email: yichun.chen", "  e-mail: yichun.chen")
    _code, found, out = check_variant(write_variant, text)
    # the misspelt key is unknown, and the real one is therefore missing
    rules = {f["rule"]: f for f in found}
    assert set(rules) == {"schema.unknown-key", "schema.required"}
    unknown = rules["schema.unknown-key"]
    assert (int(unknown["line"]), int(unknown["col"])) == locate(text, "e-mail")
    assert unknown["msg"] == "未知的欄位「e-mail」。"
    assert "是不是要寫「email」？" in out


def test_impossible_date_is_reported_with_the_expected_form(write_variant):
    text = replace_once(sample_text(), "founded: 1992-04-15", "founded: 1992-04-31")
    _code, found, out = check_variant(write_variant, text)
    finding = only(found)
    assert (int(finding["line"]), int(finding["col"])) == locate(text, "1992-04-31")
    assert finding["rule"] == "schema.date"
    assert finding["msg"] == "「1992-04-31」不是有效的日期。"
    assert "請用西元日期 YYYY-MM-DD" in out


def test_duplicate_key_names_the_first_occurrence(write_variant):
    text = replace_once(sample_text(), "submission_date: 2016-05-16\n",
                        "submission_date: 2016-05-16\ntitle: 另一個名稱\n")
    _code, found, _out = check_variant(write_variant, text)
    finding = only(found)
    assert (int(finding["line"]), int(finding["col"])) == locate(text, "title: 另一個名稱")
    first_line, _ = locate(text, "title: 高精度")
    assert finding["rule"] == "yaml.duplicate-key"
    assert finding["msg"] == f"欄位「title」重複出現（第一次在第 {first_line} 行）。"


def test_unquoted_leading_zero_number_asks_for_quotes(write_variant):
    text = replace_once(sample_text(), 'tax_id: "17784483"', "tax_id: 01784483")
    _code, found, out = check_variant(write_variant, text)
    finding = only(found)
    assert (int(finding["line"]), int(finding["col"])) == locate(text, "01784483")
    assert finding["rule"] == "yaml.leading-zero"
    assert finding["msg"] == "「01784483」開頭是 0，YAML 會把它當成數字而改變數值（例如統一編號會掉 0）。"
    assert '提示：請加上引號："01784483"' in out


def test_unquoted_yes_where_text_is_meant(write_variant):
    text = replace_once(sample_text(), "representative: 劉國鈞", "representative: yes")
    _code, found, _out = check_variant(write_variant, text)
    finding = only(found)
    assert (int(finding["line"]), int(finding["col"])) == locate(text, "yes")
    assert finding["rule"] == "yaml.unquoted"
    assert finding["msg"] == "「yes」沒有加引號，YAML 把它讀成布林值（是／否），但「負責人」需要文字。"


def test_unquoted_date_where_text_is_meant(write_variant):
    text = replace_once(sample_text(), "  name: 陳怡君\n  title: 研發處經理\n  phone", "  name: 2016-05-01\n  title: 研發處經理\n  phone")
    _code, found, _ = check_variant(write_variant, text)
    finding = only(found)
    assert finding["rule"] == "yaml.unquoted"
    assert finding["msg"] == "「2016-05-01」沒有加引號，YAML 把它讀成日期，但「姓名」需要文字。"


def test_every_error_is_reported_not_only_the_first(write_variant):
    text = sample_text()
    text = replace_once(text, "plan_type: 產業高值", "plan_type: 產業高質")
    text = replace_once(text, "employees: 286", "employees: 很多")
    text = replace_once(text, "  email: yichun.chen", "  mail: yichun.chen")
    code, found, _ = check_variant(write_variant, text)
    assert code == 1
    assert [f["rule"] for f in found] == [
        "schema.enum", "schema.type", "schema.required", "schema.unknown-key"]
    lines = [int(f["line"]) for f in found]
    assert lines == sorted(lines)


def test_english_messages_with_lang_en(write_variant):
    text = replace_once(sample_text(), "employees: 286", "employees: 很多")
    _code, found, _out = check_variant(write_variant, text, "--lang", "en")
    finding = only(found)
    assert finding["msg"] == "'員工人數' must be a whole number, not text."
