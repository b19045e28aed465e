"""text.simplified: Simplified Chinese characters in the proposal's text.

Every text value is read. Big5, Taiwan's character set, decides first: a CJK character outside
it is Simplified when OpenCC converts it; inside it, only the characters of
text/data/simplified-in-big5.txt are (characters such as 台, 里, 范, 郁 are correct in Taiwan).
One finding per sentence, at its first Simplified character, with the sentence rewritten in
Traditional characters as the hint.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import by_sentence, quoted, sentences, text_fields
from tiip_writer.text.chinese import simplified_characters

_SHOWN = 60  # characters of the corrected sentence shown in the hint


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding per sentence that holds Simplified characters."""
    for pointer, text in text_fields(ctx.proposal):
        issues = {issue.offset: issue for issue in simplified_characters(text)}
        if not issues:
            continue
        spans = list(sentences(text))
        for group in by_sentence(text, sorted(issues)):
            found = [issues[i] for i in group]
            pairs = dict.fromkeys(f"{i.found}→{i.suggestion}" for i in found)
            fixed = _corrected_sentence(spans, group[0], {i.offset: i.suggestion for i in found})
            chars = quoted(dict.fromkeys(i.found for i in found), unit="字")
            yield Finding(pointer, Text(f"簡體字{chars.zh}", f"Simplified characters {chars.en}"),
                Text(f"改為正體字（{'、'.join(pairs)}）：「{fixed}」",
                     f"use Traditional characters ({', '.join(pairs)}): \"{fixed}\""),
                char=group[0])


def _corrected_sentence(spans: list[tuple[int, str]], offset: int,
                        replacements: dict[int, str]) -> str:
    """Return the sentence (of `spans`: offset, text) holding `offset`, with the replacements
    made (shortened if long)."""
    start, sentence = spans[bisect.bisect_right(spans, offset, key=lambda span: span[0]) - 1]
    fixed = "".join(replacements.get(start + i, ch) for i, ch in enumerate(sentence)).strip()
    return fixed if len(fixed) <= _SHOWN else fixed[:_SHOWN] + "…"


RULE = Rule(
    id="text.simplified",
    title=Text("文字使用正體中文（無簡體字）", "no Simplified Chinese characters"),
    check=check,
    about="計畫書須以正體中文撰寫；從網頁或中國大陸資料複製的段落常夾帶簡體字。本規則檢查每一個文字"
          "欄位：不在 Big5（臺灣的中文字集）中、且 OpenCC 會轉換的字，以及 simplified-in-big5.txt "
          "所列的字（如「机」「网」），都視為簡體字；「台」「里」「范」「郁」等在臺灣亦屬正確的字不回報。"
          "每一句回報一次，位置在該句第一個簡體字，提示中附上改為正體字的整句。")
