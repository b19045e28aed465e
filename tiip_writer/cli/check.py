"""`tiip check FILE...`: report every finding, exit 0 clean, 1 findings, 2 unreadable input.

Folders stand for the YAML files below them; several files show progress, `-j` checks them in
parallel processes (tiip_writer.batch), and the output keeps the order of the inputs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from tiip_writer.batch import JobResult, cpu_jobs, expand, run
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
from tiip_writer.diagnostics import InputError, Severity, Text
from tiip_writer.pipeline import check_file
from tiip_writer.progress import Progress

NO_INPUT = Text("{paths} 之中沒有 .yaml 或 .yml 檔案。", "no .yaml or .yml files in {paths}.")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="輸出格式；json 的結構見 docs/json-format.md。Output format.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), default="info",
              show_default=True,
              help="至少這個嚴重度的問題才讓結束碼為 1。Lowest severity that makes the exit code 1.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="同時檢核的程序數（0：每個 CPU 一個）。Parallel processes (0: one per CPU).")
@lang_option
def check(files: tuple[Path, ...], output: str, fail_on: str, jobs: int, lang: str) -> None:
    """檢核計畫書 FILES（YAML 檔或資料夾），列出所有問題的位置（檔案:行:欄）。"""
    inputs = expand(files)
    if not inputs:
        echo_err(NO_INPUT.get(lang).format(paths="、".join(str(f) for f in files)))
        raise SystemExit(EXIT_INPUT)
    exit_code = EXIT_CLEAN
    counts = {s: 0 for s in Severity}
    reports: list[dict[str, Any]] = []
    progress = Progress(len(inputs)) if len(inputs) > 1 else None
    if progress:
        progress.start()
    arguments = [(item.path, output, fail_on, lang) for item in inputs]
    for item, result in zip(inputs, run(check_one, arguments, cpu_jobs(jobs))):
        reports.append(result.data or _failed_json(str(item.path), result.reason or ""))
        for entry in reports[-1]["diagnostics"]:
            counts[Severity(entry["severity"])] += 1
        exit_code = max(exit_code, result.exit_code)
        if progress:
            progress.step(str(item.path), out=result.out, err=result.err)
        else:
            for line in result.out:
                click.echo(line)
            for line in result.err:
                echo_err(line)
    if progress:
        progress.finish()
    if output == "json":
        click.echo(json.dumps(check_json(reports, exit_code), ensure_ascii=False, indent=2))
    else:
        click.echo(_summary(len(inputs), counts, lang), err=True)
    raise SystemExit(exit_code)


def check_one(path: Path, output: str, fail_on: str, lang: str) -> JobResult:
    """Check one file: its JSON report, the lines to print and its exit code (a batch job)."""
    try:
        result = check_file(path, display=str(path))
    except InputError as error:
        lines = (format_input_error(error, lang),) if output == "text" else ()
        return JobResult(EXIT_INPUT, err=lines, reason=error.message.get(lang),
                         data=input_error_json(str(path), error))
    failing = Severity(fail_on).rank
    code = EXIT_FINDINGS if any(d.severity.rank >= failing for d in result.diagnostics) \
        else EXIT_CLEAN
    lines = tuple(format_diagnostic(d, lang) for d in result.diagnostics) if output == "text" \
        else ()
    return JobResult(code, out=lines, data=result_json(result))


def _failed_json(file: str, reason: str) -> dict[str, Any]:
    """Return the report of a file whose check failed inside tiip (see tiip_writer.batch)."""
    return {"file": file, "readable": False, "ruleset": None, "diagnostics": [],
            "error": {"message": {"zh": reason, "en": reason}, "hint": None, "line": None,
                      "column": None}}


def _summary(files: int, counts: dict[Severity, int], lang: str) -> str:
    errors, warnings, infos = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]
    if lang == "en":
        if not (errors or warnings or infos):
            return f"{files} file(s) checked: no problems found."
        return f"{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info."
    if not (errors or warnings or infos):
        return f"已檢核 {files} 個檔案：沒有發現問題。"
    return f"已檢核 {files} 個檔案：{errors} 個錯誤、{warnings} 個警告、{infos} 個建議。"
