"""`tiip templates lint DIR` and `tiip templates test DIR`: find what is wrong with a library."""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    color_option,
    colour_wanted,
    echo_err,
    format_diagnostic,
    lang_option,
    render_limit_options,
)
from tiip_writer.cli.templates_common import library_folder, load_or_exit
from tiip_writer.foundation.diagnostics import Severity, Text
from tiip_writer.render.limits import RenderLimits

MESSAGES = {
    "lint-clean": Text("{folder}：沒有發現問題。", "{folder}: no problems found."),
    "lint-summary": Text("{folder}：{errors} 個錯誤、{warnings} 個警告。",
                         "{folder}: {errors} error(s), {warnings} warning(s)."),
    "no-samples": Text("沒有找到範例計畫書（.yaml）。", "no sample proposals (.yaml) found."),
    "sample-ok": Text("✓ {sample}（{seconds:.1f} 秒）", "✓ {sample} ({seconds:.1f} s)"),
    "sample-warn": Text("✓ {sample}（{seconds:.1f} 秒，{warnings} 個警告）",
                        "✓ {sample} ({seconds:.1f} s, {warnings} warning(s))"),
    "sample-broken": Text("✗ {sample}：無法以此樣板庫產生", "✗ {sample}: cannot be built with this library"),
    "sample-unreadable": Text("? {sample}：範例本身無法讀取（{reason}），略過",
                              "? {sample}: the sample itself cannot be read ({reason}); skipped"),
    "test-summary": Text("{library}：{built}/{total} 份範例產生成功。",
                         "{library}: {built} of {total} samples built."),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


@click.command()
@click.argument("folder", metavar="DIR|NAME", type=click.Path(path_type=Path))
@color_option
@lang_option
def lint(folder: Path, color: bool | None, lang: str) -> None:
    """檢查樣板庫（資料夾或名稱）：說明檔、語法、未知變數與欄位、沙箱、參考文件的 Word 樣式（附檔案與行號）。"""
    from tiip_writer.libraries.lint import lint_library

    folder = library_folder(folder, lang)
    found = lint_library(folder)
    colour = colour_wanted(color)
    for diagnostic in found:
        click.echo(format_diagnostic(diagnostic, lang, colour), color=colour)
    errors = sum(1 for d in found if d.severity is Severity.ERROR)
    warnings = len(found) - errors
    if not found:
        echo_err(_say("lint-clean", lang, folder=folder))
        raise SystemExit(EXIT_CLEAN)
    echo_err(_say("lint-summary", lang, folder=folder, errors=errors, warnings=warnings))
    raise SystemExit(EXIT_FINDINGS if errors else EXIT_CLEAN)


@click.command()
@click.argument("folder", metavar="DIR|NAME", type=click.Path(path_type=Path))
@click.option("--samples", "sample_paths", multiple=True, type=click.Path(path_type=Path),
              help="範例計畫書檔案或資料夾（可重複；預設為內附的範例）。Sample files or folders.")
@render_limit_options
@lang_option
def test(folder: Path, sample_paths: tuple[Path, ...], render_timeout: float | None,
         render_max_chars: int | None, lang: str) -> None:
    """以樣板庫（資料夾或名稱）產生每一份範例計畫書，列出哪些失敗、在哪個樣板的哪一行。"""
    from tiip_writer.libraries.sample_test import sample_files, test_library

    folder = library_folder(folder, lang)
    library = load_or_exit(folder, lang)
    samples = sample_files(list(sample_paths))
    if not samples:
        echo_err(_say("no-samples", lang))
        raise SystemExit(EXIT_INPUT)
    limits = RenderLimits.from_env(render_timeout, render_max_chars)
    outcomes = test_library(library, samples, limits)
    for outcome in outcomes:
        name = outcome.sample.name
        if outcome.unreadable is not None:
            click.echo(_say("sample-unreadable", lang, sample=name,
                            reason=outcome.unreadable.get(lang)))
            continue
        if outcome.built:
            key = "sample-warn" if outcome.warnings else "sample-ok"
            click.echo(_say(key, lang, sample=name, seconds=outcome.seconds,
                            warnings=outcome.warnings))
        else:
            click.echo(_say("sample-broken", lang, sample=name))
        for diagnostic in outcome.diagnostics:
            click.echo("    " + format_diagnostic(diagnostic, lang).replace("\n", "\n    "))
    tested = [o for o in outcomes if o.unreadable is None]
    built = sum(1 for o in tested if o.built)
    echo_err(_say("test-summary", lang, library=library.name, built=built, total=len(tested)))
    raise SystemExit(EXIT_CLEAN if built == len(tested) else EXIT_FINDINGS)


test.__test__ = False  # type: ignore[attr-defined]  # a click command, not a pytest test
