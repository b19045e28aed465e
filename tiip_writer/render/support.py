"""Whether a template library supports a proposal: its format version and programme year."""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text
from tiip_writer.libraries.errors import finding
from tiip_writer.model import Proposal
from tiip_writer.render.library import Library


def support_findings(library: Library, proposal: Proposal) -> list[Diagnostic]:
    """Return an error per chain member lacking the proposal's format, a warning for the year."""
    found = []
    for member in library.chain:
        versions = member.manifest.format_versions
        if proposal.format_version not in versions:
            line, column = member.manifest.line_of("format_version")
            listed = ", ".join(map(str, versions))
            found.append(finding(
                "build.library-format",
                f"樣板庫「{member.name}」支援計畫書格式版本 {listed}，本計畫書為第 "
                f"{proposal.format_version} 版",
                f"library '{member.name}' supports proposal format {listed}, the proposal is "
                f"format {proposal.format_version}", str(member.manifest.path), line, column,
                Text("請改用支援此版本的樣板庫，或請樣板庫維護者更新。",
                     "use a library that supports this format, or ask its maintainer to "
                     "update it.")))
    years = library.manifest.programme_years
    year = proposal.programme.year
    if year not in years:
        line, column = library.manifest.line_of("programme_years")
        listed = "、".join(map(str, years))
        found.append(finding(
            "build.library-year",
            f"樣板庫「{library.name}」是為民國 {listed} 年度撰寫的，本計畫書為 {year} 年度",
            f"library '{library.name}' was written for programme year(s) "
            f"{', '.join(map(str, years))}, the proposal is for {year}",
            str(library.manifest.path), line, column,
            Text("請確認樣板的章節與表格符合該年度的申請須知。",
                 "check that the chapters and tables follow that year's application guide."),
            severity=Severity.WARNING))
    return found
