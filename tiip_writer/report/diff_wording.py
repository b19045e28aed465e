"""How a Comparison's values read, shared by the text and Markdown reports of `tiip diff`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tiip_writer.compare import Comparison, FigureChange, ItemChange, ValueChange
from tiip_writer.foundation.diagnostics import Text
from tiip_writer.foundation.numbers import fmt_num
from tiip_writer.text.chardiff import Piece

CONTEXT = 16  # characters of unchanged text shown on each side of a change

WORDS = {
    "title": Text("比較 {old} → {new}", "comparing {old} → {new}"),
    "equal": Text("兩個版本沒有差異。", "the two versions do not differ."),
    "figures": Text("計算結果", "computed figures"),
    "findings": Text("檢核結果的變化", "changes in the check findings"),
    "appeared": Text("新增", "new"),
    "disappeared": Text("消失", "gone"),
    "added": Text("新增", "added"),
    "removed": Text("刪除", "removed"),
    "renamed": Text("更名", "renamed"),
    "absent": Text("（無）", "(none)"),
    "summary": Text("共 {sections} 個章節有變更；檢核結果新增 {appeared} 項、消失 {disappeared} 項。",
                    "{sections} section(s) changed; {appeared} finding(s) new, "
                    "{disappeared} gone."),
}


def word(key: str, lang: str, **values: object) -> str:
    """Return the report wording `key` in `lang`."""
    return WORDS[key].get(lang).format(**values)


def value_text(value: Any, lang: str) -> str:
    """Return a typed value as it reads: 1,800 · 2016-07-01 · 是/否 · （無）."""
    if value is None:
        return word("absent", lang)
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, (int, Decimal, float)):
        return fmt_num(Decimal(str(value)))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(value_text(v, lang) for v in value)
    return str(value)


def month_text(day: dt.date | None, lang: str) -> str:
    """Return a calendar month as the proposal writes it: 民國106年2月 (English: 2017-02)."""
    if day is None:
        return word("absent", lang)
    return f"民國{day.year - 1911}年{day.month}月" if lang == "zh" else f"{day:%Y-%m}"


def value_line(change: ValueChange, lang: str) -> str:
    """Return `field：old → new`, with a plan month's calendar months after it."""
    sep = "：" if lang == "zh" else ": "
    line = (f"{change.path}{sep}{value_text(change.old, lang)} → "
            f"{value_text(change.new, lang)}")
    if change.old_month or change.new_month:
        months = f"{month_text(change.old_month, lang)} → {month_text(change.new_month, lang)}"
        line += f"（{months}）" if lang == "zh" else f" ({months})"
    return line


def figure_line(change: FigureChange, lang: str) -> str:
    """Return `label：old → new unit（+delta）`."""
    sep = "：" if lang == "zh" else ": "
    unit = change.unit.get(lang)
    spaced = unit if lang == "zh" or unit == "%" else f" {unit}"

    def shown(value: int | Decimal | None) -> str:
        if value is None:
            return word("absent", lang)
        return (f"{Decimal(value):.1f}" if unit == "%" else fmt_num(value)) + spaced

    line = f"{change.label.get(lang)}{sep}{shown(change.old)} → {shown(change.new)}"
    delta = change.delta
    if delta:
        sign = "+" if delta > 0 else "−"
        amount = f"{abs(Decimal(delta)):.1f}" if unit == "%" else fmt_num(abs(delta))
        line += f"（{sign}{amount}）" if lang == "zh" else f" ({sign}{amount})"
    return line


def item_line(change: ItemChange, lang: str) -> str:
    """Return e.g. `新增 工作項目 A3「現場驗證」` or `更名 工作項目 A1：「舊」→「新」`."""
    what = f"{word(change.change, lang)} {change.kind.get(lang)} {change.code}"
    if change.change == "renamed":
        return f"{what}：「{change.old_name}」→「{change.new_name}」"
    name = change.new_name if change.change == "added" else change.old_name
    return f"{what}「{name}」" if name else what


def trimmed(pieces: tuple[Piece, ...]) -> list[Piece]:
    """Return the pieces with long unchanged stretches cut to CONTEXT characters around each
    change, and line breaks shown as they read (a blank line as ¶, a soft break dropped)."""
    out = []
    last = len(pieces) - 1
    for index, piece in enumerate(pieces):
        text = piece.text.replace("\n\n", "¶").replace("\n", "")
        if piece.kind == "equal":
            keep_head = 0 if index == 0 else CONTEXT
            keep_tail = 0 if index == last else CONTEXT
            if len(text) > keep_head + keep_tail + 1:
                text = text[:keep_head] + "…" + (text[-keep_tail:] if keep_tail else "")
        if text:
            out.append(Piece(piece.kind, text))
    return out


def summary_line(comparison: Comparison, lang: str) -> str:
    """Return how many sections changed and how many findings came and went."""
    if comparison.equal:
        return word("equal", lang)
    appeared = sum(1 for f in comparison.findings if f.change == "appeared")
    return word("summary", lang, sections=len(comparison.sections), appeared=appeared,
                disappeared=len(comparison.findings) - appeared)
