"""budget.* rules: caps compared exactly on the amounts, messages with the figures, positions.

Boundaries are built by adding a consumables line at a 100% rate (not a new hire, so it counts
fully against the 40% cap): the sample's 5,236 base subsidy of its 13,090 total is exactly 40%,
so the sample passes and 1 千元 more (5,237 ÷ 13,091 = 40.0046%) fails, although it rounds to
40.0%: the message then shows two decimals, rounded away from the limit (40.01%).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.helpers import (
    SUBSIDY_RATE,
    Checker,
    at,
    edit,
    one,
    only,
    position,
    run_tiip,
    sample_text,
    with_consumable,
    with_partner,
    with_unit,
)
from tiip_writer.rules import Context, all_rules, locate
from tiip_writer.rules.budget_mid_size_bonus import bonus_cap


def rate_position(text: str) -> tuple[int, int]:
    """Return where the plan's subsidy_rate value stands."""
    return position(text, "budget:\n  subsidy_rate: ", offset=len("budget:\n  subsidy_rate: "))


@pytest.mark.parametrize(("extra", "shown"), [
    (0, None), (1, "40.01%（5,237 ÷ 13,091"), (10, "40.05%（5,246 ÷ 13,100"),
    (11, "40.1%（5,247 ÷ 13,101")])
def test_non_topic_cap_at_40_percent(check: Checker, extra: int, shown: str | None) -> None:
    # Compared on the amounts: 5,237 ÷ 13,091 is 40.004%, which reads 40.0% yet breaks the cap,
    # so the message shows two decimals, rounded away from the limit.
    text = with_consumable(sample_text(), extra, rate=100) if extra else sample_text()
    found = only(check(text), "budget.subsidy-cap-non-topic")
    assert bool(found) == (shown is not None)
    if shown:
        assert found[0].message.zh == ("補助款（不含新聘人才 100% 補助之加碼 504 千元）占總經費 "
                                       f"{shown} 千元），上限 40%")
        assert at(found[0]) == rate_position(text)
        assert found[0].citation == "補助計畫機制調整配套措施 2"


def test_non_topic_cap_counts_a_100_percent_line_that_is_not_a_new_hire(check: Checker) -> None:
    _, result = check.variant(("    new_hire: 碩士\n", ""))
    d = one(result, "budget.subsidy-cap-non-topic")
    assert d.message.zh == "補助款占總經費 43.9%（5,740 ÷ 13,090 千元），上限 40%"
    assert d.message.en == ("subsidy as a share of the total budget: 43.9% (5,740 of 13,090 "
                            "thousand NT$); maximum 40%")


def test_non_topic_cap_not_applied_to_topic_or_institute_plans(check: Checker) -> None:
    text = with_consumable(sample_text(), 500, rate=100)
    assert only(check(text), "budget.subsidy-cap-non-topic")
    topic = edit(text, ("  plan_type: 產業高值\n", "  plan_type: 主題式\n  topic: 智慧機械\n"))
    assert not only(check(topic), "budget.subsidy-cap-non-topic")
    institute = with_partner(text, "法人", "經濟部評鑑財團法人", pid="IT")
    assert not only(check(institute), "budget.subsidy-cap-non-topic")


@pytest.mark.parametrize(("extra", "shown"), [
    (1610, None), (1611, "50.01%（7,351 ÷ 14,701"), (1625, "50.1%（7,365 ÷ 14,715")])
def test_subsidy_cap_at_50_percent(check: Checker, extra: int, shown: str | None) -> None:
    # 7,350 ÷ 14,700 is exactly 50%; one thousand more breaks the cap, though it reads 50.0%.
    text = with_consumable(sample_text(), extra, rate=100)
    found = only(check(text), "budget.subsidy-cap")
    assert bool(found) == (shown is not None)
    if shown:
        assert found[0].message.zh == f"補助款占總經費 {shown} 千元），上限 50%"
        assert at(found[0]) == rate_position(text)


@pytest.mark.parametrize(("extra", "shown"), [
    (1610, None), (1611, "49.99%（7,350 ÷ 14,701"), (1625, "49.9%（7,350 ÷ 14,715")])
def test_self_funding_floor_at_50_percent(check: Checker, extra: int, shown: str | None) -> None:
    text = with_consumable(sample_text(), extra, rate=100)
    found = only(check(text), "budget.self-funding-floor")
    assert bool(found) == bool(shown)
    if shown:
        assert found[0].message.zh == f"自籌款占總經費 {shown} 千元），下限 50%"


