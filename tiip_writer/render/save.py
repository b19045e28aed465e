"""Deterministic .docx bytes: same input, same bytes (atomic writing is tiip_writer.fileio)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

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


def normalise_zip(data: bytes) -> bytes:
    """Return the archive `data` rewritten with fixed timestamps (entry order kept)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    return zip_bytes(entries)
