"""`tiip build FILE`: check, then write the Word proposal; exit 0 built, 1 findings, 2 bad input."""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    echo_err,
    format_diagnostic,
    format_input_error,
    lang_option,
    render_limit_options,
)
from tiip_writer.diagnostics import InputError, Severity, Text
from tiip_writer.fileio import write_atomic
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.pipeline import check_file
from tiip_writer.render import build_document
from tiip_writer.render.library import load_library
from tiip_writer.render.limits import RenderLimits

MESSAGES = {
    "refused": Text("發現 {count} 個錯誤，未產生 Word 檔。請修正後再試，或加上 --draft 產生標示為草稿的版本。",
                    "{count} error(s) found; no Word file was written. Fix them, or add --draft "
                    "for a version marked as a draft."),
    "unbuildable": Text("計畫書的結構錯誤使它無法排版，即使 --draft 也無法產生；請先修正上列錯誤。",
                        "the proposal's structure errors make it impossible to lay out, even with "
                        "--draft; fix the errors above first."),
    "build-failed": Text("無法產生 Word 檔（見上列問題）。", "the Word file could not be built (see above)."),
    "same-as-input": Text("輸出檔不可與輸入的計畫書相同：{path}", "the output must not be the input file: {path}"),
    "write-failed": Text("無法寫入 {path}：{reason}", "cannot write {path}: {reason}"),
    "written": Text("已產生 {path}", "wrote {path}"),
    "written-draft": Text("已產生草稿 {path}（含 {count} 個錯誤，不得送件）",
                          "wrote the draft {path} ({count} error(s); not for submission)"),
    "markdown": Text("已寫出中間產物 Markdown：{path}", "wrote the intermediate Markdown: {path}"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="輸出的 Word 檔（預設：與 YAML 同資料夾、同檔名的 .docx）。Output .docx.")
@click.option("--template", default=None, metavar="NAME|DIR",
              help="樣板庫：名稱（tiip templates list）或樣板庫資料夾，預設 official。"
                   "Template library name or folder.")
@click.option("--markdown", "markdown_path", type=click.Path(path_type=Path),
              help="另存排版前的 Markdown，供檢視。Also write the intermediate Markdown.")
@click.option("--draft", is_flag=True,
              help="有錯誤仍產生，並在每頁標示「草稿」。Build despite errors, marked as a draft.")
@render_limit_options
@lang_option
def build(file: Path, output: Path | None, template: str | None, markdown_path: Path | None,
          draft: bool, render_timeout: float | None, render_max_chars: int | None,
          lang: str) -> None:
    """檢核計畫書 FILE，無錯誤時產生 Word 計畫書（.docx）。"""
    try:
        library = load_library(template)
    except LibraryError as error:
        for diagnostic in error.diagnostics:
            echo_err(format_diagnostic(diagnostic, lang))
        raise SystemExit(EXIT_INPUT) from None
    try:
        result = check_file(file, display=str(file))
    except InputError as error:
        echo_err(format_input_error(error, lang))
        raise SystemExit(EXIT_INPUT) from None
    target = output or file.with_suffix(".docx")
    for path in (target, markdown_path):
        if path is not None and _same_file(path, file):
            echo_err(_say("same-as-input", lang, path=path))
            raise SystemExit(EXIT_INPUT)
    for diagnostic in result.diagnostics:
        echo_err(format_diagnostic(diagnostic, lang))
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    if result.proposal is None:
        echo_err(_say("unbuildable", lang))
        raise SystemExit(EXIT_FINDINGS)
    if errors and not draft:
        echo_err(_say("refused", lang, count=errors))
        raise SystemExit(EXIT_FINDINGS)
    limits = RenderLimits.from_env(render_timeout, render_max_chars)
    built = build_document(result, template=library, draft=draft, limits=limits)
    for diagnostic in built.diagnostics:
        echo_err(format_diagnostic(diagnostic, lang))
    if markdown_path is not None and built.markdown is not None:
        _write(markdown_path, built.markdown.encode("utf-8"), lang)
        echo_err(_say("markdown", lang, path=markdown_path))
    if built.docx is None:
        echo_err(_say("build-failed", lang))
        raise SystemExit(EXIT_FINDINGS)
    _write(target, built.docx, lang)
    if draft and errors:
        echo_err(_say("written-draft", lang, path=target, count=errors))
    else:
        echo_err(_say("written", lang, path=target))
    raise SystemExit(EXIT_CLEAN)


def _same_file(path: Path, other: Path) -> bool:
    """Return True when both paths name the same file (whether or not it exists)."""
    try:
        return path.resolve() == other.resolve()
    except OSError:
        return False


def _write(path: Path, data: bytes, lang: str) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        echo_err(_say("write-failed", lang, path=path, reason=exc.strerror or exc))
        raise SystemExit(EXIT_INPUT) from None
