"""The layout step of `tiip build`: page numbers into the .docx's TOC, and the PDF.

Runs LibreOffice (tiip_writer.layout) when the user asks for a PDF, and for a .docx too unless
page numbers are turned off (`--no-page-numbers` or TIIP_PAGE_NUMBERS=off). Without
LibreOffice a .docx is still written, its TOC page numbers left empty for Word to fill, with a
notice; a PDF that cannot be made is an error (exit 2) that says how to install LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import os

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.records import dataclass

ENV_PAGE_NUMBERS = "TIIP_PAGE_NUMBERS"  # off / 0 / no / false: a .docx build skips the layout
OFF_VALUES = ("off", "0", "no", "false")

MESSAGES = {
    "no-numbers": Text("注意：{reason}。目錄頁碼暫時留空（Word 開啟後按 F9 更新功能變數即可填入）。",
                       "note: {reason}. The TOC's page numbers are left empty (Word fills them "
                       "when you update fields with F9)."),
    "no-pdf": Text("未產生 PDF：{reason}", "no PDF was written: {reason}"),
    "unstable": Text("注意：排版 {layouts} 次後頁碼仍在變動，目錄頁碼以最後一次排版為準，請檢查。",
                     "note: the page numbers still moved after {layouts} layouts; the TOC shows "
                     "those of the last one, check them."),
}


@dataclass(frozen=True)
class LaidOut:
    """The .docx to write (page numbers filled when possible), the PDF or None, notices."""

    docx: bytes
    pdf: bytes | None
    notices: tuple[str, ...] = ()


def page_numbers_enabled() -> bool:
    """Return False when TIIP_PAGE_NUMBERS turns the layout of .docx builds off."""
    return os.environ.get(ENV_PAGE_NUMBERS, "").strip().lower() not in OFF_VALUES


def lay_out(docx: bytes, day: dt.date, want_pdf: bool, lang: str) -> LaidOut:
    """Return the .docx with its TOC page numbers and, when `want_pdf`, its PDF."""
    # Imported here: a build without page numbers never starts LibreOffice, nor loads what
    # runs and reads it (subprocess, the PDF reader).
    from tiip_writer.layout.office import Office, OfficeError
    from tiip_writer.layout.paginate import MAX_LAYOUTS, paginate

    try:
        with Office() as office:
            result = paginate(docx, office, day)
    except OfficeError as error:
        reason = error.message.get(lang)
        if want_pdf:
            return LaidOut(docx, None, (MESSAGES["no-pdf"].get(lang).format(reason=reason),))
        return LaidOut(docx, None, (MESSAGES["no-numbers"].get(lang).format(
            reason=reason.rstrip("。.")),))
    notices = () if result.stable else (
        MESSAGES["unstable"].get(lang).format(layouts=MAX_LAYOUTS),)
    return LaidOut(result.docx, result.pdf if want_pdf else None, notices)
