"""Findings reported to the user: what, where, how bad, and what to do about it."""

from __future__ import annotations

import enum
from dataclasses import field

from tiip_writer.foundation.records import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 2 for error, 1 for warning, 0 for info (higher is worse)."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True)
class Text:
    """A user-facing sentence in Traditional Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        """Return the sentence in `lang` ('zh' or 'en')."""
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Diagnostic:
    """One finding at one place in one file. Lines and columns are 1-based, in characters."""

    rule: str
    severity: Severity
    message: Text
    file: str
    line: int = 1
    column: int = 1
    pointer: str = ""
    hint: Text | None = None
    citation: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def sort_key(self) -> tuple:
        """Return the key that orders findings by file, then position, then rule."""
        return (self.file, self.line, self.column, self.rule)



class InputError(Exception):
    """The input cannot be read at all (missing file, wrong encoding, too large): exit 2."""

    def __init__(self, message: Text, file: str, line: int | None = None, column: int | None = None,
                 hint: Text | None = None):
        super().__init__(message.en)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.hint = hint
