"""budget.justification: every budget line says what it is for (計畫書撰寫技巧：經費編列上各科目
使用的合理性及必要性).

The schema requires a purpose on every non-personnel line; this rule flags purposes that say
nothing: shorter than `justification_min_chars` characters or one of
`justification_non_answers` (無, 同上 …). Personnel lines are justified by the person's effort
per work item, which the schema requires.
"""

from __future__ import annotations

from collections.abc import Iterator

from tiip_writer.foundation.diagnostics import Text
from tiip_writer.rules.base import Context, Finding, Rule
from tiip_writer.source.positions import join_pointer


def check(ctx: Context) -> Iterator[Finding]:
    """Return a finding for each line whose purpose is empty of meaning."""
    shortest = int(ctx.rs.num("justification_min_chars"))
    non_answers = set(ctx.rs.items("justification_non_answers"))
    for line in ctx.budget.lines:
        purpose = getattr(line.source, "purpose", None)
        if purpose is None:
            continue
        text = purpose.strip()
        if len(text) < shortest or text in non_answers:
            yield Finding(
                join_pointer(line.ptr, "purpose"),
                Text(f"「{line.label}」的用途說明「{text}」過於簡略",
                     f"the purpose of '{line.label}', '{text}', says too little"),
                Text("說明這筆經費用於哪個工作項目、為何需要，例如「建立 24 點感測佈點與備品」",
                     "say which work it serves and why it is needed"))


RULE = Rule(
    id="budget.justification",
    title=Text("每筆經費說明用途", "every budget line states its purpose"),
    check=check, threshold=lambda rs: Text(
        f"至少 {int(rs.num('justification_min_chars'))} 字",
        f"at least {int(rs.num('justification_min_chars'))} characters"))
