"""LibreOffice headless as the layout engine: .docx bytes in, PDF bytes out.

Every `Office` has a private LibreOffice profile (a temporary folder), so parallel builds and a
LibreOffice the user has open never share one; every conversion has a time limit, and the
fonts the proposal names are mapped to their Taiwanese (TW) forms through fonts.conf.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from tiip_writer.foundation.diagnostics import Text

if TYPE_CHECKING:
    from typing_extensions import Self

FONTS_CONF = Path(__file__).with_name("fonts.conf")
ENV_SOFFICE = "TIIP_SOFFICE"  # the LibreOffice program to use, when not on PATH
ENV_TIMEOUT = "TIIP_OFFICE_TIMEOUT"  # seconds per conversion
DEFAULT_TIMEOUT = 180.0

# Writer bookmarks become PDF named destinations: how the page of every heading is read back.
PDF_FILTER = ('pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":'
              '{"type":"boolean","value":"true"}}')

_INSTALL = {
    "debian": "sudo apt-get install libreoffice-writer-nogui",
    "fedora": "sudo dnf install libreoffice-writer",
    "suse": "sudo zypper install libreoffice-writer",
    "arch": "sudo pacman -S libreoffice-fresh",
    "alpine": "sudo apk add libreoffice-writer",
    "darwin": "brew install --cask libreoffice",
    "windows": "winget install TheDocumentFoundation.LibreOffice",
}
_MAC_APP = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
_WINDOWS_APPS = [Path(os.environ.get(v, "")) / "LibreOffice" / "program" / "soffice.exe"
                 for v in ("ProgramFiles", "ProgramFiles(x86)") if os.environ.get(v)]


class OfficeError(Exception):
    """LibreOffice is missing, failed or took too long; `message` says which and what to do."""

    def __init__(self, message: Text, missing: bool = False):
        super().__init__(message.en)
        self.message = message
        self.missing = missing


def find_soffice() -> str | None:
    """Return the LibreOffice program (TIIP_SOFFICE, PATH, the usual install places) or None."""
    chosen = os.environ.get(ENV_SOFFICE)
    if chosen:
        return chosen if Path(chosen).is_file() or shutil.which(chosen) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in (_MAC_APP, *_WINDOWS_APPS):
        if path.is_file():
            return str(path)
    return None


def install_command() -> str:
    """Return the command that installs LibreOffice on this system."""
    system = platform.system().lower()
    if system in ("darwin", "windows"):
        return _INSTALL[system]
    family = _os_release_ids()
    if family & {"fedora", "rhel", "centos"}:
        return _INSTALL["fedora"]
    for key in ("suse", "arch", "alpine"):
        if any(key in word for word in family):
            return _INSTALL[key]
    return _INSTALL["debian"]  # Debian, Ubuntu and their kin, and the guess when unknown


def _os_release_ids() -> set[str]:
    """Return the ID and ID_LIKE words of /etc/os-release (empty when unreadable)."""
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return set()
    words: set[str] = set()
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key in ("ID", "ID_LIKE"):
            words.update(value.strip().strip('"').lower().split())
    return words


def missing_message() -> Text:
    """Return what to tell a user whose system has no LibreOffice."""
    command = install_command()
    return Text(f"找不到 LibreOffice（soffice），無法排版出頁碼與 PDF。請安裝：{command}"
                f"（或以環境變數 {ENV_SOFFICE} 指定 soffice 的位置）",
                f"LibreOffice (soffice) was not found, so there is no page layout and no PDF. "
                f"Install it: {command} (or point {ENV_SOFFICE} at the soffice program)")


def timeout_seconds() -> float:
    """Return the time limit of one conversion (TIIP_OFFICE_TIMEOUT, default 180 s)."""
    try:
        value = float(os.environ.get(ENV_TIMEOUT, ""))
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


class Office:
    """One LibreOffice profile for the conversions of one build (use as a context manager)."""

    def __init__(self, program: str | None = None, timeout: float | None = None):
        found = program or find_soffice()
        if found is None:
            raise OfficeError(missing_message(), missing=True)
        self.program = found
        self.timeout = timeout or timeout_seconds()
        self._folder = tempfile.TemporaryDirectory(prefix="tiip-office-")
        self.root = Path(self._folder.name)
        self.conversions = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Remove the profile and the working files."""
        self._folder.cleanup()

    def to_pdf(self, docx: bytes) -> bytes:
        """Return the PDF of the .docx `docx` as LibreOffice lays it out."""
        self.conversions += 1
        work = self.root / f"run{self.conversions}"
        work.mkdir()
        source = work / "document.docx"
        source.write_bytes(docx)
        command = [self.program, f"-env:UserInstallation={(self.root / 'profile').as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                   "--nolockcheck", "--convert-to", PDF_FILTER, "--outdir", str(work),
                   str(source)]
        # Nothing of LibreOffice's outlives the build: its settings store (dconf) and runtime
        # files go to the private folder, removed afterwards, not to the user's.
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), GSETTINGS_BACKEND="memory",
                   XDG_RUNTIME_DIR=str(self.root))
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, env=env, start_new_session=True)
        except OSError as exc:
            raise OfficeError(Text(f"無法啟動 LibreOffice（{self.program}）：{exc.strerror or exc}",
                                   f"cannot start LibreOffice ({self.program}): "
                                   f"{exc.strerror or exc}"), missing=True) from None
        try:
            _out, err = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise OfficeError(Text(
                f"LibreOffice 排版超過 {self.timeout:g} 秒仍未完成，已中止（可用 {ENV_TIMEOUT} "
                "放寬時限）", f"LibreOffice did not finish the layout within {self.timeout:g} s "
                f"and was stopped (raise the limit with {ENV_TIMEOUT})")) from None
        result = work / "document.pdf"
        if process.returncode != 0 or not result.is_file():
            reason = _last_line(err.decode("utf-8", "replace")) or f"exit {process.returncode}"
            raise OfficeError(Text(f"LibreOffice 無法把文件轉成 PDF：{reason}",
                                   f"LibreOffice could not convert the document to PDF: {reason}"))
        return result.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the soffice started for this conversion and the processes it started itself."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.communicate()


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines()
             if line.strip() and not re.search(r"javaldx|java may not", line)]
    return lines[-1].strip() if lines else ""
