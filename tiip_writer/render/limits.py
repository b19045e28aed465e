"""Limits on rendering an untrusted template: time, output size, call depth, value sizes.

The sandbox (render/sandbox.py) asks a `Guard` before every attribute access, call, loop
iteration, intercepted operator and output chunk. Values can only grow by a bounded factor
between two checks, so a template that tries to build a gigantic string or loop forever is
stopped with a `LimitExceeded` that the renderer reports with the template's file and line.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator, Sized
from typing import Any

from tiip_writer.foundation.records import dataclass

# Environment variables that change the defaults (the CLI options override them).
ENV_SECONDS = "TIIP_RENDER_TIMEOUT"
ENV_MAX_CHARS = "TIIP_RENDER_MAX_CHARS"
# Integers bigger than this many bits are refused (10**30000 is far beyond any proposal).
MAX_INT_BITS = 100_000
# A width or precision in a format string (`%9999d`, `{:>9999}`) may not exceed this.
MAX_FORMAT_WIDTH = 10_000
_FORMAT_NUMBER = re.compile(r"(?<![A-Za-z_])(\d{5,})")
TICK_EVERY = 256  # loop iterations between two clock checks
MEMORY_EVERY = 64  # clock checks between two looks at the process size
_STATM = "/proc/self/statm"


class LimitExceeded(Exception):
    """A template went past a render limit; the message says which, in both languages."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.message_zh = message_zh


@dataclass(frozen=True)
class RenderLimits:
    """How long a render may take, how much it may write and how deep calls may nest."""

    seconds: float = 30.0
    max_chars: int = 20_000_000
    max_depth: int = 60
    max_iterations: int = 5_000_000
    max_template_bytes: int = 1_000_000
    max_blocks: int = 2_000  # native tables and paragraphs (table(), title() …); a proposal has ~60
    # How much the process may grow while a template renders: the backstop for memory that
    # builds up bit by bit (text captured by {% set %} blocks, values kept across a loop).
    max_memory_bytes: int = 256 * 1024 * 1024

    @classmethod
    def from_env(cls, seconds: float | None = None,
                 max_chars: int | None = None) -> RenderLimits:
        """Return the limits from explicit values, else the environment, else the defaults."""
        default = cls()
        env_seconds = os.environ.get(ENV_SECONDS)
        env_chars = os.environ.get(ENV_MAX_CHARS)
        chosen_seconds = seconds if seconds is not None else (
            _positive(env_seconds, float) if env_seconds else None)
        chosen_chars = max_chars if max_chars is not None else (
            _positive(env_chars, int) if env_chars else None)
        return cls(seconds=chosen_seconds or default.seconds,
                   max_chars=chosen_chars or default.max_chars)


def _positive(text: str, kind: type) -> Any:
    """Return `text` as a positive number of `kind`, or None when it is not one."""
    try:
        value = kind(text)
    except ValueError:
        return None
    return value if value > 0 else None


class Guard:
    """The running render's budget: a deadline, characters written, current call depth,
    and how much the process has grown."""

    def __init__(self, limits: RenderLimits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.written = 0
        self.depth = 0
        self.iterations = 0
        self.ticks = 0
        self.blocks = 0
        self.memory_ceiling = _process_size() + limits.max_memory_bytes

    def tick(self) -> None:
        """Raise LimitExceeded once the render has run past its time or memory limit."""
        self.ticks += 1
        if self.ticks % MEMORY_EVERY == 0 and _process_size() > self.memory_ceiling:
            megabytes = self.limits.max_memory_bytes // (1024 * 1024)
            raise LimitExceeded(f"樣板使用的記憶體超過 {megabytes:,} MB 上限（累積了過多的文字或清單）",
                                f"the template used more than {megabytes:,} MB of memory "
                                "(too much text or too many lists kept)")
        if time.monotonic() > self.deadline:
            seconds = self.limits.seconds
            raise LimitExceeded(f"樣板執行超過時間上限 {seconds:g} 秒（可能是無窮迴圈或過大的迴圈）",
                                f"the template ran past the time limit of {seconds:g} s "
                                "(an endless or huge loop?)")

    def check_size(self, value: Any) -> Any:
        """Return `value`, or raise LimitExceeded when it is a text or collection over the limit."""
        if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)):
            self.check_length(len(value))
        elif isinstance(value, int) and not isinstance(value, bool):
            self.check_int_bits(value.bit_length())
        return value

    def check_text(self, value: Any) -> None:
        """Raise LimitExceeded when `value` written as text would exceed the output limit
        (a list of 1,000 references to one 10-million-character text is 10 billion)."""
        self.check_length(text_size(value, self.limits.max_chars))

    def check_length(self, length: int) -> None:
        """Raise LimitExceeded when a value of `length` items would exceed the output limit."""
        if length > self.limits.max_chars:
            raise self._too_big()

    def check_int_bits(self, bits: int) -> None:
        """Raise LimitExceeded for an integer of more than MAX_INT_BITS bits."""
        if bits > MAX_INT_BITS:
            raise LimitExceeded("樣板產生的數字過大", "the template produced a gigantic number")

    def count_output(self, chunk: str) -> None:
        """Add a written chunk; raise LimitExceeded past the output limit or the deadline."""
        self.count_chars(len(chunk))

    def count_block(self, chars: int) -> None:
        """Count one native block (a table or paragraph a directive made) of `chars` characters;
        raise LimitExceeded past the number of blocks or the output limit."""
        self.blocks += 1
        if self.blocks > self.limits.max_blocks:
            limit = self.limits.max_blocks
            raise LimitExceeded(f"樣板放入的表格與段落（table()、title() 等）超過 {limit:,} 個",
                                f"the template placed more than {limit:,} tables and paragraphs "
                                "(table(), title() …)")
        self.count_chars(chars)

    def count_chars(self, count: int) -> None:
        """Add `count` characters written (also those of native tables); raise LimitExceeded
        past the output limit or the deadline."""
        self.written += count
        if self.written > self.limits.max_chars:
            raise self._too_big()
        self.tick()

    def enter(self) -> None:
        """Count one more nested call; raise LimitExceeded when calls nest too deep."""
        self.depth += 1
        if self.depth > self.limits.max_depth:
            self.depth = 0  # the error unwinds every level; do not report it once per level
            raise LimitExceeded(f"巨集或函式呼叫層數超過 {self.limits.max_depth} 層（可能是無窮遞迴）",
                                f"macro or function calls nest deeper than "
                                f"{self.limits.max_depth} levels (endless recursion?)")

    def leave(self) -> None:
        """Count one nested call as finished."""
        self.depth = max(0, self.depth - 1)

    def count_iterations(self, count: int) -> None:
        """Add `count` loop iterations; raise LimitExceeded past the limit or the deadline."""
        self.iterations += count
        limit = self.limits.max_iterations
        if self.iterations > limit:
            raise LimitExceeded(f"樣板的迴圈總共超過 {limit:,} 次",
                                f"the template's loops ran more than {limit:,} times in all")
        self.tick()

    def loop(self, iterable: Iterable[Any]) -> GuardedLoop:
        """Return `iterable` wrapped so that iterating it checks the clock."""
        return GuardedLoop(iterable, self)

    def _too_big(self) -> LimitExceeded:
        limit = self.limits.max_chars
        return LimitExceeded(f"樣板輸出或其中的值超過 {limit:,} 字元上限",
                             f"the template's output or a value in it exceeds the limit of "
                             f"{limit:,} characters")