def test_self_funding_floor_is_60_percent_with_a_school(check: Checker) -> None:
    text = with_partner(sample_text())
    d = one(check(text), "budget.self-funding-floor")
    assert d.message.zh == "自籌款占總經費 56.1%（7,350 ÷ 13,090 千元），下限 60%"
    assert at(d) == rate_position(text)


TOPIC = ("  plan_type: 產業高值\n", "  plan_type: 主題式\n  topic: 智慧機械\n")


def test_topic_floor_at_40_percent(check: Checker) -> None:
    no_uplift = ("person_months: 14, subsidy_rate: 100}", "person_months: 14}")
    _, result = check.variant(TOPIC, no_uplift)           # 5,236 ÷ 13,090 = 40.0%
    assert not only(result, "budget.subsidy-floor-topic")
    text, result = check.variant(TOPIC, no_uplift, (SUBSIDY_RATE, "budget:\n  subsidy_rate: 39"))
    d = one(result, "budget.subsidy-floor-topic")
    assert d.message.zh == "主題式計畫補助款占總經費 39.0%（5,105 ÷ 13,090 千元），下限 40%"
    assert at(d) == rate_position(text)
    one_more = with_consumable(edit(sample_text(), TOPIC, no_uplift), 1, rate=0)
    d = one(check(one_more), "budget.subsidy-floor-topic")   # 1 千元 of self-funding more
    assert d.message.zh == "主題式計畫補助款占總經費 39.99%（5,236 ÷ 13,091 千元），下限 40%"


BONUS = (SUBSIDY_RATE, "budget:\n  subsidy_rate: 50\n  mid_size_bonus: true")


def test_mid_size_bonus_needs_a_mid_size_company(check: Checker) -> None:
    text, result = check.variant(BONUS)
    d = one(result, "budget.mid-size-bonus")
    assert d.message.zh == "申請中堅企業加碼，但申請公司皆未列為中堅企業重點輔導對象（mid_size）"
    assert at(d) == position(text, "mid_size_bonus: true", offset=16)
    assert only(result, "budget.subsidy-cap-non-topic")   # no valid bonus: the 40% cap stands


def test_mid_size_bonus_raises_the_cap_to_50_percent(check: Checker) -> None:
    _, result = check.variant(BONUS, ("mid_size: false", "mid_size: true"))
    assert not only(result, "budget.mid-size-bonus")
    assert not only(result, "budget.subsidy-cap-non-topic")
    text, result = check.variant((SUBSIDY_RATE, "budget:\n  subsidy_rate: 51\n  mid_size_bonus: true"),
                                 ("mid_size: false", "mid_size: true"))
    d = one(result, "budget.mid-size-bonus")
    assert d.message.zh == "補助款（含中堅企業加碼）占總經費 51.0%（6,676 ÷ 13,090 千元），上限 50%"
    assert at(d) == rate_position(text)
    at_cap = edit(sample_text(), BONUS, ("mid_size: false", "mid_size: true"))   # 6,545 = 50%
    assert not only(check(at_cap), "budget.mid-size-bonus")
    d = one(check(with_consumable(at_cap, 1, rate=100)), "budget.mid-size-bonus")
    assert d.message.zh == "補助款（含中堅企業加碼）占總經費 50.01%（6,546 ÷ 13,091 千元），上限 50%"


def test_mid_size_bonus_modes(check: Checker) -> None:
    rs = check(sample_text()).ruleset
    assert rs is not None
    assert bonus_cap(rs) == 50                                       # min(40 + 20, 50)
    thresholds = {**rs.data["thresholds"], "mid_size_bonus_mode": "multiplier"}
    assert bonus_cap(dataclasses.replace(rs, data={**rs.data, "thresholds": thresholds})) == 48


@pytest.mark.parametrize(("amount", "shown"), [
    (6060, None), (6061, "40.01%（7,061 ÷ 17,651"), (6075, "40.1%（7,075 ÷ 17,665")])
def test_outsourcing_cap(check: Checker, amount: int, shown: str | None) -> None:
    # 7,060 ÷ 17,650 is exactly 40%.
    text, result = check.variant(("amount: 1500", f"amount: {amount}"))
    found = only(result, "budget.outsourcing-cap")
    assert bool(found) == (shown is not None)
    if shown:
        assert found[0].message.zh == f"無形資產引進費與委託研究費合計占總經費 {shown} 千元），上限 40%"
        assert at(found[0]) == position(text, f"amount: {amount}", offset=8)


