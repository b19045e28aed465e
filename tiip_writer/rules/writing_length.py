"""writing.length: a field is within its character limit (format: the summary sheet's abstract is
character-limited).

The limits are the rule set's `length_limits` (a dotted YAML path, `*` for every list item →
the most characters). Characters are counted as a reader sees them: every CJK character, Latin
letter, digit and punctuation mark counts one; spaces and line breaks do not. The finding
points at the first character past the limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import dotted, field_title, matches_path, text_fields
from tiip_writer.ruleset import RuleSet
from tiip_writer.text.chinese import visible_length


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each limited field with more characters than its limit."""
    limits: dict[str, int] = ctx.rs.data.get("length_limits", {})
    for pointer, text in text_fields(ctx.proposal):
        limit = next((int(n) for path, n in limits.items() if matches_path(pointer, path)), None)
        if limit is None:
            continue
        length = visible_length(text)
        if length > limit:
            title = field_title(pointer)
            yield Finding(pointer, Text(
                f"「{title}」有 {length} 字，超過上限 {limit} 字（多 {length - limit} 字）",
                f"'{title}' ({dotted(pointer)}) has {length} characters, over the limit of "
                f"{limit} by {length - limit}"), Text(
                f"請精簡到 {limit} 字以內；此處標示第 {limit + 1} 個字的位置",
                f"shorten it to {limit} characters; this points at character {limit + 1}"),
                char=_offset_of(text, limit))


def _offset_of(text: str, count: int) -> int:
    """Return the offset of the visible character that follows the first `count` ones."""
    seen = 0
    for offset, char in enumerate(text):
        if char.isspace():
            continue
        if seen == count:
            return offset
        seen += 1
    return len(text) - 1


def _threshold(rs: RuleSet) -> Text:
    limits = rs.data.get("length_limits", {})
    return Text("、".join(f"{path} ≤ {n} 字" for path, n in limits.items()),
                ", ".join(f"{path} ≤ {n}" for path, n in limits.items()))


RULE = Rule(
    id="writing.length",
    title=Text("欄位字數不超過上限", "a field is within its character limit"),
    check=check, threshold=_threshold,
    about="摘要表等欄位有字數限制（規則集 length_limits，可在 tiip.toml 的 [length_limits] 調整）。"
          "字數以看得見的字元計算：每個中文字、英數字元與標點各算一字，空白與換行不計。超過時，"
          "問題位置標在第一個超出上限的字上。")
