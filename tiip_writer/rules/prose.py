"""What the writing, review and text rules ask of the proposal's text: every text field with
its pointer, whether a text says something, where a placeholder or a term stands, and what a
field is called."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.model import Proposal
from tiip_writer.ruleset import RuleSet
from tiip_writer.schema.index import SchemaIndex, load_schema
from tiip_writer.source.positions import join_pointer, split_pointer
from tiip_writer.text.chinese import visible_length

# Characters that alone say nothing: 「—」, 「…」, 「?」, 「-」 (a unit such as % says something).
_BLANKISH = frozenset(" \t\n\u3000-—–─ー…?？.。、，,/／_＿~～*＊")
_last: list[Any] = [None, []]  # one-entry memo: the last proposal walked and its text fields


def text_fields(proposal: Proposal) -> list[tuple[str, str]]:
    """Return every text value of the proposal as (pointer, text), in document order."""
    if _last[0] is not proposal:
        found: list[tuple[str, str]] = []
        _walk(proposal, "", found)
        _last[:] = [proposal, found]
    return _last[1]


def _walk(value: Any, pointer: str, found: list[tuple[str, str]]) -> None:
    if isinstance(value, str):
        found.append((pointer, value))
    elif dataclasses.is_dataclass(value):
        ptr = getattr(value, "ptr")  # noqa: B009 - a model object; mypy knows no `ptr` here
        for name in _field_names(value.__class__):
            _walk(getattr(value, name), join_pointer(ptr, name), found)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            _walk(item, join_pointer(pointer, index), found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, join_pointer(pointer, key), found)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """Return a model class's field names but `ptr` (dataclasses.fields is slow per object)."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.name != "ptr")


def dotted(pointer: str) -> str:
    """Return a pointer as users write a YAML path: '/summary/keywords/0' → 'summary.keywords.0'."""
    return ".".join(split_pointer(pointer))


def matches_path(pointer: str, pattern: str) -> bool:
    """Return True when `pointer` is the dotted `pattern` ('*' stands for one index or key)."""
    return _path_regex(pattern).fullmatch(pointer) is not None


@cache
def _path_regex(pattern: str) -> re.Pattern[str]:
    tokens = (r"[^/]+" if t == "*" else re.escape(join_pointer("", t)[1:])
              for t in pattern.split("."))
    return re.compile("".join("/" + t for t in tokens))


def field_title(pointer: str) -> str:
    """Return the zh-TW title of the field at `pointer` from the schema, e.g. 「計畫摘要」."""
    path: list[str | int] = [int(t) if t.isdigit() else t for t in split_pointer(pointer)]
    return _schema_index().title_at(path)


@cache
def _schema_index() -> SchemaIndex:
    return SchemaIndex(load_schema())


@cache
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def placeholder(text: str, rs: RuleSet) -> re.Match[str] | None:
    """Return the first leftover placeholder in `text` (rule set `placeholders`), or None."""
    return _compiled(tuple(rs.items("placeholders"))).search(text)


def first_term(text: str, terms: Iterable[str]) -> tuple[int, str] | None:
    """Return (offset, term) of the earliest of `terms` in `text`, or None."""
    hits = [(text.find(term), term) for term in terms if term in text]
    return min(hits) if hits else None


def is_empty_answer(text: str, rs: RuleSet) -> bool:
    """Return True for a text that says nothing: blank, dashes or dots only, 'N/A' and such."""
    stripped = text.strip()
    return all(ch in _BLANKISH for ch in stripped) or stripped in rs.items("empty_answers")


def is_stated(text: str | None, rs: RuleSet) -> bool:
    """Return True when a short value (a spec level, a date) is given: not missing, not empty,
    not 「無」 and not a placeholder."""
    return text is not None and not is_empty_answer(text, rs) and \
        text.strip() not in ("無", "无") and placeholder(text, rs) is None


def says_nothing_here(text: str | None, rs: RuleSet) -> bool:
    """Return True when a text that must say something does not: missing, empty, 「無」,
    a placeholder, or shorter than `substantive_min_chars`."""
    if text is None or is_empty_answer(text, rs) or placeholder(text, rs):
        return True
    stripped = text.strip()
    return stripped in ("無", "无") or visible_length(stripped) < int(rs.num("substantive_min_chars"))


def left_unsaid(text: str | None, rs: RuleSet) -> bool:
    """Return True when a text that must say something does not, and no other rule says so:
    a leftover placeholder is writing.placeholder's finding while that rule is active."""
    if text is not None and placeholder(text, rs) and rs.rule("writing.placeholder"):
        return False
    return says_nothing_here(text, rs)


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """Return each sentence of `text` (split after 。！？； and at blank lines; a single line
    break is a soft wrap of the prose) with its offset."""
    start = 0
    for match in re.finditer(r"[。！？；!?;]|\n[ \t]*\n", text):
        yield start, text[start:match.end()]
        start = match.end()
    if start < len(text):
        yield start, text[start:]


def quoted(values: Iterable[str], limit: int = 6, unit: str = "處") -> Text:
    """Return values as 「a」「b」… (at most `limit`, then 等 N 處 / and N more)."""
    values = list(values)
    shown = values[:limit]
    zh = "".join(f"「{v}」" for v in shown)
    en = ", ".join(f"'{v}'" for v in shown)
    if len(values) > limit:
        zh += f"等 {len(values)} {unit}"
        en += f" and {len(values) - limit} more"
    return Text(zh, en)


def by_sentence(text: str, offsets: list[int]) -> list[list[int]]:
    """Return `offsets` (ascending) grouped by the sentence of `text` they fall in."""
    groups: list[list[int]] = []
    ends = [start + len(sentence) for start, sentence in sentences(text)]
    current_end = -1
    for offset in offsets:
        if offset >= current_end:
            found = bisect.bisect_right(ends, offset)  # the first sentence ending after it
            current_end = ends[found] if found < len(ends) else len(text)
            groups.append([])
        groups[-1].append(offset)
    return groups
