"""`tiip check FILE...`: report every finding, exit 0 clean, 1 findings, 2 unreadable input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    lang_option,
    stdout_is_terminal,
)
from tiip_writer.config import Config, load_config
from tiip_writer.diagnostics import InputError, Severity
from tiip_writer.pipeline import CheckResult, check_file
from tiip_writer.report import Outcome, Unreadable

FORMATS = ["text", "json", "sarif", "github"]


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(FORMATS), default="text", show_default=True,
              help="輸出格式：text、json（docs/json-format.md）、sarif（SARIF 2.1.0）、github"
                   "（GitHub Actions 註記）。Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default=None,
              help="至少這個嚴重度的問題才讓結束碼為 1（預設取 tiip.toml 的 [check] fail-on，"
                   "否則 info）。Lowest severity that makes the exit code 1.")
@click.option("--exit-zero", is_flag=True,
              help="有檢核發現時結束碼仍為 0（檔案無法讀取仍為 2）。Exit 0 even with findings.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
              default=None, help="使用這個 tiip.toml，不找計畫書旁的設定檔。Use this tiip.toml.")
@click.option("--color/--no-color", default=None,
              help="文字輸出是否上色（預設：在終端機上才上色）。Colour the text report.")
@lang_option
def check(files: tuple[Path, ...], output: str, fail_on: str | None, exit_zero: bool,
          config_path: Path | None, color: bool | None, lang: str) -> None:
    """檢核計畫書 FILES（YAML），列出所有問題的位置（檔案:行:欄）。"""
    config = _explicit_config(config_path, output, lang)
    outcomes: list[Outcome] = []
    for path in files:
        try:
            outcomes.append(check_file(path, display=str(path), config=config))
        except InputError as error:
            outcomes.append(Unreadable(str(path), error))
    exit_code = exit_code_for(outcomes, fail_on, exit_zero)
    _emit(outcomes, output, exit_code, lang, color)
    raise SystemExit(exit_code)


def exit_code_for(outcomes: list[Outcome], fail_on: str | None, exit_zero: bool) -> int:
    """Return 2 if a file is unreadable, else 1 if a finding reaches the fail-on severity (the
    option, else the file's tiip.toml, else info) and not `exit_zero`, else 0."""
    if any(isinstance(o, Unreadable) for o in outcomes):
        return EXIT_INPUT
    for outcome in outcomes:
        assert isinstance(outcome, CheckResult)
        failing = Severity(fail_on or outcome.config.fail_on or "info").rank
        if not exit_zero and any(d.severity.rank >= failing for d in outcome.diagnostics):
            return EXIT_FINDINGS
    return EXIT_CLEAN


def _explicit_config(path: Path | None, output: str, lang: str) -> Config | None:
    """Return the configuration given with --config (exit 2 when it is unusable), or None."""
    if path is None:
        return None
    try:
        return load_config(path)
    except InputError as error:
        _emit([Unreadable(str(path), error)], output, EXIT_INPUT, lang, None)
        raise SystemExit(EXIT_INPUT) from error


def _emit(outcomes: list[Outcome], output: str, exit_code: int, lang: str,
          color: bool | None) -> None:
    """Print the report in the chosen format (the summary goes to standard error)."""
    from tiip_writer.report.text import summary, text_report

    if output == "text":
        colour = color if color is not None else _terminal_colour()
        out, err = text_report(outcomes, lang, colour)
        for line in out:
            click.echo(line, color=colour)
        for line in err:
            click.echo(line, err=True)
        return
    if output == "json":
        from tiip_writer.check_json import check_json, input_error_json, result_json

        files = [result_json(o) if isinstance(o, CheckResult) else input_error_json(o.file, o.error)
                 for o in outcomes]
        click.echo(json.dumps(check_json(files, exit_code), ensure_ascii=False, indent=2))
    elif output == "sarif":
        from tiip_writer.report.sarif import sarif_log

        click.echo(json.dumps(sarif_log(outcomes, lang, exit_code), ensure_ascii=False, indent=2))
    else:
        from tiip_writer.report.github import github_annotations

        for line in github_annotations(outcomes, lang):
            click.echo(line)
    click.echo(summary(outcomes, lang), err=True)


def _terminal_colour() -> bool:
    """Return True when standard output is a terminal and NO_COLOR is not set."""
    return stdout_is_terminal() and "NO_COLOR" not in os.environ
