"""`tiip diff OLD NEW`: what changed between two versions; exit 0 equal, 1 different, 2 unreadable."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    check_or_exit,
    color_option,
    colour_wanted,
    echo_err,
    format_diagnostic,
    lang_option,
    max_bytes_option,
)
from tiip_writer.foundation.diagnostics import Text

FORMATS = ["text", "json", "markdown"]
UNPARSED = Text("{file} 不是可讀取的 YAML（見上列問題），無法比較；請先修正。",
                "{file} is not readable YAML (see above) and cannot be compared; fix it first.")


@click.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--format", "output", type=click.Choice(FORMATS), default="text", show_default=True,
              help="輸出格式：text（終端機）、json（docs/json-format.md）、markdown（貼到 e-mail）。"
                   "Output format.")
@color_option
@max_bytes_option
@lang_option
def diff(old: Path, new: Path, output: str, color: bool | None, lang: str) -> None:
    """比較計畫書的兩個版本 OLD 與 NEW：各章節的文字、數字、計算結果與檢核結果的變化。"""
    from tiip_writer.compare import compare

    results = [check_or_exit(old, lang), check_or_exit(new, lang)]
    unparsed = [r for r in results if r.source.data is None]
    for result in unparsed:  # not YAML at all: nothing to compare it by
        for diagnostic in result.diagnostics:
            echo_err(format_diagnostic(diagnostic, lang))
        echo_err(UNPARSED.get(lang).format(file=result.source.display))
    if unparsed:
        raise SystemExit(EXIT_INPUT)
    comparison = compare(*results)
    exit_code = EXIT_CLEAN if comparison.equal else EXIT_FINDINGS
    if output == "json":
        from tiip_writer.report.diff_json import diff_json

        click.echo(json.dumps(diff_json(comparison, exit_code), ensure_ascii=False, indent=2))
    elif output == "markdown":
        from tiip_writer.report.diff_markdown import diff_markdown

        click.echo(diff_markdown(comparison, lang), nl=False)
    else:
        from tiip_writer.report.diff_text import diff_text

        colour = colour_wanted(color)
        for line in diff_text(comparison, lang, colour):
            click.echo(line, color=colour)
    raise SystemExit(exit_code)
