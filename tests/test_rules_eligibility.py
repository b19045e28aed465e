"""eligibility.* rules: each passes on the sample and fails on an edited copy, at the right place."""

from __future__ import annotations

import pytest

from tests.helpers import (
    Checker,
    at,
    edit,
    one,
    only,
    position,
    sample_text,
    with_partner,
    with_second_company,
)


def test_the_sample_is_clean(check: Checker) -> None:
    result = check(sample_text())
    assert result.budget is not None
    assert result.diagnostics == []


@pytest.mark.parametrize("form", ["股份有限公司", "有限公司", "無限公司", "兩合公司", "獨資", "合夥"])
def test_entity_type_accepts_registered_forms(check: Checker, form: str) -> None:
    _, result = check.variant(("entity_type: 股份有限公司", f"entity_type: {form}"))
    assert not only(result, "eligibility.entity-type")


def test_entity_type_rejects_other(check: Checker) -> None:
    text, result = check.variant(("entity_type: 股份有限公司", "entity_type: 其他"))
    d = one(result, "eligibility.entity-type")
    assert d.message.zh == "鴻鈞精密機械股份有限公司 的組織型態為「其他」，不是依法登記之獨資、合夥事業或公司"
    assert at(d) == position(text, "entity_type: 其他", offset=13)
    assert d.citation == "計畫申請資格"
    assert d.severity.value == "error"


def test_bank_refused(check: Checker) -> None:
    text, result = check.variant(("bank_refused: false", "bank_refused: true"))
    d = one(result, "eligibility.bank-refused")
    assert d.message.zh == "鴻鈞精密機械股份有限公司 為銀行拒絕往來戶，不符申請資格"
    assert d.message.en == ("鴻鈞精密機械股份有限公司 is on the banks' refused-account list and "
                            "may not apply")
    assert at(d) == position(text, "bank_refused: true", offset=14)


@pytest.mark.parametrize(("worth", "fails"), [("1", False), ("0", True), ("-1200", True)])
def test_net_worth_must_be_positive(check: Checker, worth: str, fails: bool) -> None:
    text, result = check.variant(("net_worth: 612000", f"net_worth: {worth}"))
    found = only(result, "eligibility.net-worth")
    assert bool(found) == fails
    if fails:
        shown = "-1,200" if worth == "-1200" else worth
        assert found[0].message.zh == f"鴻鈞精密機械股份有限公司 淨值 {shown} 千元，須大於 0 千元"
        assert at(found[0]) == position(text, f"net_worth: {worth}", offset=11)


@pytest.mark.parametrize(("category", "fails"), [
    ("公立大專校院", False), ("私立大專校院", False), ("公立研究機構", False),
    ("經濟部評鑑財團法人", True), ("其他", True)])
def test_academic_partner_category(check: Checker, category: str, fails: bool) -> None:
    text = with_partner(sample_text(), "學界", category)
    found = only(check(text), "eligibility.academic-partner")
    assert bool(found) == fails
    if fails:
        assert found[0].message.zh == (f"學界合作單位 合作單位 U1 的機構類型為「{category}」，"
                                       "學界限公私立大專院校及公立研究機構")
        assert at(found[0]) == position(text, f"category: {category}", offset=10)


@pytest.mark.parametrize(("category", "fails"), [("經濟部評鑑財團法人", False), ("其他", True),
                                                 ("公立研究機構", True)])
def test_institute_partner_category(check: Checker, category: str, fails: bool) -> None:
    text = with_partner(sample_text(), "法人", category)
    found = only(check(text), "eligibility.institute-partner")
    assert bool(found) == fails
    if fails:
        assert found[0].message.zh == (f"法人合作單位 合作單位 U1 的機構類型為「{category}」，"
                                       "法人以經濟部所評鑑之財團法人為限")
        assert at(found[0]) == position(text, f"category: {category}", offset=10)


def test_lead_company_one_lead_and_a_declared_contract_pass(check: Checker) -> None:
    text = with_second_company(sample_text(), lead=False)
    text = edit(text, ("  rd_log: true\n", "  rd_log: true\n  cooperation_contract: true\n"))
    assert not only(check(text), "eligibility.lead-company")


def test_lead_company_needs_a_lead(check: Checker) -> None:
    text = with_second_company(edit(sample_text(), ("      lead: true\n", "")), lead=False)
    found = only(check(text), "eligibility.lead-company")
    assert [d.message.zh for d in found] == [
        "聯合申請有 2 家公司，但沒有標示主導公司",
        "聯合申請須簽訂合作契約書，但聲明事項未聲明 cooperation_contract: true"]
    assert at(found[0]) == position(text, "  companies:", offset=2)
    assert at(found[1]) == position(text, "\ndeclarations:", offset=1)


def test_lead_company_only_one_lead(check: Checker) -> None:
    text = with_second_company(sample_text(), lead=True)
    text = edit(text, ("  rd_log: true\n", "  rd_log: true\n  cooperation_contract: false\n"))
    found = only(check(text), "eligibility.lead-company")
    assert found[0].message.zh == ("只能有一家主導公司，但 2 家都標示了 lead: true"
                                   "（安邦感測科技有限公司）")
    second_lead = text.index("lead: true", text.index("id: AB"))
    line = text.count("\n", 0, second_lead) + 1
    assert at(found[0]) == (line, 13)
    assert at(found[1]) == position(text, "cooperation_contract: false", offset=22)


def test_lead_is_company_when_the_pi_belongs_to_the_institute(check: Checker) -> None:
    text = with_partner(sample_text(), "法人", "經濟部評鑑財團法人", pid="IT")
    assert not only(check(text), "eligibility.lead-is-company")
    text = edit(text, ("    unit: HJ\n    kind: 研發人員\n    pi: true",
                       "    unit: IT\n    kind: 研發人員\n    pi: true"))
    d = one(check(text), "eligibility.lead-is-company")
    assert d.message.zh == ("計畫主持人 P01 屬於法人 合作單位 IT；"
                            "產研共同提案須由業者擔任主導單位，法人為共同執行單位")
    assert at(d) == position(text, "    unit: IT\n    kind: 研發人員\n    pi: true", offset=10)
