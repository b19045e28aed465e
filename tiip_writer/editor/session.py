"""One proposal open in the editor: the text being edited, its undo history and the file on disk.

The server touches only three things: the proposal file (read, and written on save), the
tiip.toml that governs it (read), and image files in the proposal's folder (read, for the
preview). Saving never overwrites a file that another program changed since it was read: the
page is told, and the user chooses to reload it or to keep their own version.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from tiip_writer.checking.config import Config, config_for
from tiip_writer.checking.pipeline import CheckResult, check_source
from tiip_writer.editor.document import Document, Edit, EditError, UnreadableYaml
from tiip_writer.editor.splice import splice
from tiip_writer.foundation.diagnostics import Diagnostic, InputError, Severity, Text
from tiip_writer.foundation.fileio import write_atomic
from tiip_writer.foundation.messages import msg
from tiip_writer.source import Source
from tiip_writer.source.loader import decode, load_text, max_bytes_setting

BOM = "\ufeff"
# Typing in one field is one undo step while the pauses between keystrokes stay this short.
COALESCE_SECONDS = 2.0
UNDO_DEPTH = 200


class UnreadableFile(Exception):
    """The file on disk is not YAML the editor can open; `diagnostic` says where and why, in
    the words `tiip check` uses for the same file."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message.en)
        self.diagnostic = diagnostic


def _first_error(source: Source) -> Diagnostic:
    errors = [d for d in source.diagnostics if d.severity is Severity.ERROR]
    return errors[0] if errors else source.diagnostics[0]


class ChangedOnDisk(Exception):
    """The file on disk changed since the editor read or saved it."""


@dataclass(frozen=True)
class Fingerprint:
    """What the file on disk was when the editor last read or wrote it."""

    mtime_ns: int
    size: int
    digest: str

    @classmethod
    def of(cls, path: Path, data: bytes | None = None) -> Fingerprint:
        stat = path.stat()
        if data is None:
            data = path.read_bytes()
        return cls(stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest())


