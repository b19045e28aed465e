"""Traditional Chinese text checks on plain strings: what is wrong, where, and the fix.

Pure functions over one string; rules turn their offsets into YAML positions.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from tiip_writer.foundation.records import dataclass
from tiip_writer.foundation.yamldata import load_yaml_file

_DATA = Path(__file__).resolve().parent / "data"

# Unified CJK ideographs (BMP + extension A) — the characters of a "Chinese sentence".
# Compared as ranges: a regular expression over them takes ~2.5 ms to compile on every run.
def _is_ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff"


def _has_ideograph(text: str) -> bool:
    return not text.isascii() and any(map(_is_ideograph, text))

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_WIDTH = re.compile(r"[,;:?!()]")  # the keys of _HALF_TO_FULL


@dataclass(frozen=True)
class TextIssue:
    """A stretch of a string that should read otherwise."""

    offset: int
    found: str
    suggestion: str


@cache
def _converters():  # imported lazily: OpenCC costs ~60 ms, only text that needs it pays
    import opencc

    return opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


@cache
def _characters(name: str) -> frozenset[str]:
    """Return the CJK characters listed in data file `name` (text after # is a comment)."""
    text = (_DATA / name).read_text(encoding="utf-8")
    chars: set[str] = set()
    for line in text.splitlines():
        chars.update(ch for ch in line.split("#", 1)[0] if _is_ideograph(ch))
    return frozenset(chars)


def _taiwan_characters() -> frozenset[str]:
    return _characters("traditional-in-taiwan.txt")


@cache
def taiwan_terms() -> dict[str, str]:
    """Return the mainland-term → Taiwan-term table, longest terms first."""
    data = load_yaml_file(_DATA / "taiwan-terms.yaml")
    return dict(sorted(data["terms"].items(), key=lambda item: -len(item[0])))


def simplified_characters(text: str) -> list[TextIssue]:
    """Return each Simplified-only character in `text` with its Traditional form.

    Big5 is the character set of Taiwan: a CJK character outside it is Simplified when OpenCC
    converts it (and would not convert it back); inside it, only the characters listed in
    simplified-in-big5.txt are. Text that is all Big5 is judged without loading OpenCC.
    """
    if not _has_ideograph(text):
        return []
    marked = _characters("simplified-in-big5.txt")
    offsets = [] if marked.isdisjoint(text) else [i for i, ch in enumerate(text) if ch in marked]
    outside = _outside_big5(text)
    if outside:
        s2t, t2s = _converters()
        allowed = _taiwan_characters()
        offsets += [i for i in outside if text[i] not in allowed
                    and s2t.convert(text[i]) != text[i] and t2s.convert(text[i]) == text[i]]
    if not offsets:
        return []
    s2t, _ = _converters()
    return [TextIssue(i, text[i], s2t.convert(text[i])) for i in sorted(offsets)]


def _outside_big5(text: str) -> list[int]:
    """Return the offsets of the CJK characters of `text` that Big5 (cp950) cannot encode."""
    try:
        text.encode("cp950")
        return []
    except UnicodeEncodeError:
        pass
    found = []
    for offset, char in enumerate(text):
        if _is_ideograph(char):
            try:
                char.encode("cp950")
            except UnicodeEncodeError:
                found.append(offset)
    return found


def mainland_terms(text: str) -> list[TextIssue]:
    """Return each mainland term in `text` (also when written in Simplified) with Taiwan usage."""
    if not _has_ideograph(text):
        return []
    traditional = text
    if simplified_characters(text):
        converted = _converters()[0].convert(text)
        if len(converted) == len(text):  # character conversion keeps length; guard anyway
            traditional = converted
    terms = taiwan_terms()
    return [TextIssue(m.start(), text[m.start():m.end()], terms[m.group(0)])
            for m in _terms_pattern().finditer(traditional)]


@cache
def _terms_pattern() -> re.Pattern[str]:
    """Return one pattern for all terms; at each position the longest term wins."""
    return re.compile("|".join(re.escape(term) for term in taiwan_terms()))


def halfwidth_punctuation(text: str) -> list[TextIssue]:
    """Return half-width , ; : ? ! ( ) used inside Chinese sentences, with full-width forms."""
    issues = []
    for found in _HALF_WIDTH.finditer(text):
        offset, char = found.start(), found.group()
        before = _neighbour(text, offset, -1)
        after = _neighbour(text, offset, +1)
        # Brackets follow what they enclose: 「Okuma (日本)」 is Chinese, 「電話 (04)」 is not.
        chinese = _is_cjk(after) if char == "(" else _is_cjk(before)
        if chinese:
            issues.append(TextIssue(offset, char, _HALF_TO_FULL[char]))
    return issues


def visible_length(text: str) -> int:
    """Return the number of characters a reader sees (each CJK character counts one)."""
    return len("".join(text.split()))  # split() drops exactly the characters isspace() finds


def _neighbour(text: str, offset: int, step: int) -> str:
    index = offset + step
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _is_cjk(char: str) -> bool:
    return bool(char) and _is_ideograph(char)