P06_RATE = "person_months: 14, subsidy_rate: 100"


NAMED_IN_KPI = ("kpi: 新聘演算法工程師 P06 到職，熱變位", "kpi: 熱變位")


def test_a_new_hire_only_responsible_for_checkpoints_is_not_listed_in_one(check: Checker) -> None:
    # 配套措施 3: the hire itself is a checkpoint item; owning A2-1 and B2-1 does not say so
    text, result = check.variant(NAMED_IN_KPI)
    d = one(result, "budget.new-hire-checkpoint")
    assert d.message.zh == ("新聘碩士 P06（待聘 演算法工程師）的人事費以 100% 補助，但沒有任何查核點"
                            "的內容寫到此人（P06 雖是查核點 A2-1、B2-1 的負責人員，但新聘人力本身須"
                            "列入查核點）")
    assert d.hint.zh.startswith("在查核點的 kpi 寫出 P06（或到職後的姓名），例如「新聘碩士 P06 到職")
    assert at(d) == position(text, P06_RATE, offset=len(P06_RATE) - 3)


def test_a_new_hire_named_nowhere(check: Checker) -> None:
    _, result = check.variant(NAMED_IN_KPI, ("responsible: [P06, P01]", "responsible: [P01]"),
                              ("responsible: [P04, P06]", "responsible: [P04]"))
    assert one(result, "budget.new-hire-checkpoint").message.zh == (
        "新聘碩士 P06（待聘 演算法工程師）的人事費以 100% 補助，但沒有任何查核點的內容寫到此人")


def test_a_checkpoint_naming_the_hire_is_enough_even_if_others_own_it(check: Checker) -> None:
    _, result = check.variant(("responsible: [P06, P01]", "responsible: [P01]"),
                              ("responsible: [P04, P06]", "responsible: [P04]"))
    assert not only(result, "budget.new-hire-checkpoint")


@pytest.mark.parametrize(("kpi", "named"), [
    ("kpi: 新聘 P060 到職，熱變位", False),      # another code that starts alike
    ("kpi: 新聘AP06到職，熱變位", False),
    ("kpi: 新聘 P06.2 到職，熱變位", False),     # the code of a scaled copy
    ("kpi: 新聘 P06-1 到職，熱變位", False),
    ("kpi: 新聘 P06. 到職，熱變位", True),
    ("kpi: 新聘（P06）到職，熱變位", True),
    ("kpi: 陳小明到職，熱變位", True),            # by name, once hired
])
def test_the_hire_is_named_by_whole_code_or_name(check: Checker, kpi: str, named: bool) -> None:
    _, result = check.variant(("kpi: 新聘演算法工程師 P06 到職，熱變位", kpi),
                              ("    title: 演算法工程師\n", "    name: 陳小明\n    title: 演算法工程師\n"))
    assert bool(only(result, "budget.new-hire-checkpoint")) is not named


def test_international_hire_only_for_an_sme(check: Checker) -> None:
    hire = ("    new_hire: 碩士\n", "    international: true\n")
    text, result = check.variant(hire)
    d = one(result, "budget.international-hire")
    assert d.message.zh == ("新聘國際研發人才 P06（待聘 演算法工程師）的人事費以 100% 補助，"
                            "但 鴻鈞精密機械股份有限公司 不是中小企業")
    assert at(d) == position(text, P06_RATE, offset=len(P06_RATE) - 3)
    _, result = check.variant(hire, ("sme: false", "sme: true"))
    assert not only(result, "budget.international-hire")
    assert not only(result, "budget.subsidy-cap-non-topic")   # an SME's hire is uplift


def academia(school: int) -> str:
    """Return a school plan: HJ at 40% without the uplift line, school U1 spending `school`."""
    text = edit(sample_text(), ("person_months: 14, subsidy_rate: 100}", "person_months: 14}"))
    return with_unit(with_partner(text), "U1", school)


def test_academia_split_at_its_limits_passes(check: Checker) -> None:
    result = check(academia(5610))     # 13,090 + 5,610 = 18,700: 70/30, 28/12, 40 exactly
    assert not only(result, "budget.academia-split")
    assert not only(result, "budget.self-funding-floor")


