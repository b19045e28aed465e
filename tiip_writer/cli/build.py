"""`tiip build FILE`: check, then write the Word proposal; exit 0 built, 1 findings, 2 bad input.

Several files or a folder are built as a batch (cli/build_many.py); each file by
cli/build_job.py's build_one. `-o x.pdf` or `--pdf` also writes the PDF, laid out by
LibreOffice (cli/build_pages.py), which also puts the page numbers into the .docx's TOC.
"""

from __future__ import annotations

import os
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
@click.option("-o", "--output", type=click.Path(),
              help="輸出的 Word 檔（預設：與 YAML 同資料夾、同檔名的 .docx）；副檔名為 .pdf 時產生 PDF，"
                   "並在旁邊留下同名 .docx；多個檔案或資料夾時為輸出資料夾。Output .docx (or .pdf: the "
                   "PDF, with the .docx beside it); a folder when building several files or a folder.")
@click.option("--pdf", "with_pdf", is_flag=True,
              help="另產生 PDF（與 .docx 同名，經 LibreOffice 排版，目錄含頁碼）。Also write the PDF "
                   "beside the .docx (laid out by LibreOffice).")
@click.option("--page-numbers/--no-page-numbers", default=True, show_default=True,
              help="以 LibreOffice 排版，把頁碼填入 .docx 的目錄（較慢；亦可設 TIIP_PAGE_NUMBERS=off "
                   "關閉）。Lay the .docx out with LibreOffice to fill the TOC's page numbers.")
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
def build(files: tuple[Path, ...], output: str | None, with_pdf: bool, page_numbers: bool,
          template: str | None, markdown_path: Path | None, draft: bool,
          revised_from: Path | None, revision_style: str, jobs: int,
          render_timeout: float | None, render_max_chars: int | None, color: bool | None,
          lang: str) -> None:
    """檢核計畫書 FILES（YAML 檔或資料夾），無錯誤時產生 Word 計畫書（.docx），可另產生 PDF。"""
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

        raise SystemExit(build_many(files, Path(output) if output else None, template,
                                    markdown_path, draft, jobs, limits, lang, colour, with_pdf,
                                    page_numbers))
    file = files[0]
    target = Path(output) if output else file.with_suffix(".docx")
    # `-o out/` for one file: inside that folder (created when missing: the slash says folder)
    as_folder = output is not None and output.endswith(("/", os.sep))
    if as_folder or target.is_dir():
        target = target / file.with_suffix(".docx").name
    pdf_target = target.with_suffix(".pdf") if with_pdf else None
    if target.suffix.lower() == ".pdf":  # `-o x.pdf`: the PDF there, the .docx beside it
        pdf_target, target = target, target.with_suffix(".docx")
    result = build_one(file, target, library, markdown_path, draft, as_folder, limits, lang,
                       colour, pdf_target, page_numbers, revised_from, revision_style)
    for line in result.err:
        click.echo(line, err=True, color=colour)
    raise SystemExit(result.exit_code)
