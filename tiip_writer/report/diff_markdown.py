"""The Markdown report of `tiip diff`, for pasting into an e-mail or an issue.

Deletions are ~~struck~~ and insertions **bold** (Markdown has no underline); values and
figures are bullet lists under one heading per section.
"""

from __future__ import annotations

from tiip_writer.compare import Comparison
from tiip_writer.report.diff_wording import (
    figure_line,
    item_line,
    summary_line,
    trimmed,
    value_line,
    word,
)

_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>#|~"})


def diff_markdown(comparison: Comparison, lang: str) -> str:
    """Return the report as Markdown."""
    out = [f"# {_esc(word('title', lang, old=comparison.old_file, new=comparison.new_file))}",
           "", _esc(summary_line(comparison, lang))]
    for section in comparison.sections:
        out += ["", f"## {_esc(section.title.get(lang))}（`{section.key}`）"
                if lang == "zh" else f"## {_esc(section.title.get(lang))} (`{section.key}`)", ""]
        for change in section.texts:
            out.append(f"- `{change.path}`：" if lang == "zh" else f"- `{change.path}`:")
            out.append("")
            out.append("  > " + "".join(
                _esc(p.text) if p.kind == "equal" else
                f"~~{_esc(p.text)}~~" if p.kind == "delete" else f"**{_esc(p.text)}**"
                for p in trimmed(change.pieces)))
            out.append("")
        out += [f"- {_esc(item_line(item, lang))}" for item in section.items]
        out += [f"- {_esc(value_line(value, lang))}" for value in section.values]
        if section.figures:
            out.append(f"- {_esc(word('figures', lang))}：" if lang == "zh"
                       else f"- {_esc(word('figures', lang))}:")
            out += [f"  - {_esc(figure_line(f, lang))}" for f in section.figures]
    if comparison.findings:
        out += ["", f"## {_esc(word('findings', lang))}", ""]
        for change in comparison.findings:
            d = change.diagnostic
            out.append(f"- {word(change.change, lang)} `{d.rule}`（{d.severity.value}，"
                       f"{_esc(d.file)}:{d.line}）：{_esc(d.message.get(lang))}" if lang == "zh"
                       else f"- {word(change.change, lang)} `{d.rule}` ({d.severity.value}, "
                       f"{_esc(d.file)}:{d.line}): {_esc(d.message.get(lang))}")
    return "\n".join(out) + "\n"


def _esc(text: str) -> str:
    return text.translate(_SPECIAL)
