"""writing.placeholder: no leftover placeholder (○○○, XXX, TBD, TODO, 待補, 請填寫 …).

Every text value of the proposal is searched for the rule set's `placeholders` (regular
expressions); `tiip new` marks what to write as 「（請填寫：…）」, so a fresh scaffold reports
every field still to fill. One finding per field, at the first placeholder.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import field_title, placeholder, text_fields


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each text value that still holds a placeholder."""
    for pointer, text in text_fields(ctx.proposal):
        match = placeholder(text, ctx.rs)
        if match is not None:
            title = field_title(pointer)
            yield Finding(pointer, Text(
                f"「{title}」還有未填寫的預留文字「{match.group(0)}」",
                f"'{title}' still holds the placeholder '{match.group(0)}'"), Text(
                "換成實際內容；不適用的項目請填「無」",
                "replace it with the real content; for an item that does not apply, write 「無」"),
                char=match.start())


RULE = Rule(
    id="writing.placeholder",
    title=Text("沒有未填寫的預留文字", "no leftover placeholder"),
    check=check,
    threshold=lambda rs: Text(f"{len(rs.items('placeholders'))} 種預留文字樣式",
                              f"{len(rs.items('placeholders'))} placeholder patterns"),
    about="送件前，範本的預留文字都要換成實際內容。本規則在計畫書的每一個文字欄位中尋找預留文字"
          "（規則集 placeholders：○○○、XXX、TBD、TODO、待補、請填寫、example.com 電子郵件…），"
          "每個欄位回報第一處。tiip new 產生的範本以「（請填寫：…）」標示待填內容，因此新範本會在"
          "每個待填欄位得到此錯誤，填完即消失。")
