"""docs.* rules: declarations and attachments the briefing asks for."""

from __future__ import annotations

from tests.helpers import Checker, at, edit, one, only, position, sample_text, with_partner

ALLOCATION = "      resource_allocation: 前案已於 104 年 12 月結案，目前無執行中之政府計畫，本計畫人力與設備可全數投入。\n"


def test_other_plans_running_need_a_resource_allocation(check: Checker) -> None:
    _, result = check.variant(("status: 已結案", "status: 執行中"))
    assert not only(result, "docs.other-plans")                   # the sample explains it
    text, result = check.variant(("status: 已結案", "status: 執行中"), (ALLOCATION, ""))
    d = one(result, "docs.other-plans")
    assert d.message.zh == ("鴻鈞精密機械股份有限公司 有其他政府計畫 五軸加工機主軸熱對稱結構開發計畫（執行中），"
                            "須說明公司資源配置與對本計畫的影響")
    assert at(d) == position(text, "status: 執行中", offset=8)
    _, result = check.variant(("status: 已結案", "status: 申請中"), (ALLOCATION, ""))
    assert only(result, "docs.other-plans")
    _, result = check.variant((ALLOCATION, ""))
    assert not only(result, "docs.other-plans")                   # a closed plan needs nothing


def test_tech_transfer_line_names_its_document(check: Checker) -> None:
    text, result = check.variant(("          agreement: 意向書\n          purpose: 縮短", "          purpose: 縮短"))
    d = one(result, "docs.tech-transfer")
    assert d.message.zh == "技術引進「熱誤差補償演算法技術授權」未註明技轉意向書或草約（agreement）"
    assert at(d) == position(text, "        - item: 熱誤差補償演算法技術授權", offset=10)


def test_tech_transfer_attachment(check: Checker) -> None:
    text, result = check.variant(("kind: 技轉意向書}\n  - {title: 中正", "kind: 其他}\n  - {title: 中正"),
                                 ("委託研究意向書, kind: 技轉意向書}", "委託研究意向書, kind: 其他}"))
    d = one(result, "docs.tech-transfer")
    assert d.message.zh == "計畫含技術移轉，但附件未列技轉意向書、草約或合約"
    assert at(d) == position(text, "\nattachments:", offset=1)
    _, result = check.variant(("kind: 技轉意向書}\n  - {title: 中正", "kind: 技轉草約}\n  - {title: 中正"))
    assert not only(result, "docs.tech-transfer")


def test_rd_log(check: Checker) -> None:
    text, result = check.variant(("  rd_log: true", "  rd_log: false"))
    d = one(result, "docs.rd-log")
    assert d.severity.value == "warning"
    assert d.message.zh == "計畫所列研發人員均應填寫研發紀錄簿，但聲明事項 rd_log 為 false"
    assert at(d) == position(text, "  rd_log: false", offset=10)


def test_cooperation_contract_attached_for_joint_development(check: Checker) -> None:
    text = with_partner(sample_text())
    d = one(check(text), "docs.cooperation-contract")
    assert d.message.zh == "聯合開發須附合作契約書，但附件清單沒有"
    assert at(d) == position(text, "\nattachments:", offset=1)
    attached = edit(text, ("attachments:\n", "attachments:\n  - {title: 產學合作契約書, kind: 合作契約書}\n"))
    assert not only(check(attached), "docs.cooperation-contract")
    assert not only(check(sample_text()), "docs.cooperation-contract")   # one company alone