def test_academia_split_one_thousand_off_its_limits_fails(check: Checker) -> None:
    # At 5,610 all five shares sit exactly on their limits; 1 千元 either way breaks some.
    assert [d.message.zh for d in only(check(academia(5611)), "budget.academia-split")] == [
        "業者經費占總經費 69.99%（13,090 ÷ 18,701 千元），下限 70%",
        "學界經費占總經費 30.01%（5,611 ÷ 18,701 千元），上限 30%"]
    result = check(academia(5609))    # the school's 40% of 5,609 rounds up to 2,244
    assert [d.message.zh for d in only(result, "budget.academia-split")] == [
        "工業局補助款（業者）占總經費 28.01%（5,236 ÷ 18,699 千元），上限 28%",
        "科技部補助款（學界）占總經費 12.01%（2,244 ÷ 18,699 千元），上限 12%",
        "政府補助合計占總經費 40.01%（7,480 ÷ 18,699 千元），上限 40%"]
    assert [d.message.zh for d in only(result, "budget.self-funding-floor")] == [
        "自籌款占總經費 59.99%（11,219 ÷ 18,699 千元），下限 60%"]


def test_academia_split_over_its_limits(check: Checker) -> None:
    text = academia(5650)
    found = only(check(text), "budget.academia-split")
    assert [d.message.zh for d in found] == [
        "科技部補助款（學界）占總經費 12.1%（2,260 ÷ 18,740 千元），上限 12%",
        "業者經費占總經費 69.9%（13,090 ÷ 18,740 千元），下限 70%",
        "學界經費占總經費 30.1%（5,650 ÷ 18,740 千元），上限 30%"]
    assert [at(d) for d in found] == [rate_position(text), position(text, "    HJ:", 4),
                                      position(text, "    U1:", 4)]


def institute(amount: int, rate: int | None = None) -> str:
    """Return an industry+institute plan at a 50% plan rate with institute spending `amount`."""
    text = edit(sample_text(), (SUBSIDY_RATE, "budget:\n  subsidy_rate: 50"))
    return with_unit(with_partner(text, "法人", "經濟部評鑑財團法人", pid="IT"), "IT", amount, rate)


@pytest.mark.parametrize(("amount", "messages"), [
    (840, []),                         # 6,965 ÷ 13,930 = 50.0%
    (4322, []),                        # 6,965 ÷ 17,412 = 40.001%
    (839, ["產研計畫補助款占總經費 50.01%（6,965 ÷ 13,929 千元），上限 50%"]),
    (4323, ["產研計畫補助款占總經費 39.99%（6,965 ÷ 17,413 千元），下限 40%"]),
    (800, ["產研計畫補助款占總經費 50.1%（6,965 ÷ 13,890 千元），上限 50%"]),
    (4400, ["產研計畫補助款占總經費 39.8%（6,965 ÷ 17,490 千元），下限 40%"]),
    (13200, ["產研計畫補助款占總經費 26.5%（6,965 ÷ 26,290 千元），下限 40%",
             "業者經費占總經費 49.8%（13,090 ÷ 26,290 千元），下限 50%"]),
])
def test_institute_split_band(check: Checker, amount: int, messages: list[str]) -> None:
    found = only(check(institute(amount)), "budget.institute-split")
    assert [d.message.zh for d in found] == messages


def test_institute_budgets_self_funding_only(check: Checker) -> None:
    text = institute(1050, rate=10)    # subsidy 6,965 + 105 = 7,070 ÷ 14,140: still 50.0%
    d = one(check(text), "budget.institute-split")
    assert d.message.zh == "法人經費僅能編列自籌款，但此補助比率使法人經費含補助款 105 千元"
    assert at(d) == position(text, "      subsidy_rate: 10", offset=20)


def test_eligible_category_follows_the_year(check: Checker) -> None:
    text = sample_text()
    result = check(text)
    assert result.proposal and result.budget and result.ruleset
    rule = all_rules()["budget.eligible-category"]
    assert not list(rule.findings(Context(result.proposal, result.budget, result.ruleset)))
    narrower = dataclasses.replace(result.ruleset, categories=tuple(
        c for c in result.ruleset.categories if c.key != "travel_foreign"))
    [finding] = rule.findings(Context(result.proposal, result.budget, narrower))
    assert finding.message.zh == "105 年度不能編列「travel_foreign」科目"
    assert locate(result.source.positions, finding.pointer, finding.at_key) == \
        position(text, "      travel_foreign:", offset=6)


