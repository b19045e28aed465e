"""period.* and scope.* rules: passing and failing variants, boundaries, messages, positions."""

from __future__ import annotations

import dataclasses

import pytest

from tests.helpers import Checker, at, edit, one, only, position, sample_text
from tiip_writer.rules import Context, all_rules

FIELD_TRIAL = ("plan_specific:\n", ("plan_specific:\n  field_trial:\n    site: 臺中精密機械園區\n"
               "    plan: 於兩家客戶產線試營運六個月\n    operation: 由本公司服務部負責長期維運\n"))
FEASIBILITY = ("plan_specific:\n", ("plan_specific:\n  system_feasibility:\n"
               "    narrative: 以產線模擬驗證整體系統可行性\n"
               "    metrics:\n      - {item: 稼動率提升, value: 15, unit: '%'}\n"))


@pytest.mark.parametrize(("months", "fails"), [(24, False), (36, False), (37, True)])
def test_max_duration(check: Checker, months: int, fails: bool) -> None:
    text, result = check.variant(("  months: 24", f"  months: {months}"))
    found = only(result, "period.max-duration")
    assert bool(found) == fails
    if fails:
        assert found[0].message.zh == "計畫期程 37 個月，上限 36 個月"
        assert found[0].message.en == "the plan period is 37 months; maximum 36 months"
        assert at(found[0]) == position(text, "  months: 37", offset=10)
        assert found[0].citation == "各計畫類型「計畫期程」"


@pytest.mark.parametrize(("submitted", "fails"), [("2016-06-30", False), ("2016-07-01", False),
                                                  ("2016-07-02", True)])
def test_start_after_submission(check: Checker, submitted: str, fails: bool) -> None:
    text, result = check.variant(("submission_date: 2016-05-16",
                                  f"submission_date: {submitted}"))
    found = only(result, "period.start-after-submission")
    assert bool(found) == fails
    if fails:
        assert found[0].message.zh == "計畫起始日 2016-07-01 早於收文日 2016-07-02"
        assert at(found[0]) == position(text, "start: 2016-07-01", offset=7)


@pytest.mark.parametrize(("key", "rule", "message"), [
    ("single_target", "scope.single-target",
     "每一申請案以開發一項標的為原則，但聲明事項 single_target 為 false"),
    ("new_development", "scope.new-development",
     "本計畫僅補助公司新進行開發之標的，但聲明事項 new_development 為 false"),
])
def test_declarations(check: Checker, key: str, rule: str, message: str) -> None:
    assert not only(check(sample_text()), rule)
    text, result = check.variant((f"  {key}: true", f"  {key}: false"))
    d = one(result, rule)
    assert d.message.zh == message
    assert at(d) == position(text, f"  {key}: false", offset=len(key) + 4)


def emerging(check: Checker, item: str = ""):
    line = f"  plan_type: 新興育成\n{item}"
    return check.variant(("  plan_type: 產業高值\n", line), FIELD_TRIAL)


def test_emerging_item_on_the_list_passes(check: Checker) -> None:
    _, result = emerging(check, "  emerging_item: {area: 生產力4.0, item: 智慧機械/機器人}\n")
    assert not only(result, "scope.emerging-item")


def test_emerging_item_missing(check: Checker) -> None:
    text, result = emerging(check)
    d = one(result, "scope.emerging-item")
    assert d.message.zh == "新興育成計畫須對應 105 年公告的推動項目，但未填 emerging_item"
    assert at(d) == position(text, "\nprogramme:", offset=1)
    assert d.hint is not None and d.hint.zh.startswith("重點項目：生產力4.0、自行車、電動機車")


def test_emerging_item_unknown_area(check: Checker) -> None:
    text, result = emerging(check, "  emerging_item: {area: 太空產業, item: 衛星}\n")
    d = one(result, "scope.emerging-item")
    assert d.message.zh == "「太空產業」不是 105 年公告的新興育成重點項目"
    assert at(d) == position(text, "area: 太空產業", offset=6)


def test_emerging_item_unknown_item(check: Checker) -> None:
    text, result = emerging(check, "  emerging_item: {area: 自行車, item: 電動機車}\n")
    d = one(result, "scope.emerging-item")
    assert d.message.zh == "「電動機車」不是重點項目「自行車」公告的項目內容"
    assert d.hint is not None and d.hint.zh == "「自行車」的項目：智慧化自行車系統"
    assert at(d) == position(text, "item: 電動機車}", offset=6)


@pytest.mark.parametrize("plan_type", ["新興育成", "創新優化-展系統"])
def test_field_trial_required(check: Checker, plan_type: str) -> None:
    swap = ("  plan_type: 產業高值\n", f"  plan_type: {plan_type}\n")
    text, result = check.variant(swap)
    d = one(result, "scope.field-trial")
    assert d.message.zh == f"{plan_type}計畫須說明國內場域試煉規劃與長期維運機制，但未填 field_trial"
    assert at(d) == position(text, "\nplan_specific:", offset=1)
    _, result = check.variant(swap, FIELD_TRIAL)
    assert not only(result, "scope.field-trial")


def test_field_trial_not_asked_of_other_plans(check: Checker) -> None:
    _, result = check.variant(("  plan_type: 產業高值\n", "  plan_type: 創新優化-補關鍵\n"))
    assert not only(result, "scope.field-trial")


def test_system_feasibility(check: Checker) -> None:
    swap = ("  plan_type: 產業高值\n", "  plan_type: 創新優化-展系統\n")
    text, result = check.variant(swap, FIELD_TRIAL)
    d = one(result, "scope.system-feasibility")
    assert d.severity.value == "warning"
    assert d.message.zh == "創新優化-展系統計畫應提出可量化的系統可行性分析，但未填 system_feasibility"
    assert at(d) == position(text, "\nplan_specific:", offset=1)
    text = edit(sample_text(), swap, FIELD_TRIAL)
    assert not only(check(edit(text, FEASIBILITY)), "scope.system-feasibility")


def test_topic_match(check: Checker) -> None:
    text, result = check.variant(("  plan_type: 產業高值\n", "  plan_type: 主題式\n"))
    d = one(result, "scope.topic-match")
    assert d.message.zh == "主題式計畫須寫明所回應的公告研發主題，但未填 topic"
    assert at(d) == position(text, "\nprogramme:", offset=1)
    _, result = check.variant(("  plan_type: 產業高值\n", "  plan_type: 主題式\n  topic: 智慧機械\n"))
    assert not only(result, "scope.topic-match")


def test_topic_match_against_an_announced_list(check: Checker) -> None:
    _, result = check.variant(("  plan_type: 產業高值\n", "  plan_type: 主題式\n  topic: 智慧機械\n"))
    assert result.proposal is not None and result.budget is not None and result.ruleset
    rs = result.ruleset
    rule = all_rules()["scope.topic-match"]
    for topics, expected in ((["智慧機械"], []), (["離岸風電"], ["「智慧機械」不是 105 年公告的研發主題"])):
        listed = dataclasses.replace(rs, data={**rs.data, "announced_topics": topics})
        found = list(rule.findings(Context(result.proposal, result.budget, listed)))
        assert [f.message.zh for f in found] == expected
