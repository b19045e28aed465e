"""`tiip templates lint`: every problem with file:line, before any proposal is built."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.helpers import run_tiip
from tests.templates.helpers import DEMO, OFFICIAL, make_library


def lint(folder: Path, *args: str):
    return run_tiip("templates", "lint", str(folder), *args)


def test_the_official_and_the_example_library_lint_clean() -> None:
    for folder in (OFFICIAL, DEMO):
        result = lint(folder)
        assert result.exit_code == 0, result.stdout
        assert result.stdout == ""
        assert result.stderr == f"{folder}：沒有發現問題。\n"


def test_an_unknown_variable_a_syntax_error_and_a_missing_style_each_with_file_and_line(
        tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={
        "parts/30-risks.md.j2": "# 參、風險評估與因應對策\n\n{{ proposal.riskz }}\n{{ risk_table }}\n",
        "parts/40-schedule.md.j2": "# 肆、預定進度及查核點\n\n{% for x in %}\n",
    })
    reference = library / "reference.docx"
    with zipfile.ZipFile(OFFICIAL / "reference.docx") as source, \
            zipfile.ZipFile(reference, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/styles.xml":
                data = data.replace(b'w:styleId="Caption"', b'w:styleId="MyCaption"')
            target.writestr(name, data)
    result = lint(library)
    assert result.exit_code == 1
    risks, schedule = library / "parts" / "30-risks.md.j2", library / "parts" / "40-schedule.md.j2"
    assert result.stdout.splitlines() == [
        f"{risks}:3:1  error  template.unknown-field  「proposal」沒有欄位「riskz」",
        "    提示：是不是要寫「risks」？",
        f"{risks}:4:1  error  template.unknown-variable  未定義的變數「risk_table」",
        "    提示：是不是要寫「table」？",
        (f"{schedule}:3:1  error  template.syntax  樣板語法錯誤：Expected an expression, got "
         "'end of statement block'"),
        f"{reference}:1:1  error  library.missing-style  參考文件缺少本工具需要的 Word 樣式「Caption」",
        "    提示：在 Word 中開啟參考文件新增此樣式（樣式代號需相同），或從上層樣板庫的參考文件複製。",
    ]
    assert result.stderr == f"{library}：4 個錯誤、0 個警告。\n"


def test_lint_speaks_english(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/30-risks.md.j2": "{{ plan.titel }}\n"})
    result = lint(library, "--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        (f"{library / 'parts' / '30-risks.md.j2'}:1:1  error  template.unknown-field  'plan' "
         "has no field 'titel'"), "    hint: did you mean 'title'?"]
    assert result.stderr == f"{library}: 1 error(s), 0 warning(s).\n"


def test_a_sandbox_escape_attempt_is_refused_by_lint(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={"parts/30-risks.md.j2": (
        "# 參\n\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n{{ source_dir.read_text() }}\n"
        "{{ plan.title.translate({}) }}\n")})
    result = lint(library)
    assert result.exit_code == 1
    risks = library / "parts" / "30-risks.md.j2"
    assert result.stdout.splitlines() == [
        f"{risks}:3:1  error  template.sandbox  沙箱不允許存取「''.__class__」（內部屬性或不允許的方法）",
        f"{risks}:4:1  error  template.sandbox  沙箱不允許存取「source_dir.read_text」（內部屬性或不允許的方法）",
        f"{risks}:5:1  error  template.sandbox  沙箱不允許存取「plan.title.translate」（內部屬性或不允許的方法）",
    ]


def test_directives_references_and_blocks_are_checked(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={
        "parts/30-risks.md.j2": ('{% extends "official:parts/30-risks.md.j2" %}\n'
                                 '{% block risk %}{{ table("riskz") }}{% endblock %}\n'
                                 '{% block risks %}{{ styled("x", "Fancy") }}'
                                 '{% include "parts/nothing.md.j2" %}{% endblock %}\n'),
        "parts/40-schedule.md.j2": '{% extends "parts/40-schedule.md.j2" %}\n',
        "parts/99-typo.md.j2": "x\n",
    })
    (library / "tables.yaml").write_text("risks:\n  captoin: 風險\n", encoding="utf-8")
    result = lint(library)
    risks, schedule = library / "parts" / "30-risks.md.j2", library / "parts" / "40-schedule.md.j2"
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{risks}:2:1  error  template.unknown-block  上層樣板沒有區塊「risk」，這段內容不會出現在計畫書中",
        "    提示：可覆寫的區塊：risks、risks_heading",
        f"{risks}:2:1  error  template.unknown-table  沒有名為「riskz」的表格",
        f"{risks}:3:1  error  template.missing-style  參考文件沒有 Word 樣式「Fancy」",
        f"{risks}:3:1  error  template.not-found  找不到樣板「parts/nothing.md.j2」",
        f"{schedule}:1:1  error  template.self-reference  樣板引用了自己「parts/40-schedule.md.j2」，會無窮遞迴",
        '    提示：要沿用上層樣板庫的同名檔案，請寫 {% extends "official:parts/40-schedule.md.j2" %}',
        (f"{library / 'parts' / '99-typo.md.j2'}:1:1  warning  library.unused-file  沒有任何樣板引用"
         "「parts/99-typo.md.j2」，上層樣板庫也沒有同名檔案"),
        "    提示：檔名是否拼錯？覆寫上層的檔案時，路徑與檔名必須完全相同。",
        (f"{library / 'tables.yaml'}:2:3  warning  library.tables-key  上層樣板庫的 tables.yaml 沒有"
         "「risks.captoin」，內建表格不會用到它"),
    ]


def test_manifest_errors_are_reported_with_their_line(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "library.yaml").write_text(
        "name: My Lib\nversion: 1.0\ntitle: x\nextend: official\nformat_version: 1\n"
        "programme_years: [105]\n", encoding="utf-8")
    result = lint(folder)
    manifest = folder / "library.yaml"
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{manifest}:1:7  error  schema.pattern  「My Lib」的格式不符合「樣板庫名稱」的要求。",
        "    提示：名稱只用小寫英文字母、數字、「.」「-」「_」，以字母或數字開頭，例如 acme-consulting。",
        f"{manifest}:2:10  error  yaml.unquoted  「1.0」沒有加引號，YAML 把它讀成小數，但「版本」需要文字。",
        '    提示：請加上引號："1.0"',
        f"{manifest}:4:1  error  schema.unknown-key  未知的欄位「extend」。",
        "    提示：是不是要寫「extends」？",
    ]


def test_an_extends_cycle_is_a_clear_error(tmp_path: Path) -> None:
    make_library(tmp_path / "a", name="a", extends="../b")
    make_library(tmp_path / "b", name="b", extends="../a")
    result = lint(tmp_path / "a")
    assert result.exit_code == 1
    a, b = (tmp_path / "a").resolve(), (tmp_path / "b").resolve()
    assert result.stdout.splitlines() == [
        f"{b / 'library.yaml'}:4:1  error  library.cycle  樣板庫的 extends 形成循環：{a} → {b} → {a}"]


def test_lint_of_a_folder_without_a_manifest_is_bad_usage(tmp_path: Path) -> None:
    result = lint(tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path} 不是樣板庫資料夾（沒有 library.yaml）\n"


def test_lint_takes_color_and_no_color(tmp_path: Path) -> None:
    library = make_library(tmp_path / "lib", files={
        "parts/30-risks.md.j2": "# 參、風險評估與因應對策\n\n{{ proposal.riskz }}\n"})
    plain, coloured = lint(library, "--no-color"), lint(library, "--color")
    assert plain.exit_code == coloured.exit_code == 1
    assert "\x1b[" not in plain.stdout
    assert "\x1b[" in coloured.stdout
    assert "「proposal」沒有欄位「riskz」" in plain.stdout
