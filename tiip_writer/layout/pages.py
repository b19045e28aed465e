"""The page measurement: on which page of a laid-out PDF each Word bookmark lands.

LibreOffice exports every Writer bookmark as a PDF named destination (office.PDF_FILTER);
reading those back gives {bookmark: page}. The TOC's page numbers use it, and so can any page
reference (審查意見回復表's 修正頁次, cross-references) that points at a bookmark.
Pages are counted from the cover as page 1, which is the number the footers print.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class PageMap:
    """{bookmark name: page number (1-based)} of one layout, and its page count."""

    pages: Mapping[str, int]
    count: int

    def page(self, bookmark: str) -> int | None:
        """Return the page on which `bookmark` starts, or None when the layout lacks it."""
        return self.pages.get(bookmark)


def measure(pdf: bytes, bookmarks: Iterable[str]) -> PageMap:
    """Return the page of each of `bookmarks` found in `pdf` (a missing one is left out)."""
    from pypdf import PdfReader  # only a build that lays out pages pays for importing it

    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, int] = {}
    for key, destination in reader.named_destinations.items():
        number = reader.get_destination_page_number(destination)
        if number is not None and number >= 0:
            found[_pdf_name(key)] = number + 1
    pages = {}
    for name in bookmarks:
        page = found.get(name, found.get(lo_escaped(name)))
        if page is not None:
            pages[name] = page
    return PageMap(pages, len(reader.pages))


def lo_escaped(name: str) -> str:
    """Return `name` as LibreOffice 7 writes it into a PDF: other than letters and digits, each
    character as two hex digits without the '#' (so `_Toc1` becomes `5FToc1`)."""
    return "".join(c if c.isascii() and c.isalnum() else "".join(
        f"{b:02X}" for b in c.encode("utf-8")) for c in name)


def _pdf_name(key: str) -> str:
    return key.removeprefix("/")
