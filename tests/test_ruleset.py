"""The 105 rule set: every catalogue rule is there, has code, and its figures load."""

from __future__ import annotations

import re

import pytest

from tests.helpers import ROOT, Checker, at, one, position
from tiip_writer.rules import all_rules
from tiip_writer.ruleset import RulesetError, known_years, load_ruleset

# The eligibility, period, scope, budget, execution and docs ids of shared/spec/rules.md,
# with their catalogue severity.
CATALOGUE = {
    "eligibility.entity-type": "error", "eligibility.bank-refused": "error",
    "eligibility.net-worth": "error", "eligibility.academic-partner": "error",
    "eligibility.institute-partner": "error", "eligibility.lead-company": "error",
    "eligibility.lead-is-company": "error",
    "period.max-duration": "error", "period.start-after-submission": "error",
    "scope.single-target": "error", "scope.new-development": "error",
    "scope.emerging-item": "error", "scope.field-trial": "error",
    "scope.system-feasibility": "warning", "scope.topic-match": "error",
    "budget.subsidy-cap": "error", "budget.subsidy-cap-non-topic": "error",
    "budget.subsidy-floor-topic": "error", "budget.mid-size-bonus": "error",
    "budget.outsourcing-cap": "error", "budget.new-hire-checkpoint": "error",
    "budget.international-hire": "error", "budget.self-funding-floor": "error",
    "budget.academia-split": "error", "budget.institute-split": "error",
    "budget.eligible-category": "error", "budget.arithmetic": "error",
    "budget.rd-commensurate": "warning", "budget.justification": "warning",
    "execution.person-months": "error", "execution.checkpoint-weights": "error",
    "execution.checkpoint-interval": "warning", "execution.within-period": "error",
    "execution.unknown-reference": "error",
    "docs.other-plans": "error", "docs.tech-transfer": "error", "docs.rd-log": "warning",
    "docs.cooperation-contract": "error",
}
ADDED = {"execution.work-weights": "error", "execution.duplicate-code": "error",
         "execution.full-time": "warning"}
SECTIONS = ("eligibility", "period", "scope", "budget", "execution", "docs")


def test_known_years() -> None:
    assert known_years() == (105,)
    with pytest.raises(KeyError):
        load_ruleset(104)


def test_105_lists_every_catalogue_rule_with_its_severity() -> None:
    rs = load_ruleset(105)
    listed = {r.id: r.severity for r in rs.rules if r.id.split(".")[0] in SECTIONS}
    assert listed == {**CATALOGUE, **ADDED}
    assert all(r.citation for r in rs.rules)


def test_every_rule_has_code_and_every_rule_module_is_listed() -> None:
    assert set(all_rules()) == {r.id for r in load_ruleset(105).rules}


def test_the_catalogue_file_agrees_when_it_is_beside_the_project() -> None:
    # ../shared beside a checkout; ../../shared beside a worktree kept in a subfolder.
    places = [up / "shared" / "spec" / "rules.md" for up in (ROOT.parent, ROOT.parent.parent)]
    catalogue = next((p for p in places if p.exists()), None)
    if catalogue is None:
        pytest.skip("shared/spec/rules.md is not beside this checkout")
    text = catalogue.read_text(encoding="utf-8")
    # | id | what it checks | [threshold |] severity | clause |; the catalogue now lists the
    # ids this project added too, so the two must agree on every id and its severity.
    rows = re.findall(r"^\| ((?:{})\.[a-z-]+) \|(?:[^|\n]*\|)*? (error|warning|info) \|"
                      .format("|".join(SECTIONS)), text, re.MULTILINE)
    assert dict(rows) == {**CATALOGUE, **ADDED}


def test_every_threshold_the_rules_show_loads() -> None:
    rs = load_ruleset(105)
    shown = {rule.id: rule.threshold(rs).zh for rule in all_rules().values() if rule.threshold}
    assert shown["budget.subsidy-cap-non-topic"] == "≤ 40%"
    assert shown["period.max-duration"] == "≤ 36 個月"
    assert shown["budget.mid-size-bonus"] == "+20 個百分點，上限 50%"


def test_a_missing_number_is_a_clear_data_error() -> None:
    with pytest.raises(RulesetError, match="no number 'nope'"):
        load_ruleset(105).num("nope")


def test_an_unknown_year_is_a_finding_at_programme_year(check: Checker) -> None:
    text, result = check.variant(("  year: 105", "  year: 106"))
    d = one(result, "ruleset.unknown-year")
    assert d.message.zh == "沒有民國 106 年度的規則集；已知年度：105。"
    assert d.message.en == "there is no rule set for programme year 106; known years: 105."
    assert at(d) == position(text, "  year: 106", offset=8)
    assert result.budget is None and len(result.diagnostics) == 1
