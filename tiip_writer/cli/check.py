"""`tiip check FILE...`: report every finding, exit 0 clean, 1 findings, 2 unreadable input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tiip_writer.check_json import check_json, input_error_json, result_json
from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    echo_err,
    format_diagnostic,
    format_input_error,
    lang_option,
)
from tiip_writer.diagnostics import InputError, Severity
from tiip_writer.pipeline import check_file


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="輸出格式；json 的結構見 docs/json-format.md。Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="info",
              show_default=True,
              help="至少這個嚴重度的問題才讓結束碼為 1。Lowest severity that makes the exit code 1.")
@lang_option
def check(files: tuple[Path, ...], output: str, fail_on: str, lang: str) -> None:
    """檢核計畫書 FILES（YAML），列出所有問題的位置（檔案:行:欄）。"""
    exit_code = EXIT_CLEAN
    counts = {s: 0 for s in Severity}
    reports: list[dict[str, Any]] = []
    failing = Severity(fail_on).rank
    for path in files:
        try:
            result = check_file(path, display=str(path))
        except InputError as error:
            reports.append(input_error_json(str(path), error))
            if output == "text":
                echo_err(format_input_error(error, lang))
            exit_code = max(exit_code, EXIT_INPUT)
            continue
        reports.append(result_json(result))
        for diagnostic in result.diagnostics:
            if output == "text":
                click.echo(format_diagnostic(diagnostic, lang))
            counts[diagnostic.severity] += 1
        if any(d.severity.rank >= failing for d in result.diagnostics):
            exit_code = max(exit_code, EXIT_FINDINGS)
    if output == "json":
        click.echo(json.dumps(check_json(reports, exit_code), ensure_ascii=False, indent=2))
    else:
        click.echo(_summary(len(files), counts, lang), err=True)
    raise SystemExit(exit_code)


def _summary(files: int, counts: dict[Severity, int], lang: str) -> str:
    errors, warnings, infos = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    if lang == "en":
        if not (errors or warnings or infos):
            return f"{files} file(s) checked: no problems found."
        return f"{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info."
    if not (errors or warnings or infos):
        return f"已檢核 {files} 個檔案：沒有發現問題。"
    return f"已檢核 {files} 個檔案：{errors} 個錯誤、{warnings} 個警告、{infos} 個建議。"
