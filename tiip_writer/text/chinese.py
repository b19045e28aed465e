"""Traditional Chinese text checks on plain strings: what is wrong, where, and the fix.

Pure functions over one string; rules turn their offsets into YAML positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent / "data"

# Unified CJK ideographs (BMP + extension A) — the characters of a "Chinese sentence".
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}


@dataclass(frozen=True)
class TextIssue:
    """A stretch of a string that should read otherwise."""

    offset: int
    found: str
    suggestion: str


@cache
def _converters():  # imported lazily: OpenCC costs ~50 ms, only checks that need it pay
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


@cache
def _taiwan_characters() -> frozenset[str]:
    text = (_DATA / "traditional-in-taiwan.txt").read_text(encoding="utf-8")
    chars: set[str] = set()
    for line in text.splitlines():
        chars.update(ch for ch in line.split("#", 1)[0] if _CJK.match(ch))
    return frozenset(chars)


@cache
def taiwan_terms() -> dict[str, str]:
    """Return the mainland-term → Taiwan-term table, longest terms first."""
    data = yaml.safe_load((_DATA / "taiwan-terms.yaml").read_text(encoding="utf-8"))
    return dict(sorted(data["terms"].items(), key=lambda item: -len(item[0])))


def simplified_characters(text: str) -> list[TextIssue]:
    """Return each Simplified-only character in `text` with its Traditional form."""
    if not _CJK.search(text):
        return []
    s2t, t2s = _converters()
    allowed = _taiwan_characters()
    issues = []
    for offset, char in enumerate(text):
        if not _CJK.match(char) or char in allowed:
            continue
        traditional = s2t.convert(char)
        if traditional != char and t2s.convert(char) == char:
            issues.append(TextIssue(offset, char, traditional))
    return issues


def mainland_terms(text: str) -> list[TextIssue]:
    """Return each mainland term in `text` (also when written in Simplified) with Taiwan usage."""
    if not _CJK.search(text):
        return []
    s2t, _ = _converters()
    traditional = s2t.convert(text)
    if len(traditional) != len(text):  # character conversion keeps length; guard anyway
        traditional = text
    issues, taken = [], [False] * len(text)
    for term, replacement in taiwan_terms().items():
        for match in re.finditer(re.escape(term), traditional):
            span = range(match.start(), match.end())
            if any(taken[i] for i in span):
                continue
            for i in span:
                taken[i] = True
            issues.append(TextIssue(match.start(), text[match.start():match.end()], replacement))
    return sorted(issues, key=lambda issue: issue.offset)


def halfwidth_punctuation(text: str) -> list[TextIssue]:
    """Return half-width , ; : ? ! ( ) used inside Chinese sentences, with full-width forms."""
    issues = []
    for offset, char in enumerate(text):
        if char not in _HALF_TO_FULL:
            continue
        before = _neighbour(text, offset, -1)
        after = _neighbour(text, offset, +1)
        # Brackets follow what they enclose: 「Okuma (日本)」 is Chinese, 「電話 (04)」 is not.
        chinese = _is_cjk(after) if char == "(" else _is_cjk(before)
        if chinese:
            issues.append(TextIssue(offset, char, _HALF_TO_FULL[char]))
    return issues


def visible_length(text: str) -> int:
    """Return the number of characters a reader sees (each CJK character counts one)."""
    return sum(1 for char in text if not char.isspace())


def _neighbour(text: str, offset: int, step: int) -> str:
    index = offset + step
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _is_cjk(char: str) -> bool:
    return bool(char) and bool(_CJK.match(char))
