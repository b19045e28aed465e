"""The terminal report of `tiip diff`: per section, struck and inserted wording, values, figures.

With colour, deletions are red and struck through, insertions green and underlined; without,
they read [-刪除-] and {+新增+} (wdiff's marks), so the report survives a pipe or a log file.
"""

from __future__ import annotations

import click

from tiip_writer.compare import Comparison, TextChange
from tiip_writer.report.diff_wording import (
    figure_line,
    item_line,
    summary_line,
    trimmed,
    value_line,
    word,
)


def diff_text(comparison: Comparison, lang: str, color: bool) -> list[str]:
    """Return the lines of the report."""
    lines = [word("title", lang, old=comparison.old_file, new=comparison.new_file)]
    for section in comparison.sections:
        lines.append("")
        heading = f"■ {section.title.get(lang)}（{section.key}）" if lang == "zh" else \
            f"■ {section.title.get(lang)} ({section.key})"
        lines.append(click.style(heading, bold=True) if color else heading)
        for change in section.texts:
            lines.append(f"  {change.path}：" if lang == "zh" else f"  {change.path}:")
            lines.append("    " + _marked(change, color))
        lines.extend(f"  {item_line(item, lang)}" for item in section.items)
        lines.extend(f"  {value_line(value, lang)}" for value in section.values)
        if section.figures:
            lines.append(f"  {word('figures', lang)}：" if lang == "zh"
                         else f"  {word('figures', lang)}:")
            lines.extend(f"    {figure_line(f, lang)}" for f in section.figures)
    if comparison.findings:
        lines.append("")
        title = f"■ {word('findings', lang)}"
        lines.append(click.style(title, bold=True) if color else title)
        for change in comparison.findings:
            d = change.diagnostic
            mark = "+" if change.change == "appeared" else "−"
            text = (f"  {mark} {word(change.change, lang)}  {d.file}:{d.line}:{d.column}  "
                    f"{d.severity.value}  {d.rule}  {d.message.get(lang)}")
            if color:
                text = click.style(text, fg="red" if change.change == "appeared" else "green")
            lines.append(text)
    lines.append("")
    lines.append(summary_line(comparison, lang))
    return lines


def _marked(change: TextChange, color: bool) -> str:
    out = []
    for piece in trimmed(change.pieces):
        if piece.kind == "equal":
            out.append(piece.text)
        elif piece.kind == "delete":
            out.append(click.style(piece.text, fg="red", strikethrough=True) if color
                       else f"[-{piece.text}-]")
        else:
            out.append(click.style(piece.text, fg="green", underline=True) if color
                       else f"{{+{piece.text}+}}")
    return "".join(out)
