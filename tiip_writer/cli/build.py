"""`tiip build FILE`: check, then write the Word proposal; exit 0 built, 1 findings, 2 bad input.

Several files or a folder are built as a batch (cli/build_many.py); each file by
cli/build_job.py's build_one.
"""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.cli.batch import is_batch
from tiip_writer.cli.build_job import build_one
from tiip_writer.cli.common import (
    EXIT_INPUT,
    color_option,
    colour_wanted,
    echo_err,
    format_diagnostic,
    lang_option,
    max_bytes_option,
    render_limit_options,
)
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.render.library import load_library

ONE_FILE = Text("--revised-from 只能用於一個計畫書檔案（新版），不能用於多個檔案或資料夾。",
                "--revised-from takes one proposal file (the new version), not several files "
                "or a folder.")


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="輸出的 Word 檔（預設：與 YAML 同資料夾、同檔名的 .docx）；多個檔案或資料夾時為輸出"
                   "資料夾。Output .docx; a folder when building several files or a folder.")
@click.option("--template", default=None, metavar="NAME|DIR",
              help="樣板庫：內建的 official 或樣板庫資料夾。Template library name or folder.")
@click.option("--markdown", "markdown_path", type=click.Path(path_type=Path),
              help="另存排版前的 Markdown，供檢視（多個檔案時為資料夾）。Also write the intermediate "
                   "Markdown (a folder for several files).")
@click.option("--draft", is_flag=True,
              help="有錯誤仍產生，並在每頁標示「草稿」。Build despite errors, marked as a draft.")
@click.option("--revised-from", type=click.Path(path_type=Path), default=None, metavar="OLD.yaml",
              help="修正計畫書：與舊版 OLD.yaml 相比，以 Word 追蹤修訂標示修正處。"
                   "Mark the changes from this old version as tracked changes.")
@click.option("--revision-style", type=click.Choice(["track", "underline"]), default="track",
              show_default=True,
              help="修正處的標示方式：track（追蹤修訂）或 underline（修正文字加底線）。"
                   "Tracked changes, or revised text underlined.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="同時建置的程序數（0：每個 CPU 一個）。Parallel processes (0: one per CPU).")
@render_limit_options
@max_bytes_option
@color_option
@lang_option
def build(files: tuple[Path, ...], output: Path | None, template: str | None,
          markdown_path: Path | None, draft: bool, revised_from: Path | None,
          revision_style: str, jobs: int, render_timeout: float | None,
          render_max_chars: int | None, color: bool | None, lang: str) -> None:
    """檢核計畫書 FILES（YAML 檔或資料夾），無錯誤時產生 Word 計畫書（.docx）。"""
    try:
        library = load_library(template)  # unusable: bad usage, said once, before any file
    except LibraryError as error:
        for diagnostic in error.diagnostics:
            echo_err(format_diagnostic(diagnostic, lang))
        raise SystemExit(EXIT_INPUT) from None
    limits = (render_timeout, render_max_chars)
    colour = colour_wanted(color, err=True)
    if is_batch(files):
        if revised_from is not None:
            echo_err(ONE_FILE.get(lang))
            raise SystemExit(EXIT_INPUT)
        from tiip_writer.cli.build_many import build_many

        raise SystemExit(build_many(files, output, template, markdown_path, draft, jobs, limits,
                                    lang, colour))
    file = files[0]
    target = output or file.with_suffix(".docx")
    if target.is_dir():  # `-o out/` for one file: inside that folder
        target = target / file.with_suffix(".docx").name
    result = build_one(file, target, library, markdown_path, draft, False, limits, lang, colour,
                       revised_from, revision_style)
    for line in result.err:
        click.echo(line, err=True, color=colour)
    raise SystemExit(result.exit_code)
