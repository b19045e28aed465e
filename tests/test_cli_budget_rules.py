"""The tiip check, budget and rules commands as a user runs them: output and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.helpers import SAMPLE, SUBSIDY_RATE, edit, sample_text, with_partner, with_unit
from tests.test_ruleset import ADDED, CATALOGUE, SECTIONS
from tiip_writer.cli.main import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def sections(stdout: str) -> list[dict[str, list[str]]]:
    """Return each blank-line separated block of output as {first word: the other words}."""
    blocks = [block.splitlines() for block in stdout.split("\n\n")]
    return [{line.split()[0]: line.split()[1:] for line in block if line.strip()}
            for block in blocks]


def over_cap(tmp_path: Path) -> str:
    return write(tmp_path, edit(sample_text(), (SUBSIDY_RATE, "budget:\n  subsidy_rate: 48")))


def test_check_sample_is_clean() -> None:
    result = run("check", str(SAMPLE))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "規則集：民國 105 年度（內建）\n已檢核 1 個檔案：沒有發現問題。\n"


def test_check_text_lines(tmp_path: Path) -> None:
    path = over_cap(tmp_path)
    result = run("check", path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{path}:334:17  error  budget.subsidy-cap  補助款占總經費 51.3%（6,720 ÷ 13,090 千元），" \
           "上限 50%" in lines
    at = lines.index(f"{path}:334:17  error  budget.subsidy-cap  補助款占總經費 51.3%"
                     "（6,720 ÷ 13,090 千元），上限 50%")
    assert lines[at + 1] == "    提示：調低 budget.subsidy_rate 或個別明細的 subsidy_rate"
    assert lines[at + 2] == "    依據：計畫預算科目；補助計畫機制調整配套措施"
    assert result.stderr == "規則集：民國 105 年度（內建）\n已檢核 1 個檔案：3 個錯誤、0 個警告、0 個建議。\n"


def test_check_in_english(tmp_path: Path) -> None:
    result = run("check", "--lang", "en", over_cap(tmp_path))
    assert "budget.subsidy-cap  subsidy as a share of the total budget: 51.3% (6,720 of 13,090 " \
           "thousand NT$); maximum 50%" in result.stdout
    assert "    hint: lower budget.subsidy_rate" in result.stdout
    assert result.stderr == ("rule set: programme year 105 (built-in)\n"
                             "1 file(s) checked: 3 error(s), 0 warning(s), 0 info.\n")


def test_fail_on(tmp_path: Path) -> None:
    warning_only = write(tmp_path, edit(sample_text(), ("  rd_log: true", "  rd_log: false")))
    assert run("check", warning_only).exit_code == 1
    assert run("check", "--fail-on", "warning", warning_only).exit_code == 1
    assert run("check", "--fail-on", "error", warning_only).exit_code == 0
    assert run("check", "--fail-on", "error", over_cap(tmp_path)).exit_code == 1


def test_check_json(tmp_path: Path) -> None:
    path = over_cap(tmp_path)
    result = run("check", "--format", "json", path, str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert report["summary"] == {"files": 2, "error": 3, "warning": 0, "info": 0}
    assert report["exit_code"] == 2
    first, missing = report["files"]
    assert (first["file"], first["readable"], first["ruleset"]) == (path, True, 105)
    assert first["diagnostics"][1] == {
        "rule": "budget.subsidy-cap", "severity": "error", "line": 334, "column": 17,
        "pointer": "/budget/subsidy_rate",
        "message": {"zh": "補助款占總經費 51.3%（6,720 ÷ 13,090 千元），上限 50%",
                    "en": "subsidy as a share of the total budget: 51.3% (6,720 of 13,090 "
                          "thousand NT$); maximum 50%"},
        "hint": {"zh": "調低 budget.subsidy_rate 或個別明細的 subsidy_rate",
                 "en": "lower budget.subsidy_rate or the subsidy_rate of individual lines"},
        "citation": "計畫預算科目；補助計畫機制調整配套措施",
        "doc": "docs/rule-reference.md#budget.subsidy-cap"}
    assert missing["readable"] is False
    assert missing["error"]["message"]["zh"] == "找不到檔案。"


def test_budget_text_totals_a_reader_can_check() -> None:
    result = run("budget", str(SAMPLE))
    assert result.exit_code == 0
    summary, years, limits = sections(result.stdout)
    assert summary["合計"] == ["5,740", "7,350", "13,090", "100.0"]
    assert summary["百分比"] == ["43.9%", "56.1%", "100.0%"]
    assert summary["人事費"] == ["2,772", "2,898", "5,670", "43.3"]
    assert summary["研發人員"] == ["2,736", "2,844", "5,580", "42.6"]
    assert summary["人月數：73"] == []
    assert years["合計"] == ["7,332", "5,758", "13,090"]         # per plan year, then total
    assert years["補助款"] == ["3,293", "2,447", "5,740"]
    assert years["自籌款"] == ["4,039", "3,311", "7,350"]
    assert limits["補助款占總經費"] == ["43.9%", "≤", "50%", "✓", "budget.subsidy-cap"]
    assert "第1年 105/07–106/06" in result.stdout
    assert result.stderr == ""


def test_budget_text_in_english() -> None:
    result = run("budget", "--lang", "en", str(SAMPLE))
    assert "Budget summary (NT$ thousand)" in result.stdout
    assert "Personnel" in result.stdout and "Y1 2016-07–2017-06" in result.stdout


def test_budget_json() -> None:
    result = run("budget", "--format", "json", str(SAMPLE))
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["ruleset"] == 105
    table = data["table"]
    assert (table["subsidy"], table["self_funding"], table["total"]) == (5740, 7350, 13090)
    assert (table["subsidy_pct"], table["self_funding_pct"]) == (43.9, 56.1)
    assert data["person_months"] == 73
    assert [y["table"]["total"] for y in data["years"]] == [7332, 5758]
    listed = sorted(i for g in table["groups"] for r in g["rows"] for i in r["lines"])
    assert listed == list(range(len(data["lines"]))) and len(listed) == 20
    first = data["lines"][0]
    assert (first["label"], first["formula"], first["amount"], first["inputs"]) == \
        ("林志明（研發副總經理）", "150 × 8", 1200, {"monthly_salary": 150, "person_months": 8})
    limit = next(x for x in data["limits"] if x["rule"] == "budget.subsidy-cap-non-topic")
    assert (limit["figure"], limit["op"], limit["limit"], limit["unit"], limit["ok"]) == \
        (40.0, "<=", 40, "%", True)


def test_budget_of_a_joint_plan_shows_each_unit(tmp_path: Path) -> None:
    path = write(tmp_path, with_unit(with_partner(sample_text()), "U1", 1000))
    result = run("budget", path)
    assert result.exit_code == 0
    units = sections(result.stdout)[2]
    # A school partner: the subsidy is also shown by funder (工業局 | 科技部 | 補助款).
    assert units["HJ"][-7:] == ["公司", "5,740", "0", "5,740", "7,350", "13,090", "92.9"]
    assert units["U1"][-7:] == ["學界", "0", "400", "400", "600", "1,000", "7.1"]
    school = sections(result.stdout)[4]
    assert school["U1"] == ["合作單位", "U1"]
    assert school["合計"] == ["0", "400", "400", "600", "1,000", "100.0"]
    assert "另有" in result.stderr   # the joint plan lacks its cooperation contract


def test_budget_of_an_invalid_file(tmp_path: Path) -> None:
    path = write(tmp_path, sample_text().replace("title: 高精度", "titel: 高精度"))
    result = run("budget", path)
    assert result.exit_code == 1
    assert "無法計算經費，請先修正上列問題。" in result.stderr
    assert run("budget", str(tmp_path / "none.yaml")).exit_code == 2


def test_rules_json_lists_every_catalogue_id() -> None:
    result = run("rules", "--format", "json")
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["year"] == 105
    ids = [r["id"] for r in data["rules"]]
    programme = {i for i in ids if i.split(".")[0] in SECTIONS}
    assert programme == set(CATALOGUE) | set(ADDED) and len(ids) == len(set(ids))
    cap = next(r for r in data["rules"] if r["id"] == "budget.subsidy-cap-non-topic")
    assert cap == {"id": "budget.subsidy-cap-non-topic", "severity": "error",
                   "title": {"zh": "非主題式計畫補助比率上限",
                             "en": "maximum subsidy share of a plan that is not Top-down"},
                   "threshold": {"zh": "≤ 40%", "en": "≤ 40%"},
                   "citation": "補助計畫機制調整配套措施 2"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_text(lang: str) -> None:
    result = run("rules", "--year", "105", "--lang", lang)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    head = lines.index(next(x for x in lines if x.startswith("period.max-duration")))
    if lang == "zh":
        assert lines[head].split() == ["period.max-duration", "error", "計畫期程上限"]
        assert lines[head + 1] == "    門檻：≤ 36 個月；依據：各計畫類型「計畫期程」"
    else:
        assert lines[head + 1] == "    threshold: ≤ 36 months; source: 各計畫類型「計畫期程」"


def test_rules_unknown_year() -> None:
    result = run("rules", "--year", "999")
    assert result.exit_code == 2
    assert result.stderr == "沒有民國 999 年度的規則集；已知年度：105\n"
