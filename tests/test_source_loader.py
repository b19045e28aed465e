"""Reading proposal files: encodings, line endings, control characters and YAML pitfalls."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import locate, replace_once, run_tiip, sample_text
from tiip_writer.foundation.diagnostics import InputError
from tiip_writer.source import load_source, load_text


def test_columns_count_characters_so_cjk_text_is_right():
    source = load_text("公司:\n  名稱: 鴻鈞精密\n  代號: [甲, 乙, 丙]\n", Path("x"), "x.yaml")
    assert source.positions.value_at("/公司/名稱") == (2, 7)
    assert source.positions.key_at("/公司/代號") == (3, 3)
    assert source.positions.value_at("/公司/代號/2") == (3, 14)


def test_bom_and_crlf_are_accepted(write_variant):
    text = sample_text().replace("\n", "\r\n")
    path = write_variant("\ufeff" + text)
    result = run_tiip("check", str(path))
    assert result.exit_code == 0, result.stdout


def test_crlf_keeps_line_numbers(write_variant):
    text = replace_once(sample_text(), "employees: 286", "employees: 很多")
    path = write_variant(text.replace("\n", "\r\n"))
    result = run_tiip("check", str(path))
    line, column = locate(text, "很多")
    assert f"proposal.yaml:{line}:{column}  error  schema.type" in result.stdout


def test_big5_file_gets_a_conversion_hint_and_exit_2(write_variant):
    path = write_variant("title: 智慧機械計畫\n", encoding="cp950")
    result = run_tiip("check", str(path))
    assert result.exit_code == 2
    assert "檔案不是 UTF-8 編碼（第 1 行出現無法解讀的位元組，看起來是 Big5）。" in result.stderr
    assert "iconv -f BIG5 -t UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_utf16_file_is_refused_with_exit_2(write_variant):
    path = write_variant("title: 計畫\n", encoding="utf-16")
    result = run_tiip("check", str(path))
    assert result.exit_code == 2
    assert "UTF-16" in result.stderr


def test_control_characters_are_reported_at_their_position(write_variant):
    text = replace_once(sample_text(), "representative: 劉國鈞", "representative: 劉國\x0b鈞")
    path = write_variant(text)
    result = run_tiip("check", str(path))
    line, column = locate(text, "\x0b")
    assert result.exit_code == 1
    assert (f"proposal.yaml:{line}:{column}  error  yaml.control-char  "
            "文字中有看不見的控制字元 U+000B（常見於從 PDF 或網頁複製的文字）。") in result.stdout


def test_escaped_control_character_inside_quotes_is_reported():
    source = load_text('title: "計畫\\x07名稱"\n', Path("x"), "x.yaml")
    assert [d.rule for d in source.diagnostics] == ["yaml.control-char"]
    assert source.data == {"title": "計畫 名稱"}


def test_syntax_error_has_position_and_hint(write_variant):
    text = replace_once(sample_text(), "  months: 24\n", "  months: 24\n bad: indentation\n")
    result = run_tiip("check", str(write_variant(text)))
    assert result.exit_code == 1
    assert "error  yaml.syntax  YAML 語法錯誤：" in result.stdout
    assert "縮排不一致" in result.stdout


def test_empty_file_suggests_tiip_new(write_variant):
    result = run_tiip("check", str(write_variant("")))
    assert result.exit_code == 1
    assert "proposal.yaml:1:1  error  yaml.empty  檔案是空的。" in result.stdout
    assert "tiip new" in result.stdout


def test_alias_bomb_is_refused_not_expanded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]")
    source = load_text("\n".join(lines) + "\n", Path("x"), "x.yaml")
    assert source.data is None
    assert [d.rule for d in source.diagnostics] == ["yaml.too-many-nodes"]


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError) as caught:
        load_source(tmp_path / "nope.yaml")
    assert caught.value.message.zh == "找不到檔案。"


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("title: " + "計" * 2000 + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_source(path, max_bytes=1000)
    assert "超過上限 1,000 位元組" in caught.value.message.zh


@pytest.mark.parametrize("yaml_text, needle", [
    ("a: 這是一段软件說明\n", "软"),
    ("a: '引號內的软件'\n", "软"),
    ("a: |\n  第一行文字\n  第二行有软件\n", "软"),
    ("a: >\n  折疊的第一行\n  第二行有软件\n", "软"),
    ("a:\n  - 清單\n  - 多行的\n    純文字软件\n", "软"),
])
def test_character_positions_inside_strings(yaml_text, needle):
    source = load_text(yaml_text, Path("x"), "x.yaml")
    pointer = "/a/1" if isinstance(source.data["a"], list) else "/a"
    value = source.data["a"][1] if pointer == "/a/1" else source.data["a"]
    expected = locate(yaml_text, needle)
    assert source.positions.char_at(source.text, pointer, value, value.index(needle)) == expected
