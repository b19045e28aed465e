"""The 工業局 / 科技部 split of an industry+academia plan in `tiip budget` text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import run_tiip

ROOT = Path(__file__).resolve().parents[1]
ACADEMIA = ROOT / "samples" / "emerging-assistive-academia.yaml"
SINGLE = ROOT / "samples" / "high-value-thermal-compensation.yaml"


def test_budget_json_splits_the_subsidy_by_funder() -> None:
    result = run_tiip("budget", str(ACADEMIA), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["academia"] is True
    table = data["table"]
    # The sample's own hand check: 工業局 4,170 (27.8%), 科技部 1,680 (11.2%) of 15,000.
    assert (table["subsidy_moea"], table["subsidy_most"], table["total"]) == (4170, 1680, 15000)
    assert (table["subsidy_moea_pct"], table["subsidy_most_pct"]) == (27.8, 11.2)
    units = {u["id"]: u["table"] for u in data["units"]}
    assert (units["AB"]["subsidy_moea"], units["AB"]["subsidy_most"]) == (4170, 0)
    assert (units["NYM"]["subsidy_moea"], units["NYM"]["subsidy_most"]) == (0, 1680)
    for group in table["groups"]:
        assert group["subsidy_moea"] + group["subsidy_most"] == group["subsidy"]
    school_lines = [line for line in data["lines"] if line["unit"] == "NYM"]
    assert all(line["subsidy_most"] == line["subsidy"] for line in school_lines)
    assert sum(y["subsidy_most"] for y in data["years"] for y in [y["table"]]) == 1680
    limits = {m["label"]["zh"]: m for m in data["limits"]}
    assert limits["科技部補助款（學界）占總經費"]["figure"] == 11.2


def test_budget_json_of_a_plan_without_a_school() -> None:
    data = json.loads(run_tiip("budget", str(SINGLE), "--format", "json").stdout)
    assert data["academia"] is False
    assert data["table"]["subsidy_most"] == 0
    assert data["table"]["subsidy_moea"] == data["table"]["subsidy"]


def test_budget_text_shows_funder_columns_only_with_a_school() -> None:
    academia = run_tiip("budget", str(ACADEMIA)).stdout.splitlines()
    head = academia[1].split()
    assert head[:4] == ["會計科目", "工業局補助", "科技部補助", "補助款"]
    total = next(line for line in academia if line.startswith("合計")).split()
    assert total == ["合計", "4,170", "1,680", "5,850", "9,150", "15,000", "100.0"]
    share = next(line for line in academia if line.startswith("百分比")).split()
    assert share[1:3] == ["27.8%", "11.2%"]
    english = run_tiip("budget", str(ACADEMIA), "--lang", "en").stdout
    assert "MOEA subsidy" in english and "MOST subsidy" in english
    single = run_tiip("budget", str(SINGLE)).stdout
    assert "工業局補助" not in single and "科技部補助" not in single
