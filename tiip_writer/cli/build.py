"""`tiip build FILE`: check, then write the Word proposal; exit 0 built, 1 findings, 2 bad input.

Several files or a folder are built as a batch (cli/build_many.py), each file by build_one.
`-o x.pdf` or `--pdf` also writes the PDF, laid out by LibreOffice (cli/build_pages.py), which
also puts the page numbers into the .docx's table of contents.
"""

from __future__ import annotations

from pathlib import Path

import click

from tiip_writer.batch import JobResult, is_batch
from tiip_writer.cli.build_pages import lay_out, page_numbers_enabled
from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    echo_err,
    format_diagnostic,
    format_input_error,
    lang_option,
    max_bytes_option,
    render_limit_options,
)
from tiip_writer.diagnostics import InputError, Severity, Text
from tiip_writer.fileio import write_atomic
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.output_guard import output_problem
from tiip_writer.pipeline import check_file
from tiip_writer.render.library import Library, load_library

MESSAGES = {
    "refused": Text("發現 {count} 個錯誤，未產生 Word 檔。請修正後再試，或加上 --draft 產生標示為草稿的版本。",
                    "{count} error(s) found; no Word file was written. Fix them, or add --draft "
                    "for a version marked as a draft."),
    "unbuildable": Text("計畫書的結構錯誤使它無法排版，即使 --draft 也無法產生；請先修正上列錯誤。",
                        "the proposal's structure errors make it impossible to lay out, even with "
                        "--draft; fix the errors above first."),
    "build-failed": Text("無法產生 Word 檔（見上列問題）。", "the Word file could not be built (see above)."),
    "refused-output": Text("{reason}", "{reason}"),
    "write-failed": Text("無法寫入 {path}：{reason}", "cannot write {path}: {reason}"),
    "written": Text("已產生 {path}", "wrote {path}"),
    "written-draft": Text("已產生草稿 {path}（含 {count} 個錯誤，不得送件）",
                          "wrote the draft {path} ({count} error(s); not for submission)"),
    "markdown": Text("已寫出中間產物 Markdown：{path}", "wrote the intermediate Markdown: {path}"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
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
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="同時建置的程序數（0：每個 CPU 一個）。Parallel processes (0: one per CPU).")
@render_limit_options
@max_bytes_option
@lang_option
def build(files: tuple[Path, ...], output: Path | None, with_pdf: bool, page_numbers: bool,
          template: str | None, markdown_path: Path | None, draft: bool, jobs: int,
          render_timeout: float | None, render_max_chars: int | None, lang: str) -> None:
    """檢核計畫書 FILES（YAML 檔或資料夾），無錯誤時產生 Word 計畫書（.docx），可另產生 PDF。"""
    try:
        library = load_library(template)  # unusable: bad usage, said once, before any file
    except LibraryError as error:
        for diagnostic in error.diagnostics:
            echo_err(format_diagnostic(diagnostic, lang))
        raise SystemExit(EXIT_INPUT) from None
    limits = (render_timeout, render_max_chars)
    if is_batch(files):
        from tiip_writer.cli.build_many import build_many

        raise SystemExit(build_many(files, output, template, markdown_path, draft, jobs, limits,
                                    lang, with_pdf, page_numbers))
    file = files[0]
    target = output or file.with_suffix(".docx")
    if target.is_dir():  # `-o out/` for one file: inside that folder
        target = target / file.with_suffix(".docx").name
    pdf_target = target.with_suffix(".pdf") if with_pdf else None
    if target.suffix.lower() == ".pdf":  # `-o x.pdf`: the PDF there, the .docx beside it
        pdf_target, target = target, target.with_suffix(".docx")
    result = build_one(file, target, library, markdown_path, draft, False, limits, lang,
                       pdf_target, page_numbers)
    for line in result.err:
        echo_err(line)
    raise SystemExit(result.exit_code)


def build_one(file: Path, target: Path, template: str | Library | None,
              markdown_path: Path | None, draft: bool, make_folders: bool,
              limits: tuple[float | None, int | None], lang: str,
              pdf_target: Path | None = None, page_numbers: bool = True) -> JobResult:
    """Check `file` and write its Word proposal to `target`; return what to say and the code.

    A batch job (see tiip_writer.batch): it runs in a worker process with `-j`, so it returns
    its messages instead of printing them. `make_folders` creates the target's folder;
    `limits` are the render time and output-size limits (None: the defaults). `template` is a
    library already loaded, or its name or folder (a worker loads it itself). `pdf_target`
    also writes the PDF; `page_numbers` lays a .docx out to fill its TOC's page numbers.
    """
    lines: list[str] = []

    def done(code: int, key: str, **values: object) -> JobResult:
        message = _say(key, lang, **values)
        lines.append(message)
        return JobResult(code, err=tuple(lines), reason=None if code == EXIT_CLEAN else message,
                         flags=frozenset({"draft"}) if key == "written-draft" else frozenset())

    try:
        result = check_file(file, display=str(file))
    except InputError as error:
        lines.append(format_input_error(error, lang))
        return JobResult(EXIT_INPUT, err=tuple(lines), reason=error.message.get(lang))
    for path in (target, markdown_path, pdf_target):
        refused = output_problem(path, [file]) if path is not None else None
        if refused is not None:
            return done(EXIT_INPUT, "refused-output", reason=refused.get(lang))
    lines.extend(format_diagnostic(d, lang) for d in result.diagnostics)
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    if result.proposal is None:
        return done(EXIT_FINDINGS, "unbuildable")
    if errors and not draft:
        return done(EXIT_FINDINGS, "refused", count=errors)
    from tiip_writer.render import build_document  # only a build that gets this far needs it
    from tiip_writer.render.limits import RenderLimits

    built = build_document(result, template=template, draft=draft,
                           limits=RenderLimits.from_env(*limits))
    lines.extend(format_diagnostic(d, lang) for d in built.diagnostics)
    if markdown_path is not None and built.markdown is not None:
        failure = _write(markdown_path, built.markdown.encode("utf-8"), make_folders, lang)
        if failure:
            return done(EXIT_INPUT, "write-failed", **failure)
        lines.append(_say("markdown", lang, path=markdown_path))
    if built.docx is None:
        return done(EXIT_FINDINGS, "build-failed")
    docx, pdf, layout_failed = built.docx, None, False
    if pdf_target is not None or (page_numbers and page_numbers_enabled()):
        laid = lay_out(docx, result.proposal.submission_date, pdf_target is not None, lang)
        docx, pdf, layout_failed = laid.docx, laid.pdf, laid.failed
        lines.extend(laid.notices)
    failure = _write(target, docx, make_folders, lang)
    if failure:
        return done(EXIT_INPUT, "write-failed", **failure)
    if pdf_target is not None:
        if layout_failed or pdf is None:  # the .docx is written all the same
            reason = lines[-1]
            lines.append(_say("written", lang, path=target))
            return JobResult(EXIT_INPUT, err=tuple(lines), reason=reason)
        failure = _write(pdf_target, pdf, make_folders, lang)
        if failure:
            return done(EXIT_INPUT, "write-failed", **failure)
        lines.append(_say("written", lang, path=target))
        target = pdf_target
    if draft and errors:
        return done(EXIT_CLEAN, "written-draft", path=target, count=errors)
    return done(EXIT_CLEAN, "written", path=target)


def _write(path: Path, data: bytes, make_folders: bool, lang: str) -> dict[str, object] | None:
    """Write `data` atomically; return the values of a write-failed message, or None."""
    try:
        if make_folders:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        return {"path": path, "reason": exc.strerror or exc}
    return None
