"""What the `tiip templates` sub-commands share: finding the library a user named.

templates.py, templates_check.py and templates_archive.py import this; it imports none of them.
"""

from __future__ import annotations

from pathlib import Path

from tiip_writer.cli.common import EXIT_INPUT, echo_err, format_diagnostic
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.libraries import discovery
from tiip_writer.libraries.discovery import is_path_spec
from tiip_writer.libraries.errors import LibraryError
from tiip_writer.libraries.manifest import MANIFEST
from tiip_writer.render.library import Library, load_library

NOT_A_LIBRARY = Text("{folder} 不是樣板庫資料夾（沒有 {manifest}）",
                     "{folder} is not a library folder (no {manifest})")


def load_or_exit(spec: str | Path, lang: str) -> Library:
    """Return the library `spec` names; print its findings and exit 2 when it cannot be used."""
    try:
        return load_library(spec)
    except LibraryError as error:
        for diagnostic in error.diagnostics:
            echo_err(format_diagnostic(diagnostic, lang))
        raise SystemExit(EXIT_INPUT) from None


def library_folder(spec: Path, lang: str) -> Path:
    """Return the folder of the library `spec` names (a folder, or a name); exit 2 if none."""
    if (spec / MANIFEST).is_file():
        return spec
    if not is_path_spec(str(spec)):
        try:
            return discovery.find(str(spec)).root
        except LibraryError as error:
            for diagnostic in error.diagnostics:
                echo_err(format_diagnostic(diagnostic, lang))
            raise SystemExit(EXIT_INPUT) from None
    echo_err(NOT_A_LIBRARY.get(lang).format(folder=spec, manifest=MANIFEST))
    raise SystemExit(EXIT_INPUT)
