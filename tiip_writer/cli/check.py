"""`tiip check FILE...`: report every finding, exit 0 clean, 1 findings, 2 unreadable input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from tiip_writer.checking.config import Config, load_config
from tiip_writer.checking.pipeline import CheckResult, check_file
from tiip_writer.cli.batch import EXIT_INTERNAL, JobResult, cpu_jobs, expand, run
from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    color_option,
    echo_err,
    lang_option,
    max_bytes_option,
    stdout_is_terminal,
)
from tiip_writer.foundation.diagnostics import InputError, Severity, Text
from tiip_writer.report import Outcome, Unreadable

FORMATS = ["text", "json", "sarif", "github"]
ONE_FILE = Text("--revised-from 只能用於一個計畫書檔案（新版）。",
                "--revised-from takes one proposal file (the new version).")
NO_INPUT = Text("{paths} 之中沒有 .yaml 或 .yml 檔案。", "no .yaml or .yml files in {paths}.")


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
@color_option
@click.option("-v", "--verbose", is_flag=True,
              help="逐一列出每一處預留文字（預設每節合併為一筆）。List every placeholder.")
@click.option("--revised-from", type=click.Path(path_type=Path), default=None, metavar="OLD.yaml",
              help="修正計畫書：另檢查審查意見回復是否與舊版 OLD.yaml 以來的修改相符"
                   "（review.response-*）。Check the review responses against this old version.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="同時檢核的程序數（0：每個 CPU 一個）。Parallel processes (0: one per CPU).")
@max_bytes_option
@lang_option
def check(files: tuple[Path, ...], output: str, fail_on: str | None, exit_zero: bool,
          config_path: Path | None, color: bool | None, verbose: bool,
          revised_from: Path | None, jobs: int,
          lang: str) -> None:
    """檢核計畫書 FILES（YAML 檔或資料夾），列出所有問題的位置（檔案:行:欄）。"""
    config = _explicit_config(config_path, output, lang)
    inputs = expand(files)
    if not inputs:
        echo_err(NO_INPUT.get(lang).format(paths="、".join(str(f) for f in files)))
        raise SystemExit(EXIT_INPUT)
    if revised_from is not None:
        if len(inputs) != 1:
            echo_err(ONE_FILE.get(lang))
            raise SystemExit(EXIT_INPUT)
        outcome = _revision_outcome(inputs[0].path, revised_from, config)
        exit_code = exit_code_for([outcome], fail_on, exit_zero)
        _emit([outcome], output, exit_code, lang, color, verbose)
        raise SystemExit(exit_code)
    outcomes, internal = _check_all([item.path for item in inputs], config, jobs, lang)
    exit_code = EXIT_INTERNAL if internal else exit_code_for(outcomes, fail_on, exit_zero)
    _emit(outcomes, output, exit_code, lang, color, verbose)
    raise SystemExit(exit_code)


def check_one(path: Path, config: Config | None, lang: str) -> JobResult:
    """Check one file and return its outcome as a batch job (it may run in a worker process)."""
    try:
        outcome: Outcome = check_file(path, display=str(path), config=config)
    except InputError as error:
        outcome = Unreadable(str(path), error)
    return JobResult(EXIT_CLEAN, data=outcome)


def _revision_outcome(path: Path, old: Path, config: Config | None) -> Outcome:
    """Return the outcome of checking `path` as a revision of `old` (either may be unreadable)."""
    try:
        previous = check_file(old, display=str(old), config=config)
    except InputError as error:
        return Unreadable(str(old), error)
    try:
        return check_file(path, display=str(path), config=config, revised_from=previous.source)
    except InputError as error:
        return Unreadable(str(path), error)


def _check_all(paths: list[Path], config: Config | None, jobs: int,
               lang: str) -> tuple[list[Outcome], bool]:
    """Return each file's outcome in input order, and whether tiip failed on any of them."""
    progress = None
    if len(paths) > 1:
        from tiip_writer.cli.progress import Progress  # a batch only

        progress = Progress(len(paths))
    if progress:
        progress.start()
    outcomes: list[Outcome] = []
    internal = False
    arguments = [(path, config, lang) for path in paths]
    for path, result in zip(paths, run(check_one, arguments, cpu_jobs(jobs))):
        if result.data is None:  # tiip itself failed on this file: say so, go on with the rest
            internal = True
            reason = result.reason or ""
            outcomes.append(Unreadable(str(path), InputError(Text(reason, reason), str(path))))
        else:
            outcomes.append(result.data)
        if progress:
            progress.step(str(path))
    if progress:
        progress.finish()
    return outcomes, internal


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
          color: bool | None, verbose: bool = False) -> None:
    """Print the report in the chosen format (the summary goes to standard error)."""
    from tiip_writer.report.text import summary, text_report

    if output == "text":
        colour = color if color is not None else _terminal_colour()
        out, err = text_report(outcomes, lang, colour, verbose)
        for line in out:
            click.echo(line, color=colour)
        for line in err:
            click.echo(line, err=True)
        return
    if output == "json":
        from tiip_writer.report.check_json import check_json, input_error_json, result_json

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
