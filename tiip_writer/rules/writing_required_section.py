"""writing.required-section: no required section is missing or empty; an item that does not
apply says 「無」 (format: no heading of the form may be deleted).

The schema already requires most sections. This rule adds the form's sections that the schema
lets a proposal omit (rule set `required_sections`, e.g. ip, 八、智慧財產權) and flags every
text that is there but says nothing: blank, only dashes or dots, or one of `empty_answers`
(N/A, 略 …). 「無」 is accepted everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import field_title, is_empty_answer, text_fields


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding per missing form section and per text that is present but empty."""
    for path in ctx.rs.items("required_sections"):
        if _model_value(ctx.proposal, path) is None:
            pointer = "/" + path.replace(".", "/")
            title = field_title(pointer)
            yield Finding(pointer, Text(
                f"缺少計畫書章節「{title}」（{path}）", f"the section '{title}' ({path}) is missing"),
                Text("計畫書的標題不得刪除；請補上此章節，不適用的項目填「無」",
                     "no heading of the form may be deleted: add the section, and write 「無」 "
                     "for what does not apply"), at_key=True)
    for pointer, text in text_fields(ctx.proposal):
        if is_empty_answer(text, ctx.rs):
            title = field_title(pointer)
            shown = text.strip() or "（空白）"
            yield Finding(pointer, Text(
                f"「{title}」沒有內容（{shown}）", f"'{title}' says nothing ('{text.strip()}')"),
                Text("請填入內容；不適用的項目請填「無」",
                     "fill it in; for an item that does not apply, write 「無」"))


def _model_value(model: Any, path: str) -> Any:
    """Return the model value at the dotted `path`, or None when a step is missing."""
    for token in path.split("."):
        model = getattr(model, token, None)
        if model is None:
            return None
    return model


RULE = Rule(
    id="writing.required-section",
    title=Text("必要章節不得缺漏或空白（不適用填「無」）",
               "no required section missing or empty (「無」 where not applicable)"),
    check=check,
    threshold=lambda rs: Text("、".join(rs.items("required_sections")),
                              ", ".join(rs.items("required_sections"))),
    about="計畫書表單的標題不得刪除，不適用的項目要填「無」。結構（schema）已要求大部分章節；本規則再"
          "檢查格式允許省略、但表單必備的章節（規則集 required_sections，例如 ip 智慧財產權），以及"
          "有欄位但沒有內容的文字：空白、只有破折號或刪節號，或「N/A」、「略」等（規則集 empty_answers）。"
          "「無」一律接受。")
