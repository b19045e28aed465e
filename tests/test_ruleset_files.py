"""Rule sets as published data: the format's schema, `tiip rules new`, `tiip rules lint`, and
where rule sets are found (TIIP_RULESET_PATH, installed editions, the package)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ROOT, edit, position, run_tiip, sample_text
from tiip_writer.editions.rule_needs import Need, rule_needs
from tiip_writer.ruleset import find_ruleset, known_years, load_ruleset

BUILTIN = ROOT / "rulesets" / "105.yaml"


def new_116(folder: Path) -> Path:
    result = run_tiip("rules", "new", "116", "--from", "105", "-o", str(folder))
    assert result.exit_code == 0, result.stderr
    return folder / "116.yaml"


def lint(path: Path):
    result = run_tiip("rules", "lint", str(path))
    return result, [line for line in result.stdout.splitlines() if not line.startswith("    ")]


def test_the_bundled_rule_set_is_clean():
    result, lines = lint(BUILTIN)
    assert (result.exit_code, lines) == (0, [])
    assert "沒有發現問題" in result.stderr


def test_rules_new_writes_an_editable_copy_with_the_year_and_its_agency(tmp_path):
    path = new_116(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 民國 116 年度規則集：由 tiip rules new 自民國 105 年度（內建）複製。")
    original = BUILTIN.read_text(encoding="utf-8")
    assert "\nyear: 116\n" in text and "\nagency: 經濟部產業發展署\n" in text  # from agency_names
    # everything else is the source text, comments included
    body = text.split("\n", 2)[2]
    assert body == edit(original, ("\nyear: 105\n", "\nyear: 116\n"),
                        ("\nagency: 經濟部工業局\n", "\nagency: 經濟部產業發展署\n"))
    assert lint(path)[0].exit_code == 0


def test_rules_new_never_overwrites(tmp_path):
    path = new_116(tmp_path)
    path.write_text("mine", encoding="utf-8")
    result = run_tiip("rules", "new", "116", "--from", "105", "-o", str(tmp_path))
    assert result.exit_code == 2 and "不會覆寫" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine"


def test_rules_new_from_an_unknown_year(tmp_path):
    result = run_tiip("rules", "new", "116", "--from", "99", "-o", str(tmp_path))
    assert result.exit_code == 2 and "沒有民國 99 年度的規則集可複製" in result.stderr


def test_lint_reports_every_problem_at_its_line_and_column(tmp_path):
    text = new_116(tmp_path).read_text(encoding="utf-8")
    broken = edit(text, ("  max_months: 36 ", "  max_months: 三十六 "),
                  ("  outsourcing_cap: 40 ", "  # outsourcing_cap: 40 "),
                  ("  docs.rd-log: {", "  docs.rd-logg: {"),
                  ("  travel_foreign:", "  travel_abroad:"),
                  ("\nthresholds:\n", "\nthresholds:\n  subsidy_capp: 50\n"))
    path = tmp_path / "116.yaml"
    path.write_text(broken, encoding="utf-8")
    result, lines = lint(path)
    assert result.exit_code == 1

    def at(needle: str, offset: int = 0) -> str:
        line, column = position(broken, needle, offset)
        return f"{path}:{line}:{column}"

    assert lines == sorted([
        f"{at('  travel_abroad:', 2)}  error  ruleset.unknown-category  會計科目「travel_abroad」不是計畫書格式中的經費欄位",
        f"{at('  subsidy_capp', 2)}  error  schema.unknown-key  未知的欄位「subsidy_capp」。",
        f"{at('三十六')}  error  schema.type  「max_months」應為整數，實際為文字。",
        f"{at('  budget.outsourcing-cap:', 2)}  error  ruleset.missing-value  規則 budget.outsourcing-cap 需要 thresholds.outsourcing_cap，但規則集沒有",
        f"{at('  docs.rd-logg', 2)}  error  ruleset.unknown-rule  沒有規則「docs.rd-logg」，tiip 無法執行它",
    ], key=lambda line: [int(n) for n in line.split("  ")[0].split(":")[1:3]])
    assert "是不是「docs.rd-log」？" in result.stdout
    assert "是不是要寫「subsidy_cap」？" in result.stdout
    assert "5 個問題" in result.stderr


def test_lint_names_a_year_that_differs_from_the_file_name(tmp_path):
    path = tmp_path / "117.yaml"
    path.write_text(BUILTIN.read_text(encoding="utf-8"), encoding="utf-8")
    result, lines = lint(path)
    assert result.exit_code == 1
    expected = f"{path}:4:7  error  ruleset.year-name  檔名是 117.yaml，檔案內卻寫 year: 105；tiip 依檔名找年度"
    assert lines == [expected]


def test_lint_of_an_unreadable_file_exits_2(tmp_path):
    result = run_tiip("rules", "lint", str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2 and "missing.yaml" in result.stderr


def test_the_values_each_rule_needs_come_from_its_code():
    needs = rule_needs()
    assert needs["budget.subsidy-cap"] == {Need("thresholds", "subsidy_cap")}
    # passed along as text to a helper in the module, and read through prose helpers
    assert Need("thresholds", "academia_school_max") in needs["budget.academia-split"]
    assert Need("top", "placeholders") in needs["writing.placeholder"]
    assert Need("top", "review_criteria") in needs["review.high-value.growth"]
    # every value a rule needs is in the bundled rule set
    data = load_ruleset(105).data
    for rule_id, names in needs.items():
        for need in names:
            where = {**data.get("thresholds", {}), **data.get("formulas", {})} \
                if need.section == "thresholds" else data
            assert need.name in where, (rule_id, need)


def test_the_schema_describes_every_threshold_of_the_bundled_rule_set():
    schema = json.loads((ROOT / "schemas" / "ruleset.schema.json").read_text(encoding="utf-8"))
    data = load_ruleset(105).data
    assert set(data["thresholds"]) == set(schema["properties"]["thresholds"]["properties"])
    assert set(data) <= set(schema["properties"])


def test_search_path_wins_over_the_package_and_reports_say_where(tmp_path, monkeypatch):
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "105.yaml"
    draft.write_text(edit(BUILTIN.read_text(encoding="utf-8"),
                          ("  max_months: 36 ", "  max_months: 12 ")), encoding="utf-8")
    monkeypatch.setenv("TIIP_RULESET_PATH", str(folder))
    assert find_ruleset(105).path == draft.resolve()
    assert load_ruleset(105).num("max_months") == 12
    sets = run_tiip("rules", "sets").stdout.splitlines()
    assert sets[1:] == [f"  105  使用中  TIIP_RULESET_PATH（{folder}）  {draft.resolve()}",
                        f"  105  被前者取代  內建  {BUILTIN.resolve()}"]
    listing = run_tiip("rules").stdout.splitlines()
    assert listing[1] == f"來源：TIIP_RULESET_PATH（{folder}），{draft.resolve()}"
    proposal = tmp_path / "p.yaml"
    proposal.write_text(sample_text(), encoding="utf-8")
    report = json.loads(run_tiip("check", str(proposal), "--format", "json").stdout)
    assert report["files"][0]["ruleset_source"] == {
        "kind": "path", "path": str(draft.resolve()), "edition": None, "signed_by": None}
    assert "period.max-duration" in [d["rule"] for d in report["files"][0]["diagnostics"]]


def test_an_edited_rule_set_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TIIP_RULESET_PATH", str(tmp_path))
    path = new_116(tmp_path)
    assert 116 in known_years() and load_ruleset(116).num("max_months") == 36
    path.write_text(edit(path.read_text(encoding="utf-8"),
                         ("  max_months: 36 ", "  max_months: 24 ")), encoding="utf-8")
    assert load_ruleset(116).num("max_months") == 24


def test_a_broken_rule_set_is_a_finding_not_a_crash(tmp_path, monkeypatch):
    monkeypatch.setenv("TIIP_RULESET_PATH", str(tmp_path))
    (tmp_path / "105.yaml").write_text("year: 105\nprogramme: x\n", encoding="utf-8")
    proposal = tmp_path / "p.yaml"
    proposal.write_text(sample_text(), encoding="utf-8")
    result = run_tiip("check", str(proposal))
    assert result.exit_code == 1
    assert "ruleset.invalid" in result.stdout and "tiip rules lint" in result.stdout


@pytest.mark.parametrize("name", ["extra.yaml", "README.yaml"])
def test_files_not_named_by_a_year_are_not_rule_sets(tmp_path, monkeypatch, name):
    monkeypatch.setenv("TIIP_RULESET_PATH", str(tmp_path))
    (tmp_path / name).write_text("year: 116\n", encoding="utf-8")
    assert known_years() == (105,)
