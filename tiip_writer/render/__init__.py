"""Stage 6–9: the proposal → template context → Markdown → Word document, narrated in one place.

Everything that can go wrong (library, reference styles, templates, images) is collected as
findings before any bytes exist; the caller writes the file only when there are none.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text
from tiip_writer.foundation.records import dataclass
from tiip_writer.model.proposal import ReviewResponse
from tiip_writer.render.context import build_context
from tiip_writer.render.document import (
    add_draft_header,
    document_bytes,
    missing_styles,
    open_reference,
    set_properties,
)
from tiip_writer.render.docx_xml import style_ids
from tiip_writer.render.labels import LabelError, text
from tiip_writer.render.library import Library, LibraryError, load_library
from tiip_writer.render.limits import RenderLimits
from tiip_writer.render.markdown_docx import Composer
from tiip_writer.render.support import support_findings
from tiip_writer.render.tables import BUILDERS
from tiip_writer.render.templating import TemplateProblem, render
from tiip_writer.source import Source


@dataclass
class BuildOutput:
    """The built document (None when something stopped it), its Markdown and the findings."""

    docx: bytes | None
    markdown: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def build_document(checked: CheckResult, template: str | Path | Library | None = None,
                   draft: bool = False, limits: RenderLimits | None = None) -> BuildOutput:
    """Return the .docx bytes of a checked proposal built with the template library `template`."""
    proposal, source = checked.proposal, checked.source
    assert proposal is not None, "build_document needs a schema-valid proposal"
    try:
        library = template if isinstance(template, Library) else load_library(template)
    except LibraryError as exc:
        return BuildOutput(None, diagnostics=exc.diagnostics)
    support = support_findings(library, proposal)
    if any(d.severity is Severity.ERROR for d in support):
        return BuildOutput(None, diagnostics=support)
    reference = library.reference_docx
    if reference is None:
        return BuildOutput(None, diagnostics=[_finding(
            "build.style", "樣板庫沒有參考文件 reference.docx。",
            "the library has no reference.docx.", str(library.root))])
    document = open_reference(reference)
    missing = "、".join(missing_styles(document))
    if missing:
        return BuildOutput(None, diagnostics=[_finding(
            "build.style", f"參考文件缺少本工具需要的 Word 樣式：{missing}",
            f"the reference document lacks Word styles the build needs: {missing}",
            str(reference))])
    try:
        context = build_context(proposal, library.tables, source.path.parent, draft,
                                default_agency=checked.ruleset.agency if checked.ruleset else None,
                                budget=checked.budget)
        captions = {"table": text(library.tables, "captions", "table"),
                    "figure": text(library.tables, "captions", "figure")}
        draft_text = text(library.tables, "draft") if draft else ""
    except LabelError as exc:
        key = ".".join(exc.path)
        return BuildOutput(None, diagnostics=[_finding(
            "build.template", f"樣板庫的 tables.yaml 缺少「{key}」", f"tables.yaml lacks '{key}'",
            str(library.root / "tables.yaml"))])
    try:
        rendered = render(library, context, BUILDERS, limits,
                          styles=style_ids(document.styles.element))
    except TemplateProblem as exc:
        return BuildOutput(None, diagnostics=[*support, _finding(
            "build.template", exc.message_zh, exc.message_en, exc.file, exc.line)])
    if draft:
        add_draft_header(document, draft_text)
    composer = Composer(document, source.path.parent, rendered.blocks, captions)
    composer.compose(rendered.markdown)
    diagnostics = [_image_finding(source, p.target, p.reason_zh, p.reason_en)
                   for p in composer.problems]
    if diagnostics:
        return BuildOutput(None, rendered.markdown, [*support, *diagnostics])
    support = [*support, *_unanchored(source, proposal.review_responses, composer.anchored,
                                      str(library.root))]
    set_properties(document, proposal.title, context.lead.name,
                   "、".join(proposal.summary.keywords), proposal.submission_date, draft,
                   draft_text, provenance(library, checked))
    return BuildOutput(document_bytes(document, composer.tables), rendered.markdown, support)


def provenance(library: Library, checked: CheckResult) -> str:
    """Return what produced the document, for its properties: the tool, the template library
    (an edition's name and version) and the rule set (year, and where it came from)."""
    from tiip_writer import __version__

    rs = checked.ruleset
    ruleset = (f"規則集 民國 {rs.year} 年度（{rs.origin.describe().zh if rs.origin else '—'}）"
               if rs else "規則集 —")
    return f"tiip-writer {__version__}；樣板庫 {library.name} {library.version}；{ruleset}"


def _unanchored(source: Source, responses: tuple[ReviewResponse, ...], anchored: list[str],
                library: str) -> list[Diagnostic]:
    """Return a warning for each section a review response names that the template library
    does not mark with anchor(): its 修正頁碼 cannot be laid out."""
    found = []
    for response in responses:
        for index, key in enumerate(response.sections):
            if key in anchored:
                continue
            line, column = source.positions.value_at(f"{response.ptr}/sections/{index}")
            found.append(Diagnostic(
                rule="build.anchor", severity=Severity.WARNING, file=source.display,
                line=line, column=column, pointer=f"{response.ptr}/sections/{index}",
                message=Text(f"樣板庫沒有標示章節「{key}」從哪裡開始，這項回復的修正頁碼無法由排版產生",
                             f"the template library does not mark where section '{key}' "
                             "starts, so this response's page cannot be laid out"),
                hint=Text(f"在樣板庫該章節的標題前加上 {{{{ anchor(\"{key}\") }}}}（{library}）",
                          f"put {{{{ anchor(\"{key}\") }}}} before that section's heading in "
                          f"the library ({library})")))
    return found


def _image_finding(source: Source, target: str, reason_zh: str, reason_en: str) -> Diagnostic:
    """Return a finding for an image, placed on the first YAML line that names it."""
    line = next((n for n, text_line in enumerate(source.text.splitlines(), start=1)
                 if f"]({target}" in text_line), 1)
    return _finding("build.image", f"{reason_zh}：{target}", f"{reason_en}: {target}",
                    source.display, line)


def _finding(rule: str, zh: str, en: str, file: str, line: int | None = None) -> Diagnostic:
    return Diagnostic(rule=rule, severity=Severity.ERROR, message=Text(zh, en), file=file,
                      line=line or 1, column=1)