class GuardedLoop:
    """An iterable that checks the guard's clock while a template loop runs over it."""

    def __init__(self, inner: Iterable[Any], guard: Guard):
        self.inner, self.guard = inner, guard

    def __len__(self) -> int:
        if not isinstance(self.inner, Sized):
            raise TypeError("unsized")
        return len(self.inner)

    def __iter__(self) -> Iterator[Any]:
        guard = self.guard
        guard.tick()
        count = 0
        for item in self.inner:
            count += 1
            if count == TICK_EVERY:
                guard.count_iterations(count)
                count = 0
            yield item
        guard.count_iterations(count)


def check_format_string(guard: Guard, text: str) -> None:
    """Raise LimitExceeded when a format string asks for a huge width, precision or `*`."""
    for match in _FORMAT_NUMBER.finditer(text):
        if int(match.group(1)) > MAX_FORMAT_WIDTH:
            raise LimitExceeded("格式字串的寬度或精度過大", "a format width or precision is too large")
    if "%*" in text or ".*" in text:
        raise LimitExceeded("格式字串不可使用「*」寬度", "a format string may not use a '*' width")
    guard.tick()


def predicted_length(operator: str, left: Any, right: Any) -> int | None:
    """Return the length `left <operator> right` would have for texts and sequences, or None."""
    sequences = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, sequences) and isinstance(right, int):
            return len(left) * max(right, 0)
        if isinstance(right, sequences) and isinstance(left, int):
            return len(right) * max(left, 0)
    if operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        return len(left) + len(right)
    return None


def predicted_int_bits(operator: str, left: Any, right: Any) -> int | None:
    """Return about how many bits `left <operator> right` has for integers, or None."""
    if not (isinstance(left, int) and isinstance(right, int)):
        return None
    if operator == "**":
        if right <= 0 or abs(left) <= 1:
            return 1
        return abs(left).bit_length() * right
    if operator == "*":
        return left.bit_length() + right.bit_length()
    return None


def text_size(value: Any, limit: int) -> int:
    """Return at least the length of `str(value)`, computed without building it; stop
    counting once past `limit`.

    Inside lists and mappings a text is shown with quotes and maybe escapes, so its share is
    bounded from above (an escape is at most ten characters).
    """
    if isinstance(value, str):
        return len(value)
    return _nested_size(value, limit, 0)


def _nested_size(value: Any, limit: int, depth: int) -> int:
    if isinstance(value, str):
        plain = value.isprintable() and "\\" not in value and "'" not in value
        return len(value) + 2 if plain else 10 * len(value) + 2
    if isinstance(value, (bool, int, float)) or value is None:
        return len(str(value))  # integers are bounded by MAX_INT_BITS
    if depth > 100:
        return limit + 1  # nested beyond any proposal's data
    if isinstance(value, (list, tuple, set, frozenset)):
        items: Iterable[Any] = value
    elif isinstance(value, dict):
        items = (part for pair in value.items() for part in pair)
    else:
        return len(str(value))  # dates, Decimal, this project's objects: bounded by the input
    total = 2
    for item in items:
        total += _nested_size(item, limit, depth + 1) + 2
        if total > limit:
            break
    return total


def _process_size() -> int:
    """Return the process's virtual size in bytes (what RLIMIT_AS limits), or 0 if unknown."""
    try:
        with open(_STATM, "rb") as statm:
            return int(statm.read().split()[0]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
