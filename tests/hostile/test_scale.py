"""Hostile sizes that used to take quadratic time or unbounded memory (issue 20, items 3-5).

Each runs in a real process under 500 MB and must answer within 5 s.
"""

from __future__ import annotations

import json
import re
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


WORK_ITEMS = ("      - {code: A1, name: 溫度感測模組與佈點設計, weight: 15, start_month: 1, end_month: 6}\n"
              "      - {code: A2, name: 熱變位預測模型開發, weight: 20, start_month: 4, end_month: 12}\n")


def _alias_bomb(copies: int, anchor_chars: int = 10_000) -> str:
    """The sample with a long anchored text used as the name of `copies` work items."""
    anchor = "熱變位補償" * (anchor_chars // 5)
    items = "".join(f"      - {{code: A{i}, name: *long, weight: 0, start_month: 1, end_month: 6}}\n"
                    for i in range(1, copies + 1))
    return edit(sample_text(), (BENEFITS, f"  benefits: &long {anchor}\n"), (WORK_ITEMS, items))


def test_a_long_anchor_referenced_3000_times_is_refused_at_the_alias(tmp_path: Path) -> None:
    text = _alias_bomb(3_000)
    assert len(text.encode("utf-8")) < 300_000  # 30 million characters once expanded
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (("check", str(path)), ("build", str(path), "-o", str(tmp_path / "p.docx"))):
        result = run_limited(*args)
        message = answered(result, 1, 2) + result.stdout
        assert "別名" in message and "字元" in message
        line, column = map(int, re.search(r"p\.yaml:(\d+):(\d+) .*yaml\.alias-too-long",
                                          message).groups())
        assert text.split("\n")[line - 1][column - 1:].startswith("name: *long")  # at an alias
    assert not (tmp_path / "p.docx").exists()


def test_a_few_aliases_of_a_name_are_fine(tmp_path: Path) -> None:
    text = _alias_bomb(20, anchor_chars=20)
    found = _check_json(tmp_path, text, 0, 1)
    assert not [d for d in found if d["rule"].startswith("yaml.")]


def test_100000_keywords_are_checked_for_duplicates_in_linear_time(tmp_path: Path) -> None:
    keywords = ", ".join(f"關鍵詞{i}" for i in range(100_000)) + ", 關鍵詞99999"
    text = edit(sample_text(), ("  keywords: [五軸加工機, 熱變位補償, 機器學習, 智慧機械, 高精度加工]\n",
                                f"  keywords: [{keywords}]\n"))
    found = _check_json(tmp_path, text, 1)
    assert [d["rule"] for d in found if d["rule"] == "schema.unique"] == ["schema.unique"]
