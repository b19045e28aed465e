"""tiip review: the self-assessment checklist, as text, JSON and as rows for a template."""

from __future__ import annotations

import json

from tests.helpers import ROOT, SAMPLES, run_tiip
from tests.variants import EMERGING, HIGH_VALUE, edit, locate, sample
from tiip_writer.checking.config import Config
from tiip_writer.checking.pipeline import check_file
from tiip_writer.checking.review import review_checklist


def test_checklist_of_the_high_value_sample():
    path = ROOT / "samples" / HIGH_VALUE
    result = run_tiip("review", str(path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "審查重點自評表：高精度五軸加工機智慧熱變位補償系統開發計畫（產業高值，民國 105 年度）"
    assert lines[2] == "✓ 具備切入高端市場之關鍵技術  [review.high-value.key-technology，產業高值計畫 審查重點 1]"
    assert lines[3] == "     藉由創新經營及應用開發新產品或服務，並具備切入高端市場之「關鍵技術」。"
    line, _ = locate(sample(), "  innovation: |")
    assert lines[4] == f"   ✓ 關鍵技術與創新內容 — {path}:{line}"
    assert lines[-1] == "4/4 項審查重點有完整佐證。"
    assert "review.high-value.service-innovation" not in result.stdout  # 審查重點 3: services only


def test_missing_evidence_says_what_to_add(tmp_path):
    path = tmp_path / "p.yaml"
    text = edit(sample(), ("launch: 2018 年第 3 季", "launch: 無"))
    path.write_text(text, encoding="utf-8")
    result = run_tiip("review", str(path))
    assert result.exit_code == 1
    line, _ = locate(text, "launch: 無")
    assert f"   ✗ 缺少 預計上市時間 — {path}:{line}：在 competition.ours.launch 寫出預計上市時間" \
        in result.stdout.splitlines()
    assert "✗ 產品或服務之後續行銷推廣策略" in result.stdout
    assert result.stdout.splitlines()[-1] == "3/4 項審查重點有完整佐證。"


def test_checklist_rows_for_a_template():
    result = check_file(ROOT / "samples" / EMERGING, config=Config())
    rows = review_checklist(result)
    assert [r.rule for r in rows] == ["review.emerging.demonstration", "review.emerging.technology",
                                      "review.emerging.field-trial"]
    assert all(r.met for r in rows)
    data = rows[2].as_dict("zh")
    assert data["criterion"].startswith("開發之新興產品或服務是否包含國內場域試煉取得能量")
    assert data["evidence"][1] == {
        "label": "場域合作意向書或地方協處", "found": True, "field": "attachments.1",
        "line": locate(sample(EMERGING), "  - {title: 臺中市私立康和")[0], "column": 5, "missing": None}


def test_review_json_and_english():
    result = run_tiip("review", "--format", "json", "--lang", "en", str(SAMPLES[0]))
    report = json.loads(result.stdout)
    assert report["version"] == 1 and report["met"] is True
    assert report["criteria"][0]["title"] == "emerging industry and market-leading demonstration"


def test_a_proposal_that_is_not_valid_cannot_be_reviewed(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(edit(sample(), ("employees: 286", "employees: 很多")), encoding="utf-8")
    result = run_tiip("review", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith("計畫書有 1 個錯誤，無法逐項自評；請先以 tiip check 修正：")
    assert run_tiip("review", str(tmp_path / "none.yaml")).exit_code == 2
