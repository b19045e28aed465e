"""One proposal built: check it, then write its Word file; a batch job as well as `tiip build FILE`.

The single-file command (cli/build.py) and the batch (cli/build_many.py) both run build_one, so
it lives below them and imports neither. With a PDF wanted, or page numbers on, the built
.docx goes through the layout step (cli/build_pages.py) before it is written.
"""

from __future__ import annotations

from pathlib import Path

from tiip_writer.checking.pipeline import CheckResult, check_file
from tiip_writer.cli.batch import JobResult
from tiip_writer.cli.build_pages import lay_out, page_numbers_enabled
from tiip_writer.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_INPUT,
    format_diagnostic,
    format_input_error,
)
from tiip_writer.foundation.diagnostics import InputError, Severity, Text
from tiip_writer.foundation.fileio import failure_reason, write_atomic
from tiip_writer.foundation.output_guard import output_problem
from tiip_writer.render.library import Library
from tiip_writer.report.grouping import grouped

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
    "old-unbuildable": Text("舊版 {path} 無法排版（見上列問題），無法標示修正處；請指定可排版的舊版。",
                            "the old version {path} cannot be laid out (see above), so the "
                            "changes cannot be marked; give an old version that builds."),
    "written-revised": Text("已產生修正版 {path}（與 {old} 相比的修正處已標示）",
                            "wrote the revised version {path} (changes from {old} marked)"),
}


def _say(key: str, lang: str, **values: object) -> str:
    return MESSAGES[key].get(lang).format(**values)


def build_one(file: Path, target: Path, template: str | Library | None,
              markdown_path: Path | None, draft: bool, make_folders: bool,
              limits: tuple[float | None, int | None], lang: str,
              colour: bool = False, pdf_target: Path | None = None,
              page_numbers: bool = True, revised_from: Path | None = None,
              revision_style: str = "track") -> JobResult:
    """Check `file` and write its Word proposal to `target`; return what to say and the code.

    A batch job (see tiip_writer.cli.batch): it runs in a worker process with `-j`, so it returns
    its messages instead of printing them. `make_folders` creates the target's folder;
    `limits` are the render time and output-size limits (None: the defaults). `template` is a
    library already loaded, or its name or folder (a worker loads it itself); `colour` colours
    the findings. `pdf_target` also writes the PDF; `page_numbers` lays a .docx out to fill
    its TOC's page numbers. With `revised_from`, the document marks its changes from that old
    version (`revision_style`: track or underline), before the layout measures its pages.
    """
    lines: list[str] = []

    def done(code: int, key: str, **values: object) -> JobResult:
        message = _say(key, lang, **values)
        lines.append(message)
        return JobResult(code, err=tuple(lines), reason=None if code == EXIT_CLEAN else message,
                         flags=frozenset({"draft"}) if key == "written-draft" else frozenset())

    old = None
    try:
        if revised_from is not None:
            old = check_file(revised_from, display=str(revised_from))
        result = check_file(file, display=str(file),
                            revised_from=old.source if old is not None else None)
    except InputError as error:
        lines.append(format_input_error(error, lang))
        return JobResult(EXIT_INPUT, err=tuple(lines), reason=error.message.get(lang))
    inputs = [file, *([revised_from] if revised_from else [])]
    for path in (target, markdown_path, pdf_target):
        refused = output_problem(path, inputs) if path is not None else None
        if refused is not None:
            return done(EXIT_INPUT, "refused-output", reason=refused.get(lang))
    lines.extend(format_diagnostic(d, lang, colour) for d in grouped(result.diagnostics))
    errors = sum(1 for d in result.diagnostics if d.severity is Severity.ERROR)
    if result.proposal is None:
        return done(EXIT_FINDINGS, "unbuildable")
    if errors and not draft:
        return done(EXIT_FINDINGS, "refused", count=errors)
    from tiip_writer.render import build_document  # only a build that gets this far needs it
    from tiip_writer.render.limits import RenderLimits

    built = build_document(result, template=template, draft=draft,
                           limits=RenderLimits.from_env(*limits))
    lines.extend(format_diagnostic(d, lang, colour) for d in built.diagnostics)
    if built.docx is None:
        return done(EXIT_FINDINGS, "build-failed")
    docx = built.docx
    if old is not None:
        revised = _revised(old, result, docx, template, draft, limits, revision_style, lang,
                           colour)
        if isinstance(revised, list):
            lines.extend(revised)
            return done(EXIT_INPUT, "old-unbuildable", path=revised_from)
        docx = revised
    pdf = None
    if pdf_target is not None or (page_numbers and page_numbers_enabled()):
        # after the revision marks: they move text, and the page numbers must be the final ones
        laid = lay_out(docx, result.proposal.submission_date, pdf_target is not None, lang)
        docx, pdf = laid.docx, laid.pdf
        lines.extend(laid.notices)
    # The Word file first: the Markdown beside it is only worth having with the .docx it made.
    failure = _write(target, docx, make_folders, lang)
    if failure:
        return done(EXIT_INPUT, "write-failed", **failure)
    if markdown_path is not None and built.markdown is not None:
        failure = _write(markdown_path, built.markdown.encode("utf-8"), make_folders, lang)
        if failure:
            return done(EXIT_INPUT, "write-failed", **failure)
        lines.append(_say("markdown", lang, path=markdown_path))
    if pdf_target is not None:
        if pdf is None:  # no LibreOffice, or it failed: the .docx is written all the same
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
    if old is not None:
        return done(EXIT_CLEAN, "written-revised", path=target, old=revised_from)
    return done(EXIT_CLEAN, "written", path=target)


def _revised(old: CheckResult, new: CheckResult, docx: bytes, template: str | Library | None,
             draft: bool, limits: tuple[float | None, int | None], style: str,
             lang: str, colour: bool) -> bytes | list[str]:
    """Return the new .docx with its changes from `old` marked, or the findings that keep the
    old version from being built.

    The marks carry the new version's contact person and submission date: no clock, so the
    same two files always give the same bytes.
    """
    from tiip_writer.render import build_document
    from tiip_writer.render.limits import RenderLimits
    from tiip_writer.render.revision import Revision, mark_revisions

    if old.proposal is None:
        return [format_diagnostic(d, lang, colour) for d in old.diagnostics
                if d.severity is Severity.ERROR]
    built = build_document(old, template=template, draft=draft,
                           limits=RenderLimits.from_env(*limits))
    if built.docx is None:
        return [format_diagnostic(d, lang, colour) for d in built.diagnostics]
    assert new.proposal is not None
    revision = Revision(new.proposal.contact.name, new.proposal.submission_date,
                        "underline" if style == "underline" else "track")
    return mark_revisions(built.docx, docx, revision)


def _write(path: Path, data: bytes, make_folders: bool, lang: str) -> dict[str, object] | None:
    """Write `data` atomically; return the values of a write-failed message, or None."""
    try:
        if make_folders:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        return {"path": path, "reason": failure_reason(exc, lang)}
    return None
