"""The benchmark's table, its verdict on the targets (issues 7 and 19), and docs/performance.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from measure import Timing

from tiip_writer.foundation.fileio import write_atomic

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

CHECK_LIMIT = 0.20        # s, `tiip check` on the sample, cold (issue 19)
BUILD_LIMIT = 0.35        # s, `tiip build` on the sample, cold (issue 19) …
BUILD_VS_FLOOR = 1.5      # … or, on a loaded machine, ≤ this × Python + the libraries imported
BUILD_VS_PANDOC = 0.5     # `tiip build` ≤ this × pandoc on the sample (issue 7)
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
    python: Timing | None     # at 1×: `python -c pass`
    libraries: Timing | None  # at 1×: Python importing jinja2, docx, markdown_it, yaml, click


def render_table(rows: list[Row]) -> str:
    """Return the results as a Markdown table (readable as printed text too), with the floor
    measured at 1× below it."""
    base = next((r for r in rows if r.scale == 1), None)
    head = ["scale", "YAML", "Markdown", ".docx", "tiip check", "tiip build", "pandoc",
            "build ÷ pandoc", "build ÷ floor", "peak MB: check / build / pandoc"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    floor = base.libraries if base else None
    for row in rows:
        cells = [f"{row.scale}×{' (draft)' if row.draft else ''}", _size(row.yaml_bytes),
                 _size(row.markdown_bytes), _size(row.docx_bytes),
                 _time(row.check, base and base.check), _time(row.build, base and base.build),
                 _time(row.pandoc, base and base.pandoc), _ratio(row.build, row.pandoc),
                 _ratio(row.build, floor),
                 " / ".join(f"{t.peak_mb:.0f}" if t else "—"
                            for t in (row.check, row.build, row.pandoc))]
        lines.append("| " + " | ".join(cells) + " |")
    if base and base.python and base.libraries:
        lines += ["", (f"Floor, on the same turns: Python alone {base.python.seconds:.3f} s; "
                       f"Python importing jinja2, python-docx, markdown-it-py, PyYAML and click "
                       f"{base.libraries.seconds:.3f} s (build ÷ floor is the build's time over "
                       f"this one).")]
    return "\n".join(lines)


def check_targets(rows: list[Row]) -> list[str]:
    """Return one line per target: the figure, the limit, met or not. Every figure is tiip
    cold, in a process of its own, as users run it."""
    by_scale = {row.scale: row for row in rows}
    one, ten, hundred = by_scale.get(1), by_scale.get(10), by_scale.get(100)
    lines = []
    if one:
        seconds = one.check.seconds
        lines.append(_verdict(seconds <= CHECK_LIMIT,
                              f"tiip check 1×: {seconds:.3f} s (≤ {CHECK_LIMIT} s)"))
        seconds = one.build.seconds
        text = f"tiip build 1×: {seconds:.3f} s (≤ {BUILD_LIMIT} s"
        ok = seconds <= BUILD_LIMIT
        if one.libraries:
            limit = BUILD_VS_FLOOR * one.libraries.seconds
            text += (f", or on a loaded machine ≤ {BUILD_VS_FLOOR} × Python + libraries "
                     f"{one.libraries.seconds:.3f} s = {limit:.3f} s: "
                     f"{seconds / one.libraries.seconds:.2f}×")
            ok = ok or seconds <= limit
        lines.append(_verdict(ok, text + ")"))
        if one.pandoc:
            limit = BUILD_VS_PANDOC * one.pandoc.seconds
            lines.append(_verdict(seconds <= limit,
                                  f"tiip build 1× vs pandoc (issue 7): {seconds:.3f} s (≤ "
                                  f"{BUILD_VS_PANDOC} × pandoc {one.pandoc.seconds:.3f} s = "
                                  f"{limit:.3f} s)"))
    if one and ten:
        for name in ("check", "build"):
            growth = getattr(ten, name).seconds / getattr(one, name).seconds
            lines.append(_verdict(growth <= GROWTH_LIMIT,
                                  f"tiip {name} 10× / 1×: {growth:.1f}× (≤ {GROWTH_LIMIT}×)"))
    if hundred:
        for name in ("check", "build"):
            peak = getattr(hundred, name).peak_mb
            lines.append(_verdict(peak <= MEMORY_LIMIT,
                                  f"tiip {name} 100× peak memory: {peak:.0f} MB "
                                  f"(≤ {MEMORY_LIMIT} MB)"))
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
         f"run; (n×) is the time relative to 1×. tiip check and tiip build run cold, as users "
         f"run them: each command a process of its own, nothing kept between commands."),
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


def _ratio(timing: Timing, other: Timing | None) -> str:
    return f"{timing.seconds / other.seconds:.2f}" if other else "—"


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
