"""What a new user meets first: a fresh scaffold's placeholders gathered per section with a
next step, click's usage errors in Chinese, the same colour option on every command that prints
findings, and a summary that never calls a failed file clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import SAMPLE, edit, locate, run_tiip, sample_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("fresh") / "new.yaml"
    assert run_tiip("new", str(target), "--plan", "產業高值").exit_code == 0
    return target


def test_placeholders_are_one_finding_per_section(fresh: Path) -> None:
    result = run_tiip("check", str(fresh))
    assert result.exit_code == 1
    text = fresh.read_text(encoding="utf-8")
    first_company = locate(text, "（請填寫：公司登記名稱", 1)
    lines = [line for line in result.stdout.splitlines() if "  writing.placeholder  " in line]
    company = next(line for line in lines if "「申請單位」一節" in line)
    assert company.startswith(f"{fresh}:{first_company[0]}:{first_company[1]}  error  ")
    assert re.search(r"「申請單位」一節還有 \d+ 處未填寫的預留文字（第 "
                     rf"{first_company[0]}、\d+、\d+、\d+、\d+… 行）$", company)
    sections = [re.search(r"「(.+?)」", line).group(1) for line in lines]  # type: ignore[union-attr]
    assert len(sections) == len(set(sections)), "one finding per section"
    assert "tiip check --verbose 逐一列出" in result.stdout


def test_verbose_and_json_keep_every_placeholder(fresh: Path) -> None:
    verbose = run_tiip("check", "--verbose", str(fresh)).stdout.count("writing.placeholder  ")
    data = json.loads(run_tiip("check", "--format", "json", str(fresh)).stdout)
    in_json = [d for f in data["files"] for d in f["diagnostics"]
               if d["rule"] == "writing.placeholder"]
    grouped = run_tiip("check", str(fresh)).stdout.count("writing.placeholder  ")
    assert verbose == len(in_json) > 50
    assert grouped < 25
    counted = sum(int(n) for n in re.findall(r"一節還有 (\d+) 處",
                                             run_tiip("check", str(fresh)).stdout))
    singles = sum(1 for line in run_tiip("check", str(fresh)).stdout.splitlines()
                  if "  writing.placeholder  " in line and "一節還有" not in line)
    assert counted + singles == verbose, "the groups add up to every placeholder"


def test_a_fresh_file_ends_with_what_to_fill_in_first(fresh: Path) -> None:
    text = fresh.read_text(encoding="utf-8")
    line, column = locate(text, "（請填寫：計畫名稱", 1)
    result = run_tiip("check", str(fresh))
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"下一步：從「計畫名稱」（{fresh}:{line}:{column}）開始，依檔案順序把 ")
    assert last.endswith(" 處預留文字換成實際內容。")
    english = run_tiip("check", "--lang", "en", str(fresh)).stderr.strip().splitlines()[-1]
    assert english.startswith(f"next: start with '計畫名稱' ({fresh}:{line}:{column})")
    assert "下一步" not in run_tiip("check", str(SAMPLE)).stderr


@pytest.mark.parametrize(("args", "env", "expected"), [
    (["build", "--drat", "x.yaml"], {}, ["錯誤：沒有 '--drat' 這個選項。", "是不是要用 '--draft'？",
                                         "用法: ", "build [OPTIONS] FILES...",
                                         "build --help」可看用法說明。"]),
    (["check", "--format", "xml", "x.yaml"], {},
     ["錯誤：'--format' 的值不正確：'xml' 不是可用的值；可用：'text', 'json', 'sarif', 'github'。"]),
    (["check"], {}, ["錯誤：缺少引數 'FILES...'"]),
    (["chek", "x.yaml"], {}, ["錯誤：沒有 'chek' 這個指令。"]),
    (["build", "--drat", "x.yaml", "--lang", "en"], {},
     ["Error: No such option '--drat'. Did you mean '--draft'?"]),
    (["build", "--lang=en", "--drat", "x.yaml"], {}, ["Error: No such option '--drat'."]),
    (["check", "-j", "-3", "x.yaml"], {"TIIP_LANG": "en"}, ["Error: Invalid value for '-j'"]),
])
def test_usage_errors_speak_the_users_language(monkeypatch: pytest.MonkeyPatch, args: list[str],
                                               env: dict[str, str], expected: list[str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = run_tiip(*args)
    assert result.exit_code == 2
    for piece in expected:
        assert piece in result.stderr
    if "en" not in str(args) and not env:
        assert "Error" not in result.stderr and "Usage" not in result.stderr


def broken(tmp_path: Path) -> Path:
    """A proposal whose schema error stops review, budget and build (a month beyond any plan)."""
    path = tmp_path / "broken.yaml"
    path.write_text(edit(sample_text(), ("  months: 24", "  months: 99999999999999999999")),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "review", "budget", "build"])
def test_every_command_that_prints_findings_takes_color_and_no_color(tmp_path: Path,
                                                                     command: str) -> None:
    path = broken(tmp_path)
    extra = ["-o", str(tmp_path / "out.docx")] if command == "build" else []
    plain = run_tiip(command, "--no-color", str(path), *extra)
    coloured = run_tiip(command, "--color", str(path), *extra)
    assert plain.exit_code == coloured.exit_code == 1
    for result in (plain, coloured):
        shown = ANSI.sub("", result.stdout + result.stderr)
        assert "「計畫月數」不可大於 60（目前為 99999999999999999999）" in shown
    assert not ANSI.search(plain.stdout + plain.stderr)
    assert ANSI.search(coloured.stdout + coloured.stderr)
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("command", ["check", "review", "budget"])
def test_every_command_that_prints_findings_takes_format_json(tmp_path: Path,
                                                              command: str) -> None:
    result = run_tiip(command, "--format", "json", str(SAMPLE))
    assert result.exit_code in (0, 1)
    assert isinstance(json.loads(result.stdout), dict)


def test_the_summary_never_calls_a_failed_file_clean(tmp_path: Path) -> None:
    result = run_tiip("check", str(SAMPLE), str(tmp_path / "missing.yaml"))
    assert result.exit_code == 2
    assert "沒有發現問題" not in result.stderr
    assert "已檢核 1 個檔案：0 個錯誤、0 個警告、0 個建議；1 個檔案無法讀取。" in result.stderr


@pytest.mark.parametrize(("raw", "kind"), [(".inf", "無限大"), ("-.inf", "無限大"),
                                           (".nan", "非數字（NaN）"), (".NaN", "非數字（NaN）")])
def test_yaml_infinities_and_nan_are_positioned_findings(tmp_path: Path, raw: str,
                                                         kind: str) -> None:
    line = "{person: P02, monthly_salary: 80, person_months: 12}"
    text = edit(sample_text(), (line, line.replace("12}", f"{raw}}}")))
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_tiip("check", str(path))
    assert result.exit_code == 1
    where = locate(text, f"person_months: {raw}", len("person_months: "))
    assert (f"{path}:{where[0]}:{where[1]}  error  yaml.non-finite  「{raw}」是 YAML 的{kind}，"
            "不是一個可計算的數字。") in result.stdout
    assert "內部錯誤" not in result.stdout + result.stderr
