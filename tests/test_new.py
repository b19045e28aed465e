"""`tiip new` writes a complete, valid scaffold and never overwrites a file."""

from __future__ import annotations

import pytest

from tests.helpers import run_tiip
from tiip_writer.source.scaffold import PLAN_TYPES


@pytest.mark.parametrize("plan", PLAN_TYPES)
@pytest.mark.parametrize("partner", [None, "學界", "法人"])
def test_scaffold_is_schema_valid_for_every_plan_type(tmp_path, plan, partner):
    target = tmp_path / "計畫書.yaml"
    args = ["new", str(target), "--plan", plan] + (["--partner", partner] if partner else [])
    result = run_tiip(*args)
    assert result.exit_code == 0, result.stderr
    assert f"已建立 {target}（{plan}）" in result.stdout
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert f"plan_type: {plan}" in text
    check = run_tiip("check", str(target))
    assert "schema." not in check.stdout and "yaml." not in check.stdout, check.stdout


def test_scaffold_has_guidance_for_every_section(tmp_path):
    target = tmp_path / "p.yaml"
    run_tiip("new", str(target), "--plan", "新興育成")
    text = target.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    for heading in ("計畫類別", "申請單位", "摘要表", "開發標的", "計畫架構", "查核點", "經費需求", "附件"):
        assert any(heading in comment for comment in comments), heading
    assert "emerging_item:" in text and "demonstration:" in text and "field_trial:" in text


def test_schema_modeline_points_at_the_bundled_schema(tmp_path):
    target = tmp_path / "p.yaml"
    run_tiip("new", str(target), "--plan", "high-value")
    reference = target.read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
    schema = (target.parent / reference) if not reference.startswith("file:") else None
    assert reference.endswith("proposal.schema.json")
    if schema is not None:
        assert schema.resolve().is_file()


def test_refuses_to_overwrite(tmp_path):
    target = tmp_path / "p.yaml"
    target.write_text("我的心血\n", encoding="utf-8")
    result = run_tiip("new", str(target), "--plan", "產業高值")
    assert result.exit_code == 2
    assert "檔案已存在" in result.stderr
    assert target.read_text(encoding="utf-8") == "我的心血\n"


def test_unknown_plan_type_lists_the_valid_ones(tmp_path):
    result = run_tiip("new", str(tmp_path / "p.yaml"), "--plan", "產業高質")
    assert result.exit_code == 2
    assert "可用：產業高值、創新優化-補關鍵、創新優化-展系統、新興育成、主題式" in result.stderr
    assert not (tmp_path / "p.yaml").exists()
