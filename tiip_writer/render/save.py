"""Deterministic .docx bytes: same input, same bytes (atomic writing is tiip_writer.foundation.fileio).

Tables are written as markup (render.table_xml) and stand in the document tree as a
processing instruction `<?tiip-table N?>`; saving puts the markup in their place.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from docx.opc.pkgwriter import PackageWriter
from lxml import etree

DOCUMENT_PART = "word/document.xml"
TABLE_PI = "tiip-table"
_PLACEHOLDER = re.compile(r"<\?" + TABLE_PI + r" (\d+)\?>")

# Zip entries carry a timestamp; a fixed one (the earliest zip can store) makes builds repeatable.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_bytes(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """Return a zip archive of (name, data) entries with fixed timestamps and attributes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0  # the same on every platform
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


def docx_parts(docx: bytes) -> list[tuple[str, bytes]]:
    """Return the (name, data) entries of a saved .docx, in archive order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def document_root(docx: bytes) -> etree._Element:
    """Return the parsed main document part of a saved .docx."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return etree.fromstring(archive.read(DOCUMENT_PART))


def rewrite_document(entries: Sequence[tuple[str, bytes]],
                     edit: Callable[[etree._Element], None]) -> bytes:
    """Return the .docx of `entries` with its main document part changed in place by `edit`
    (parsed once, written back the way Word writes it); every other part stays as it was."""
    out = []
    for name, data in entries:
        if name == DOCUMENT_PART:
            root = etree.fromstring(data)
            edit(root)
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out.append((name, data))
    return zip_bytes(out)


def table_placeholder(number: int) -> etree._Element:
    """Return what stands in the document tree for table markup number `number`."""
    return etree.ProcessingInstruction(TABLE_PI, str(number))


def splice_tables(xml: bytes, tables: Sequence[str]) -> bytes:
    """Return the document part `xml` with each table placeholder replaced by its markup."""
    if not tables:
        return xml
    text = xml.decode("utf-8")
    return _PLACEHOLDER.sub(lambda m: tables[int(m.group(1))], text).encode("utf-8")


def package_bytes(package: Any, tables: Sequence[str] = ()) -> bytes:
    """Return the .docx of a python-docx package with fixed timestamps, the tables spliced
    into the document part.

    python-docx's own save compresses every part into a zip that would only be read back and
    compressed again with fixed timestamps (~4 ms of a build); its package writer hands the
    parts, in archive order, to a collector instead.
    """
    try:
        entries = _package_entries(package)
    except AttributeError:  # a python-docx whose writer is arranged otherwise: its own save
        buffer = io.BytesIO()
        package.save(buffer)
        entries = docx_parts(buffer.getvalue())
    return zip_bytes((name, splice_tables(body, tables) if name == DOCUMENT_PART else body)
                     for name, body in entries)


def _package_entries(package: Any) -> list[tuple[str, bytes]]:
    """Return the (member name, data) python-docx's save would zip, in its order (its package
    writer's steps, given a collector for a zip)."""
    for part in package.parts:
        part.before_marshal()
    collected = _Collector()
    PackageWriter._write_content_types_stream(collected, package.parts)
    PackageWriter._write_pkg_rels(collected, package.rels)
    PackageWriter._write_parts(collected, package.parts)
    return collected.entries


class _Collector:
    """Stands in for python-docx's zip writer: keeps each (member name, data) in order."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.entries.append((pack_uri.membername, blob))
