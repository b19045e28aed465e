"""The Word document around the body: reference styles, draft header, properties, bytes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx

from tiip_writer.render import docx_xml as X
from tiip_writer.render.save import package_bytes

# Every style the build writes; a reference .docx lacking one is refused before building.
REQUIRED_STYLES = (
    "Normal", "BodyText", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5",
    "Heading6", "Title", "Caption", "Quote", "ListBullet", "ListNumber", "TableText",
    "TableHeading", "TOC1", "TOC2", "TOC3", "Header", "CoverMark", "CoverProgramme",
    "CoverTitle", "CoverText", X.TABLE_STYLE,
)


def open_reference(path: Path) -> Any:
    """Return a python-docx Document of the reference .docx with an empty body."""
    document = docx.Document(str(path))
    body = document.element.body
    for child in list(body):
        if child.tag != X.qn("w:sectPr"):
            body.remove(child)
    return document


def missing_styles(document: Any) -> list[str]:
    """Return the required style ids that the document's styles part lacks."""
    present = X.style_ids(document.styles.element)
    return [style for style in REQUIRED_STYLES if style not in present]


def add_draft_header(document: Any, text: str) -> None:
    """Put `text` in the header of every page, the cover page included."""
    section = document.sections[0]
    for header in (section.header, section.first_page_header):
        header.is_linked_to_previous = False
        element = header._element
        for child in list(element):
            element.remove(child)
        element.append(X.header_paragraph(text))


def set_properties(document: Any, title: str, author: str, keywords: str, day: dt.date,
                   draft: bool, status_draft: str, provenance: str = "") -> None:
    """Set the core properties to values fixed by the input (no clock: repeatable bytes);
    `provenance` (the edition and rule set that produced the document) goes in the comments."""
    stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    props = document.core_properties
    props.title = title
    props.author = author
    props.last_modified_by = "tiip-writer"
    props.keywords = keywords
    props.language = "zh-TW"
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.content_status = status_draft if draft else ""
    props.comments = provenance


def document_bytes(document: Any, tables: Sequence[str] = ()) -> bytes:
    """Return the saved .docx with fixed zip timestamps and the table markup in place."""
    return package_bytes(document.part.package, tables)
