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
    set_properties(document, proposal.title, context.lead.name,
                   "、".join(proposal.summary.keywords), proposal.submission_date, draft,
                   draft_text)
    return BuildOutput(document_bytes(document, composer.tables), rendered.markdown, support)


def _image_finding(source: Source, target: str, reason_zh: str, reason_en: str) -> Diagnostic:
    """Return a finding for an image, placed on the first YAML line that names it."""
    line = next((n for n, text_line in enumerate(source.text.splitlines(), start=1)
                 if f"]({target}" in text_line), 1)
    return _finding("build.image", f"{reason_zh}：{target}", f"{reason_en}: {target}",
                    source.display, line)


def _finding(rule: str, zh: str, en: str, file: str, line: int | None = None) -> Diagnostic:
    return Diagnostic(rule=rule, severity=Severity.ERROR, message=Text(zh, en), file=file,
                      line=line or 1, column=1)