@pytest.mark.parametrize(("stated", "fails"), [("1200", False), ("1200.4", False),
                                               ("1200.5", True), ("1250", True)])
def test_arithmetic_of_a_stated_line_amount(check: Checker, stated: str, fails: bool) -> None:
    text, result = check.variant(("person_months: 8}", f"person_months: 8, amount: {stated}}}"))
    found = only(result, "budget.arithmetic")
    assert bool(found) == fails
    if stated == "1250":
        assert found[0].message.zh == "自填金額 1,250 千元與公式計算 150 × 8 = 1,200 千元不符"
        assert at(found[0]) == position(text, "amount: 1250", offset=8)


def test_arithmetic_of_declared_totals(check: Checker) -> None:
    declared = "  declared: {total: 13090, subsidy: 5740, self_funding: 7350}\n"
    _, result = check.variant((SUBSIDY_RATE, SUBSIDY_RATE + "\n" + declared.rstrip("\n")))
    assert not only(result, "budget.arithmetic")
    wrong = declared.replace("total: 13090", "total: 13000")
    text, result = check.variant((SUBSIDY_RATE, SUBSIDY_RATE + "\n" + wrong.rstrip("\n")))
    d = one(result, "budget.arithmetic")
    assert d.message.zh == "自填總經費 13,000 千元與各明細加總 13,090 千元不符"
    assert at(d) == position(text, "total: 13000", offset=7)


def rd(value: str) -> tuple[tuple[str, str], ...]:
    return tuple((f"rd_expense: {old}", f"rd_expense: {value}") for old in (61400, 57200, 50800))


@pytest.mark.parametrize(("spend", "shown"), [
    ("3272.5", None), ("3272", "2.01 倍（6,545 ÷ 3,272"), ("3190", "2.1 倍（6,545 ÷ 3,190")])
def test_rd_commensurate(check: Checker, spend: str, shown: str | None) -> None:
    text, result = check.variant(*rd(spend))     # yearly budget 13,090 × 12 ÷ 24 = 6,545
    found = only(result, "budget.rd-commensurate")
    assert bool(found) == bool(shown)
    if shown:
        assert found[0].severity.value == "warning"
        assert found[0].message.zh == ("鴻鈞精密機械股份有限公司 年度計畫經費為近年平均研發費用的 "
                                       f"{shown} 千元），上限 2 倍")
        assert at(found[0]) == position(text, "      operations:", offset=6)


def test_rd_commensurate_without_rd_spending(check: Checker) -> None:
    _, result = check.variant(*rd("0"))
    d = one(result, "budget.rd-commensurate")
    assert d.message.zh == ("鴻鈞精密機械股份有限公司 近年研發費用為 0，年度計畫經費 6,545 千元"
                            "無從與研發經費比較")


@pytest.mark.parametrize(("purpose", "fails"), [("三版試製", False), ("試製用", True),
                                                ("同上", True), ("  ", True)])
def test_justification(check: Checker, purpose: str, fails: bool) -> None:
    text, result = check.variant(("purpose: 控制器硬體雛型三版試製", f"purpose: '{purpose}'"))
    found = only(result, "budget.justification")
    assert bool(found) == fails
    if fails:
        assert found[0].severity.value == "warning"
        assert found[0].message.zh == (f"「補償控制器 PCB 打樣與電子零件」的用途說明"
                                       f"「{purpose.strip()}」過於簡略")
        assert at(found[0]) == position(text, f"purpose: '{purpose}'", offset=9)


def test_a_blank_budget_says_what_is_missing_instead_of_dividing_by_zero(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    assert run_tiip("new", str(target), "--plan", "產業高值").exit_code == 0
    checked = run_tiip("check", str(target))
    floor = [line for line in checked.stdout.splitlines() if "error  budget.self-funding-floor" in line]
    assert len(floor) == 1
    assert floor[0].endswith("自籌款占總經費無法計算：總經費為 0 千元，經費明細尚未填寫金額")
    assert "0 ÷ 0" not in checked.stdout
    budget = run_tiip("budget", str(target)).stdout.splitlines()
    row = next(line for line in budget if line.endswith("budget.self-funding-floor"))
    assert row.split()[1:4] == ["—", "≥", "50%"] and row.split()[4] == "—"
    limits = json.loads(run_tiip("budget", str(target), "--format", "json").stdout)["limits"]
    assert {m["rule"]: m["blank"] for m in limits}["budget.self-funding-floor"] is True
