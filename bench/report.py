"""The benchmark's table, its verdict on the targets of issue 7, and docs/performance.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from measure import Timing

from tiip_writer.fileio import write_atomic

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

CHECK_LIMIT = 0.25        # s, `tiip check` on the sample
BUILD_VS_PANDOC = 0.5     # `tiip build` ≤ this × pandoc on the sample
GROWTH_LIMIT = 12         # 10× the content costs ≤ this × the time of 1×
MEMORY_LIMIT = 300        # MB peak at 100×


@dataclass(frozen=True)
class Row:
    """The figures of one scale."""

    scale: int
    yaml_bytes: int
    markdown_bytes: int
    docx_bytes: int
    draft: bool
    check: Timing
    build: Timing
    pandoc: Timing | None


def render_table(rows: list[Row]) -> str:
    """Return the results as a Markdown table (readable as printed text too)."""
    base = next((r for r in rows if r.scale == 1), None)
    lines = [("| scale | YAML | Markdown | .docx | tiip check | tiip build | pandoc | "
              "build ÷ pandoc | peak MB: check / build / pandoc |"),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        pandoc = row.pandoc
        ratio = f"{row.build.seconds / pandoc.seconds:.2f}" if pandoc else "—"
        peaks = " / ".join(f"{t.peak_mb:.0f}" if t else "—" for t in (row.check, row.build, pandoc))
        lines.append(
            f"| {row.scale}×{' (draft)' if row.draft else ''} | {_size(row.yaml_bytes)} | "
            f"{_size(row.markdown_bytes)} | {_size(row.docx_bytes)} | "
            f"{_time(row.check, base and base.check)} | {_time(row.build, base and base.build)} | "
            f"{_time(pandoc, base and base.pandoc)} | {ratio} | {peaks} |")
    return "\n".join(lines)


def check_targets(rows: list[Row]) -> list[str]:
    """Return one line per target of issue 7: the figure, the limit, met or not."""
    by_scale = {row.scale: row for row in rows}
    one, ten, hundred = by_scale.get(1), by_scale.get(10), by_scale.get(100)
    lines = []
    if one:
        seconds = one.check.seconds
        lines.append(_verdict(seconds <= CHECK_LIMIT,
                              f"tiip check 1×: {seconds:.3f} s (≤ {CHECK_LIMIT} s)"))
        if one.pandoc:
            limit = BUILD_VS_PANDOC * one.pandoc.seconds
            lines.append(_verdict(one.build.seconds <= limit,
                                  f"tiip build 1×: {one.build.seconds:.3f} s (≤ {BUILD_VS_PANDOC} × "
                                  f"pandoc {one.pandoc.seconds:.3f} s = {limit:.3f} s)"))
    if one and ten:
        for name in ("check", "build"):
            growth = getattr(ten, name).seconds / getattr(one, name).seconds
            lines.append(_verdict(growth <= GROWTH_LIMIT,
                                  f"tiip {name} 10× / 1×: {growth:.1f}× (≤ {GROWTH_LIMIT}×)"))
    if hundred:
        for name in ("check", "build"):
            peak = getattr(hundred, name).peak_mb
            lines.append(_verdict(peak <= MEMORY_LIMIT,
                                  f"tiip {name} 100× peak memory: {peak:.0f} MB (≤ {MEMORY_LIMIT} MB)"))
    return lines


def write_docs(path: Path, table: str, verdicts: list[str], machine: dict[str, str],
               sample: str, runs: int) -> None:
    """Put the results between the bench markers of `path` (appended when it has none)."""
    spec = "; ".join(f"{key} {value}" for key, value in machine.items())
    block = "\n".join([
        BEGIN,
        (f"Measured by `python bench/run.py` on {dt.date.today().isoformat()}: sample "
         f"`{sample}` scaled by bench/scale.py; each figure is the median of {runs} "
         f"whole-process runs (at most 3 at 100×; the commands take turns) after one warm-up "
         f"run; (n×) is the time relative to 1×."),
        "",
        f"Machine: {spec}.",
        "",
        table,
        "",
        *(f"- {line}" for line in verdicts),
        END,
    ])
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    write_atomic(path, text.encode("utf-8"))


def _verdict(ok: bool, text: str) -> str:
    return f"{'met' if ok else 'NOT met'}: {text}"


def _time(timing: Timing | None, base: Timing | None) -> str:
    if timing is None:
        return "—"
    if base is None or timing is base:
        return f"{timing.seconds:.2f} s"
    return f"{timing.seconds:.2f} s ({timing.seconds / base.seconds:.1f}×)"


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{count / 1000:.0f} KB"
