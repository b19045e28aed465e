"""Rule documentation is generated from the code and the rule set: docs/rule-reference.md
must be what the generator writes, every rule has its documentation, tiip rules --explain prints it."""

from __future__ import annotations

from tests.helpers import ROOT, run_tiip
from tiip_writer.report.ruledoc import markdown
from tiip_writer.rules import all_rules, rule_modules
from tiip_writer.ruleset import known_years, load_ruleset

NEW_FAMILIES = ("writing.", "review.", "text.")


def test_docs_rules_md_is_up_to_date():
    expected = markdown(load_ruleset(known_years()[-1]))
    actual = (ROOT / "docs" / "rule-reference.md").read_text(encoding="utf-8")
    assert actual == expected, "run: tiip rules --format markdown > docs/rule-reference.md"


def test_every_rule_has_english_and_chinese_documentation():
    for rule_id, module in rule_modules().items():
        assert (module.__doc__ or "").startswith(rule_id + ":"), rule_id
        if rule_id.startswith(NEW_FAMILIES):
            assert all_rules()[rule_id].about, rule_id


def test_every_rule_of_the_rule_set_has_code_and_every_new_rule_is_in_the_rule_set():
    rs = load_ruleset(105)
    listed = {entry.id for entry in rs.rules}
    assert listed <= set(all_rules())
    assert {r for r in all_rules() if r.startswith(NEW_FAMILIES)} <= listed
    # review.* are the 審查重點 criteria, and the review-response rules of a revised proposal
    criteria = {r for r in all_rules() if r.startswith("review.")
                and not r.startswith("review.response-")}
    assert set(rs.data["review_criteria"]) == criteria
    assert {e.severity for e in rs.rules if e.id.startswith("review.")} <= {"info", "warning"}


def test_explain_prints_the_rule_documentation():
    result = run_tiip("rules", "--explain", "writing.length")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "writing.length — 欄位字數不超過上限"
    assert "嚴重度：warning（民國 105 年度規則集）" in lines
    assert "依據：計畫書格式（摘要表字數限制）" in lines
    assert any(line.startswith("門檻：title ≤ 50 字、summary.abstract ≤ 500 字") for line in lines)
    assert lines[-1] == "文件：docs/rule-reference.md#writing.length"


def test_explain_a_review_rule_quotes_the_criterion_in_english_too():
    result = run_tiip("rules", "--explain", "review.emerging.field-trial", "--lang", "en")
    assert "criterion (briefing): （新興育成）開發之新興產品或服務是否包含國內場域試煉取得能量" in result.stdout
    assert "review.emerging.field-trial: 新興育成 審查重點方向 3" in result.stdout


def test_explain_an_unknown_rule_suggests_close_ids():
    result = run_tiip("rules", "--explain", "writing.lenght")
    assert result.exit_code == 2
    assert result.stderr.strip() == "沒有規則「writing.lenght」。是不是要找：writing.length、writing.benefits、" \
                                    "writing.placeholder"
