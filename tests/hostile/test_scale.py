"""Hostile sizes that used to take quadratic time or unbounded memory (issue 20, items 3-5).

Each runs in a real process under 500 MB and must answer within 5 s.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import edit, locate, sample_text
from tests.hostile.limited import answered, run_limited

BENEFITS = "  benefits: 計畫結束後三年累計增加產值 24.6 億元，新增就業 35 人，申請發明專利 4 件。\n"


def _check_json(tmp_path: Path, text: str, *codes: int) -> list[dict]:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_limited("check", "--format", "json", str(path))
    answered(result, *codes)
    return json.loads(result.stdout)["files"][0]["diagnostics"]


def _positions(found: list[dict], rule: str) -> list[tuple[int, int]]:
    return [(d["line"], d["column"]) for d in found if d["rule"] == rule]


def test_50000_simplified_characters_in_one_field(tmp_path: Path) -> None:
    sentence = "这个系统开发软件。"
    text = edit(sample_text(), (BENEFITS, f"  benefits: {sentence * 5_600}\n"))  # 50,400 chars
    found = _positions(_check_json(tmp_path, text, 1), "text.simplified")
    line, column = locate(text, "  benefits: 这", 12)
    assert len(found) == 5_600  # one per sentence, each at its first Simplified character
    assert found[0] == (line, column)
    assert found[-1] == (line, column + len(sentence) * 5_599)


def test_50000_traditional_characters_with_a_mainland_term(tmp_path: Path) -> None:
    sentence = "本系統以自行開發的軟件整合。"
    block = "\n".join("    " + sentence * 60 for _ in range(60))  # 50,400 chars, 60 lines
    text = edit(sample_text(), (BENEFITS, f"  benefits: |\n{block}\n"))
    found = _positions(_check_json(tmp_path, text, 0, 1), "text.taiwan-term")
    line, column = locate(text, "軟件")
    assert len(found) == 3_600
    assert found[0] == (line, column)
    assert found[-1] == (line + 59, column + len(sentence) * 59)
