"""Repeatable PDF bytes: LibreOffice stamps each PDF with the clock; put fixed values there.

Only the creation date, the document checksum and the file identifier differ between two
conversions of the same .docx. Each is replaced in place by a value of the same length, so
the cross-reference offsets stay valid without rewriting the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

_CREATION = re.compile(rb"/CreationDate\(D:(\d{14})")
_CHECKSUM = re.compile(rb"/DocChecksum /([0-9A-F]{32})")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-F]{32})>\s*<([0-9A-F]{32})>\s*\]")


def repeatable_pdf(pdf: bytes, day: dt.date) -> bytes:
    """Return `pdf` with its creation date set to `day` and its checksum and identifier
    derived from the content, so the same document always gives the same bytes."""
    stamp = f"{day.year:04d}{day.month:02d}{day.day:02d}000000".encode("ascii")
    data = _CREATION.sub(lambda m: m.group(0)[: -14] + stamp, pdf)
    zeroed = _ID.sub(lambda m: m.group(0).replace(m.group(1), b"0" * 32)
                     .replace(m.group(2), b"0" * 32), _CHECKSUM.sub(
                         lambda m: m.group(0).replace(m.group(1), b"0" * 32), data))
    digest = hashlib.md5(zeroed, usedforsecurity=False).hexdigest().upper().encode("ascii")
    data = _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), digest), data)
    return _ID.sub(lambda m: m.group(0).replace(m.group(1), digest).replace(m.group(2), digest),
                   data)