class EditSession:
    """The open proposal; every public method holds the session lock (requests run in threads)."""

    def __init__(self, path: Path, display: str | None = None):
        self.path = path
        self.display = display or str(path)
        self.lock = threading.RLock()
        self.undo_stack: list[str] = []
        self.redo_stack: list[str] = []
        self._last_edit: tuple[str, float] | None = None
        self._load_from_disk()

    # --- reading ------------------------------------------------------------------------

    def _load_from_disk(self) -> None:
        """Read the file, its tiip.toml and check it; raise InputError or UnreadableFile."""
        try:
            size, limit = self.path.stat().st_size, max_bytes_setting()
            if size > limit:
                raise InputError(msg("io.too-large", size=size, limit=limit), self.display,
                                 hint=msg("io.too-large.hint"))
            raw = self.path.read_bytes()
        except OSError as exc:
            raise InputError(Text(f"無法讀取檔案：{exc.strerror}",
                                  f"cannot read the file: {exc.strerror}"), self.display) from exc
        text = decode(raw, self.display)
        self.bom = raw.startswith(BOM.encode())
        self.crlf = "\r\n" in text
        text = text.replace("\r\n", "\n") if self.crlf else text
        # Read as `tiip check` reads it first, so a YAML error is told as check tells it.
        source = load_text(text, self.path, self.display)
        if source.data is None:
            raise UnreadableFile(_first_error(source))
        try:
            document = Document(text)
        except UnreadableYaml as exc:  # PyYAML read it, ruamel.yaml did not: rare, told the same
            raise UnreadableFile(Diagnostic(
                rule="yaml.syntax", severity=Severity.ERROR,
                message=msg("yaml.syntax", problem=exc.problem), file=self.display,
                line=exc.line or 1, column=exc.column or 1,
                hint=msg("yaml.syntax.hint"))) from None
        self.config: Config = config_for(self.path)
        self.result = check_source(source, self.config)
        self.document = document
        self.text = self.saved_text = text
        self.disk = Fingerprint.of(self.path, raw)

    def _check(self) -> CheckResult:
        return check_source(load_text(self.text, self.path, self.display), self.config)

    def _encoded(self, text: str) -> bytes:
        """Return `text` as the file's bytes (its BOM and line endings as they were)."""
        if self.crlf:
            text = text.replace("\n", "\r\n")
        return ((BOM if self.bom else "") + text).encode("utf-8")

    # --- editing ------------------------------------------------------------------------

    def apply(self, edits: list[Edit]) -> None:
        """Apply the page's edits as one step; on an edit that does not fit, change nothing."""
        with self.lock:
            before = self.text
            try:
                for edit in edits:
                    self.document.apply(edit)
            except EditError:
                self.document = Document(before)
                raise
            text = self._spliced(edits)
            if text is None:
                text = self.document.text()
            if text == before:
                return
            if not self._continues_typing(edits):
                self.undo_stack.append(before)
                del self.undo_stack[:-UNDO_DEPTH]
            self.redo_stack.clear()
            self.text = text
            self.result = self._check()

    def _spliced(self, edits: list[Edit]) -> str | None:
        """Return the text with typed values written in place (splice.py), or None when the
        tree has to be dumped (a structural edit, a value that changes its form)."""
        if not all(e.op == "set" and not e.kind for e in edits):
            return None
        return splice(self.result.source, [(e.pointer, e.value) for e in edits])

    def _continues_typing(self, edits: list[Edit]) -> bool:
        """Return True when `edits` set the same field as the previous step, moments later."""
        now = time.monotonic()
        field = edits[0].pointer if len(edits) == 1 and edits[0].op == "set" else None
        previous, self._last_edit = self._last_edit, (field, now) if field else None
        return (field is not None and previous is not None and previous[0] == field
                and now - previous[1] < COALESCE_SECONDS and bool(self.undo_stack))

    def undo(self) -> bool:
        """Go back one step; return False when there is nothing to undo."""
        return self._step(self.undo_stack, self.redo_stack)

    def redo(self) -> bool:
        """Go forward one undone step; return False when there is nothing to redo."""
        return self._step(self.redo_stack, self.undo_stack)

    def _step(self, source: list[str], target: list[str]) -> bool:
        with self.lock:
            if not source:
                return False
            target.append(self.text)
            self.text = source.pop()
            self.document = Document(self.text)
            self._last_edit = None
            self.result = self._check()
            return True

    # --- the file on disk ---------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Return True when the text differs from what was last read or saved."""
        return self.text != self.saved_text

    def changed_on_disk(self) -> bool:
        """Return True when another program changed (or removed) the file since it was read."""
        with self.lock:
            try:
                stat = self.path.stat()
            except OSError:
                return True
            if (stat.st_mtime_ns, stat.st_size) == (self.disk.mtime_ns, self.disk.size):
                return False
            try:
                now = Fingerprint.of(self.path)
            except OSError:
                return True
            if now.digest == self.disk.digest:  # touched, not changed
                self.disk = now
                return False
            return True

    def save(self, force: bool = False) -> None:
        """Write the text atomically; raise ChangedOnDisk unless `force` (the user chose to keep
        their version over the other program's)."""
        with self.lock:
            if not force and self.changed_on_disk():
                raise ChangedOnDisk(self.display)
            # The file gets the round-trip tree's own dump; typed values were spliced into the
            # checked text, and if ruamel writes one differently the text follows it.
            text = self.document.text()
            if text != self.text:
                self.text = text
                self.result = self._check()
            data = self._encoded(self.text)
            write_atomic(self.path, data)
            self.disk = Fingerprint.of(self.path, data)
            self.saved_text = self.text

    def reload(self) -> None:
        """Replace the text with the file on disk; the replaced text stays one undo away."""
        with self.lock:
            before = self.text
            self._load_from_disk()
            if before != self.text:
                self.undo_stack.append(before)
                self.redo_stack.clear()
            self._last_edit = None

    def image_path(self, target: str) -> Path | None:
        """Return the image file a prose field names, when it is a real image inside the
        proposal's folder (the build's own rule), else None."""
        from tiip_writer.render.images import ImageProblem, open_image

        opened = open_image(self.path.parent, target)
        return None if isinstance(opened, ImageProblem) else opened[0]

