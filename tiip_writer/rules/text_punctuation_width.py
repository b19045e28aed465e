"""text.punctuation-width: half-width punctuation inside Chinese sentences (, ; : ? ! ( )).

A half-width mark counts as inside a Chinese sentence when the character before it (for an
opening bracket: after it) is a CJK character, so 「電話 (04)」, 「10:00」 and English text are
left alone. One finding per sentence, at its first half-width mark.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.rules.prose import by_sentence, text_fields
from tiip_writer.text.chinese import halfwidth_punctuation


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding per sentence that uses half-width punctuation among Chinese."""
    for pointer, text in text_fields(ctx.proposal):
        issues = {issue.offset: issue for issue in halfwidth_punctuation(text)}
        for group in by_sentence(text, sorted(issues)):
            pairs = dict.fromkeys((issues[i].found, issues[i].suggestion) for i in group)
            marks = "".join(found for found, _full in pairs)
            yield Finding(pointer, Text(
                f"中文句子中使用半形標點「{marks}」（{len(group)} 處）",
                f"half-width punctuation '{marks}' in a Chinese sentence ({len(group)}×)"),
                Text("改為全形標點：" + "、".join(f"{a} → {b}" for a, b in pairs),
                     "use full-width punctuation: "
                     + ", ".join(f"'{a}' → '{b}'" for a, b in pairs)),
                char=group[0])


RULE = Rule(
    id="text.punctuation-width",
    title=Text("中文句子使用全形標點", "full-width punctuation in Chinese sentences"),
    check=check,
    about="中文內文應使用全形標點（，；：？！（））。本規則找出中文句子中的半形標點：標點前一個字"
          "（左括號則看後一個字）是中文字時才回報，因此「電話 (04)」、「10:00」與英文句子不受影響。"
          "每一句回報一次，位置在第一個半形標點，提示列出對應的全形標點。")
