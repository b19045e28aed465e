"""Progress of a batch: a bar redrawn in place on a terminal, plain numbered lines otherwise.

The bar lives on the last line of standard error. Whatever a job prints goes above it: the bar
is wiped first and drawn again after, so findings never get mixed into it. In a pipe or a CI
log each finished file gets one line (`[3/8] …`), which reads well and never needs a redraw.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO

import click

WIDTH = 24  # characters of bar


class Progress:
    """Counts finished files out of `total` and shows it on `stream` (standard error)."""

    def __init__(self, total: int, stream: TextIO | None = None, terminal: bool | None = None):
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.terminal = _is_terminal(self.stream) if terminal is None else terminal
        self._drawn = False

    def start(self) -> None:
        """Show the empty bar (on a terminal; plain output starts with the first file)."""
        if self.terminal:
            self._draw("")

    def step(self, label: str, out: tuple[str, ...] = (), err: tuple[str, ...] = ()) -> None:
        """Count one finished file called `label` and print what it reported above the bar."""
        self.done += 1
        self._wipe()
        if not self.terminal:
            click.echo(f"[{self.done}/{self.total}] {label}", file=self.stream)
        for line in out:
            click.echo(line)
        for line in err:
            click.echo(line, file=self.stream)
        if self.terminal and self.done < self.total:
            self._draw(label)

    def finish(self) -> None:
        """Remove the bar, leaving the terminal as it was for the summary."""
        self._wipe()

    def _draw(self, label: str) -> None:
        filled = WIDTH * self.done // max(self.total, 1)
        bar = "█" * filled + "░" * (WIDTH - filled)
        text = f"[{bar}] {self.done}/{self.total} {label}"
        columns = shutil.get_terminal_size((80, 24)).columns
        # CJK characters take two columns; keep the line shorter than the terminal.
        while _columns(text) >= columns and len(text) > WIDTH + 10:
            text = text[:-2] + "…"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self._drawn = True

    def _wipe(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _columns(text: str) -> int:
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)
