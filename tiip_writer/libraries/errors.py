"""The error a template library raises when it cannot be used, carrying its findings."""

from __future__ import annotations

from tiip_writer.foundation.diagnostics import Diagnostic, Severity, Text


class LibraryError(Exception):
    """A library cannot be used: not found, a name clash, a cycle, a broken manifest."""

    def __init__(self, diagnostics: list[Diagnostic]):
        assert diagnostics, "a LibraryError needs at least one finding"
        super().__init__(diagnostics[0].message.en)
        self.diagnostics = diagnostics

    @classmethod
    def of(cls, rule: str, zh: str, en: str, file: str, line: int = 1, column: int = 1,
           hint: Text | None = None) -> LibraryError:
        """Return an error with one finding."""
        return cls([finding(rule, zh, en, file, line, column, hint)])

    @property
    def message_zh(self) -> str:
        """Return the first finding's message in Chinese."""
        return self.diagnostics[0].message.zh

    @property
    def message_en(self) -> str:
        """Return the first finding's message in English."""
        return self.diagnostics[0].message.en

    @property
    def file(self) -> str:
        """Return the file of the first finding."""
        return self.diagnostics[0].file


def finding(rule: str, zh: str, en: str, file: str, line: int = 1, column: int = 1,
            hint: Text | None = None, severity: Severity = Severity.ERROR) -> Diagnostic:
    """Return a finding about a template library."""
    return Diagnostic(rule=rule, severity=severity, message=Text(zh, en), file=file, line=line,
                      column=column, hint=hint)
