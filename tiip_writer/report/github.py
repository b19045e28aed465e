"""GitHub Actions workflow annotations: `::error file=…,line=…,col=…,title=…::message`, one per
finding, so a pull request shows each problem on its line."""

from __future__ import annotations

from tiip_writer.checking.pipeline import CheckResult
from tiip_writer.foundation.diagnostics import Diagnostic
from tiip_writer.report import Outcome, Unreadable, ruledoc

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def github_annotations(outcomes: list[Outcome], lang: str) -> list[str]:
    """Return one workflow command per finding and per unreadable file."""
    lines = []
    for outcome in outcomes:
        if isinstance(outcome, Unreadable):
            error = outcome.error
            where = {"file": error.file}
            if error.line is not None:
                where.update(line=str(error.line), col=str(error.column or 1))
            lines.append(_command("error", {**where, "title": "io"}, error.message.get(lang)))
        elif isinstance(outcome, CheckResult):
            lines.extend(_annotation(d, lang) for d in outcome.diagnostics)
    return lines


def _annotation(d: Diagnostic, lang: str) -> str:
    """Return the workflow command of one finding: message, then hint, source and docs."""
    zh = lang == "zh"
    body = [d.message.get(lang)]
    if d.hint:
        body.append(("提示：" if zh else "hint: ") + d.hint.get(lang))
    if d.citation:
        body.append(("依據：" if zh else "source: ") + d.citation)
    if d.rule in ruledoc.known_ids():
        body.append(("說明：" if zh else "docs: ") + ruledoc.doc_link(d.rule))
    return _command(COMMANDS[d.severity.value], {
        "file": d.file, "line": str(d.line), "col": str(d.column), "title": d.rule},
        "\n".join(body))


def _command(name: str, properties: dict[str, str], message: str) -> str:
    """Return `::name key=value,…::message` with GitHub's escaping of values and message."""
    props = ",".join(f"{key}={_escape(value, True)}" for key, value in properties.items())
    return f"::{name} {props}::{_escape(message, False)}"


def _escape(value: str, is_property: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if is_property else value
