"""The page numbers of a built .docx: lay it out, measure, fill, and lay out again until stable.

Filling the numbers can move pages (a TOC line that wraps once its number is in, a TOC that
grows by a page), so the filled document is laid out again and measured; the result is the
first layout whose numbers are the ones it shows. The last layout is the PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tiip_writer.layout.office import Office
from tiip_writer.layout.pagerefs import fill_pagerefs, pageref_targets
from tiip_writer.layout.pages import PageMap, measure
from tiip_writer.layout.pdf_bytes import repeatable_pdf

MAX_LAYOUTS = 4  # one to measure, one to confirm, two more if the TOC's length moved pages


@dataclass(frozen=True)
class Paginated:
    """The .docx with its page numbers, its PDF, the measured pages and the layouts it took."""

    docx: bytes
    pdf: bytes
    pages: PageMap
    layouts: int
    stable: bool  # False: the numbers still moved after MAX_LAYOUTS layouts


def paginate(docx: bytes, office: Office, day: dt.date) -> Paginated:
    """Return `docx` with every PAGEREF result (the TOC's page numbers) set from its layout.

    `day` dates the PDF (no clock: the same input gives the same bytes).
    """
    targets = pageref_targets(docx)
    pdf = office.to_pdf(docx)
    pages = measure(pdf, targets)
    layouts, filled = 1, docx
    while targets and layouts < MAX_LAYOUTS:
        filled = fill_pagerefs(docx, pages.pages)
        pdf = office.to_pdf(filled)
        layouts += 1
        again = measure(pdf, targets)
        if again == pages:
            return Paginated(filled, repeatable_pdf(pdf, day), pages, layouts, True)
        pages = again
    return Paginated(filled, repeatable_pdf(pdf, day), pages, layouts, not targets)
