"""The page's build button: save, then write the Word proposal beside the YAML as `tiip build`
does (same check, same refusal on errors unless a draft is asked for, same atomic write)."""

from __future__ import annotations

from typing import Any

from tiip_writer.editor.session import EditSession
from tiip_writer.editor.state import finding_json
from tiip_writer.foundation.diagnostics import Severity
from tiip_writer.foundation.fileio import write_atomic
from tiip_writer.foundation.output_guard import output_problem
from tiip_writer.render.library import Library

SAY = {
    "refused": {"zh": "有 {count} 個錯誤，未產生 Word 檔。請修正，或勾選「草稿」產生標示為草稿的版本。",
                "en": "{count} error(s): no Word file was written. Fix them, or tick Draft for a "
                      "version marked as a draft."},
    "unbuildable": {"zh": "計畫書的結構錯誤使它無法排版，請先修正。",
                    "en": "structure errors keep the proposal from being laid out; fix them first."},
    "failed": {"zh": "無法產生 Word 檔（見下列問題）。", "en": "the Word file could not be built (see below)."},
    "written": {"zh": "已產生 {path}", "en": "wrote {path}"},
    "written-draft": {"zh": "已產生草稿 {path}（含 {count} 個錯誤，不得送件）",
                      "en": "wrote the draft {path} ({count} error(s); not for submission)"},
}


def build_outputs(session: EditSession, library: Library, draft: bool, lang: str) -> dict[str, Any]:
    """Save the proposal (raises ChangedOnDisk), build its .docx and return what happened."""
    session.save()
    with session.lock:
        checked = session.result
    # Where the page says it was written: the full path, wherever the editor was started.
    target = session.path.with_suffix(".docx").resolve()
    errors = sum(1 for d in checked.diagnostics if d.severity is Severity.ERROR)

    def outcome(key: str, ok: bool, problems: list[Any] = (), **values: Any) -> dict[str, Any]:
        return {"ok": ok, "message": SAY[key][lang].format(**values),
                "path": str(target) if ok else None,
                "findings": [finding_json(d, lang) for d in problems]}

    refused = output_problem(target, [session.path])
    if refused is not None:
        return {"ok": False, "message": refused.get(lang), "path": None, "findings": []}
    if checked.proposal is None:
        return outcome("unbuildable", False)
    if errors and not draft:
        return outcome("refused", False, count=errors)
    from tiip_writer.render import build_document

    built = build_document(checked, template=library, draft=draft)
    if built.docx is None:
        return outcome("failed", False, built.diagnostics)
    try:
        write_atomic(target, built.docx)
    except OSError as exc:
        return {"ok": False, "message": f"{target}: {exc.strerror or exc}", "path": None,
                "findings": []}
    if draft and errors:
        return outcome("written-draft", True, built.diagnostics, path=target, count=errors)
    return outcome("written", True, built.diagnostics, path=target)
