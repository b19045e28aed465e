"""Options and output helpers shared by the tiip commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Text

if TYPE_CHECKING:
    from tiip_writer.checking.pipeline import CheckResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2

LABELS = {
    "error": Text("錯誤", "error"),
    "warning": Text("警告", "warning"),
    "info": Text("建議", "info"),
    "hint": Text("提示", "hint"),
    "line": Text("第 {line} 行", "line {line}"),
}


def default_lang() -> str:
    """Return the message language from TIIP_LANG or LANG ('zh' unless it says English)."""
    value = os.environ.get("TIIP_LANG", "zh").lower()
    return "en" if value.startswith("en") else "zh"


lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default=default_lang, show_default="zh",
    help="訊息語言：zh（繁體中文）或 en（English）。Message language.")


def _set_max_bytes(_ctx: click.Context, _param: click.Parameter, value: int | None) -> int | None:
    # Through the environment, so -j worker processes and every loader call see the same limit.
    if value is not None:
        os.environ["TIIP_MAX_BYTES"] = str(value)
    return value


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=None, expose_value=False,
    callback=_set_max_bytes, metavar="N",
    help="計畫書檔案大小上限（位元組，預設 5 MiB 或 TIIP_MAX_BYTES）。Size limit of a proposal file.")


def render_limit_options(command: Any) -> Any:
    """Add --render-timeout and --render-max-chars (limits on untrusted templates)."""
    command = click.option(
        "--render-max-chars", type=click.IntRange(min=1), default=None,
        help="樣板輸出的字元上限（預設 20,000,000 或 TIIP_RENDER_MAX_CHARS）。"
             "Limit on the templates' output size.")(command)
    return click.option(
        "--render-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
        help="樣板執行的秒數上限（預設 30 或 TIIP_RENDER_TIMEOUT）。"
             "Time limit for running the templates.")(command)


COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}

color_option = click.option(
    "--color/--no-color", default=None,
    help="文字輸出是否上色（預設：在終端機上才上色）。Colour the text report.")


def colour_wanted(color: bool | None, err: bool = False) -> bool:
    """Return the --color/--no-color choice, else whether the output (standard error when
    `err`) is a terminal and NO_COLOR is not set."""
    if color is not None:
        return color
    stream = sys.stderr if err else sys.stdout
    return stream.isatty() and "NO_COLOR" not in os.environ


def format_diagnostic(d: Diagnostic, lang: str, color: bool = False) -> str:
    """Return a finding as `file:line:col  severity  rule  message`, with its hint below
    (with ANSI colours when `color`)."""
    where, severity, rule = f"{d.file}:{d.line}:{d.column}", d.severity.value, d.rule
    if color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=COLOURS[severity], bold=True)
        rule = click.style(rule, dim=True)
    lines = [f"{where}  {severity}  {rule}  {d.message.get(lang)}"]
    if d.hint:
        lines.append(f"    {LABELS['hint'].get(lang)}：{d.hint.get(lang)}" if lang == "zh"
                     else f"    {LABELS['hint'].get(lang)}: {d.hint.get(lang)}")
    if d.citation:
        lines.append(f"    依據：{d.citation}" if lang == "zh" else f"    source: {d.citation}")
    return "\n".join(lines)


def format_input_error(error: InputError, lang: str) -> str:
    """Return an unreadable-input error in the same `file:line:col` shape as findings."""
    where = error.file
    if error.line is not None:
        where += f":{error.line}:{error.column or 1}"
    label = "error"
    lines = [f"{where}  {label}  io  {error.message.get(lang)}"]
    if error.hint:
        sep = "：" if lang == "zh" else ": "
        lines.append(f"    {LABELS['hint'].get(lang)}{sep}{error.hint.get(lang)}")
    return "\n".join(lines)


def echo_err(text: str) -> None:
    """Print `text` to standard error."""
    click.echo(text, err=True)


def stdout_is_terminal() -> bool:
    """Return True when standard output is an interactive terminal."""
    return sys.stdout.isatty()


def check_or_exit(file: Path, lang: str) -> CheckResult:
    """Return the check result of `file`; print why and exit 2 when it cannot be read."""
    from tiip_writer.checking.pipeline import check_file

    try:
        return check_file(file, display=str(file))
    except InputError as error:
        echo_err(format_input_error(error, lang))
        raise SystemExit(EXIT_INPUT) from None
