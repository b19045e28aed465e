"""Every rule speaks both languages: one failing variant per rule, checked for real English."""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.helpers import (
    SUBSIDY_RATE,
    Checker,
    edit,
    sample_text,
    with_consumable,
    with_partner,
    with_second_company,
    with_unit,
)
from tiip_writer.checking.pipeline import check_file
from tiip_writer.rules import all_rules

Make = Callable[[str], str]


def swap(old: str, new: str) -> Make:
    return lambda text: edit(text, (old, new))


FAILING: list[Make] = [
    swap("entity_type: 股份有限公司", "entity_type: 其他"),
    swap("bank_refused: false", "bank_refused: true"),
    swap("net_worth: 612000", "net_worth: 0"),
    lambda t: with_partner(t, "學界", "其他"),
    lambda t: with_partner(t, "法人", "其他", pid="IT"),
    lambda t: with_second_company(t, lead=True),
    lambda t: edit(with_partner(t, "法人", "經濟部評鑑財團法人", pid="IT"),
                   ("    unit: HJ\n    kind: 研發人員\n    pi: true", "    unit: IT\n    kind: 研發人員\n    pi: true")),
    swap("  months: 24", "  months: 37"),
    swap("submission_date: 2016-05-16", "submission_date: 2016-07-02"),
    swap("  single_target: true", "  single_target: false"),
    swap("  new_development: true", "  new_development: false"),
    swap("  plan_type: 產業高值\n", "  plan_type: 新興育成\n"),
    swap("  plan_type: 產業高值\n", "  plan_type: 創新優化-展系統\n"),
    swap("  plan_type: 產業高值\n", "  plan_type: 主題式\n"),
    lambda t: with_consumable(t, 1625, rate=100),
    swap(SUBSIDY_RATE, "budget:\n  subsidy_rate: 50\n  mid_size_bonus: true"),
    swap("amount: 1500", "amount: 6075"),
    swap("kpi: 新聘演算法工程師 P06 到職，熱變位", "kpi: 熱變位"),
    lambda t: edit(t, ("  plan_type: 產業高值\n", "  plan_type: 主題式\n  topic: 智慧機械\n"),
                   (SUBSIDY_RATE, "budget:\n  subsidy_rate: 30")),
    swap("weight: 20, responsible: [P01]}", "weight: 25, responsible: [P01]}"),
    swap("    new_hire: 碩士\n", "    international: true\n"),
    lambda t: with_unit(with_partner(t), "U1", 9000),
    lambda t: with_unit(with_partner(t, "法人", "經濟部評鑑財團法人", pid="IT"), "IT", 900, 10),
    swap("person_months: 8}", "person_months: 8, amount: 1250}"),
    lambda t: edit(t, *((f"rd_expense: {v}", "rd_expense: 100") for v in (61400, 57200, 50800))),
    swap("purpose: 控制器硬體雛型三版試製", "purpose: 同上"),
    swap("{person: P02, monthly_salary: 80, person_months: 12}",
         "{person: P02, monthly_salary: 80, person_months: 10}"),
    swap("name: 溫度感測模組與佈點設計, weight: 15", "name: 溫度感測模組與佈點設計, weight: 10"),
    swap("{code: B1-1, work_item: B1, month: 12", "{code: B1-1, work_item: B1, month: 13"),
    swap("weight: 10, start_month: 19, end_month: 24}", "weight: 10, start_month: 19, end_month: 25}"),
    swap("{code: A1-1, work_item: A1,", "{code: A1-1, work_item: A9,"),
    swap("  - id: P03\n", "  - id: P02\n"),
    lambda t: edit(t, ("status: 已結案", "status: 執行中"), (
        "      resource_allocation: 前案已於 104 年 12 月結案，目前無執行中之政府計畫，本計畫人力與設備可全數投入。\n", "")),
    swap("          agreement: 意向書\n          purpose: 縮短", "          purpose: 縮短"),
    swap("  rd_log: true", "  rd_log: false"),
    swap("    effort: {B1: 8, B2: 4}", "    effort: {B1: 10, B2: 2}"),
    # writing.*, review.*, text.*
    swap("source: 台灣區工具機暨零組件工業同業公會（TMBA）", "source: 本公司推估"),
    lambda t: re.sub(r"^  figures:\n.*?(?=^technology:)", "  figures: []\n", t, flags=re.DOTALL | re.MULTILINE),
    lambda t: re.sub(r"^  advantage: \|\n.*?(?=^  method:)", "  advantage: 無\n", t,
                     flags=re.DOTALL | re.MULTILINE),
    swap("name: 日本 Okuma", "name: A公司"),
    lambda t: re.sub(r"^  price: 整機定價.*?\n", "  price: 無\n", t, flags=re.MULTILINE),
    lambda t: re.sub(r"^    industry: 帶動國內.*?\n", "    industry: 無\n", t, flags=re.MULTILINE),
    swap("market_share: 全球五軸機約 9%", "market_share: N/A"),
    swap("title: 高精度五軸加工機智慧熱變位補償系統開發計畫", "title: " + "高精度五軸加工機" * 8),
    swap("title: 高精度", "title: ○○○高精度"),
    swap("  agency: 經濟部工業局\n", "  agency: 經濟部產業發展署\n"),
    swap("segment: 航太結構件、骨科植入物等高精度零件加工", "segment: 無"),
    lambda t: re.sub(r"^  plan: 預計申請發明專利.*?\n", "  plan: 無\n", t, flags=re.MULTILINE),
    lambda t: edit(t, ("  kind: 系統\n", "  kind: 服務\n"),
                   ("供既有 1,200 台 HV 系列客戶加購", "供既有 1,200 台 HV 系列加購")),
    swap("after: {unit_price: 9800, gross_margin: 31, annual_volume: 260",
         "after: {unit_price: 7400, gross_margin: 24, annual_volume: 150"),
    swap("launch: 2018 年第 3 季", "launch: 無"),
    swap("  plan_type: 產業高值\n", "  plan_type: 創新優化-補關鍵\n"),
    lambda t: edit(t, ("  plan_type: 產業高值\n", "  plan_type: 新興育成\n"),
                   ("industry: 帶動國內溫度感測器", "industry: 國內溫度感測器")),
    swap("title: 高精度五軸加工機", "title: 高精度五轴加工机"),
    swap("撰寫與 CNC 的即時通訊與補償軟體", "撰寫與 CNC 的即時通訊與補償軟件"),
    swap("直銷；歐洲", "直銷;歐洲"),
]
ENGLISH = re.compile(r"[A-Za-z]{3,}")      # an English word
ZH_PUNCTUATION = re.compile(r"[，。：；？！]")  # a Chinese sentence left untranslated


QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|「[^」]*」")  # quoted user text may stay Chinese


def english(text: str, zh: str) -> bool:
    """Return True when `text` reads as the English version of `zh` (names may stay Chinese)."""
    unquoted = QUOTED.sub("", text)
    return text != zh and bool(ENGLISH.search(unquoted)) and not ZH_PUNCTUATION.search(unquoted)


def test_every_rule_has_a_failing_variant_with_english_messages(check: Checker) -> None:
    seen: set[str] = set()
    for make in FAILING:
        for d in check(make(sample_text())).diagnostics:
            seen.add(d.rule)
            assert english(d.message.en, d.message.zh), d.message
            assert d.hint is None or english(d.hint.en, d.hint.zh), d.hint
    # review.response-* need the version the reviewers read (tests/test_review_responses.py)
    reviewed, revised = check.folder / "reviewed.yaml", check.folder / "revised.yaml"
    reviewed.write_text(sample_text(), encoding="utf-8")
    responses = ("submission_date: 2016-05-16\nreview_responses:\n"
                 "  - {comment: 請補充。, response: 已補充。}\n"
                 "  - {comment: 請修正風險。, response: 已修正。, sections: [risks]}\n")
    revised.write_text(edit(sample_text(), ("客戶只能", "客戶目前只能"),
                            ("submission_date: 2016-05-16\n", responses)), encoding="utf-8")
    for d in check_file(revised, revised_from=check_file(reviewed).source).diagnostics:
        seen.add(d.rule)
        assert english(d.message.en, d.message.zh), d.message
        assert d.hint is None or english(d.hint.en, d.hint.zh), d.hint
    # budget.eligible-category needs a narrower rule set (tests/test_rules_budget.py).
    assert set(all_rules()) - seen == {"budget.eligible-category"}
