"""The benchmark's table, its verdict on the targets of issue 7, and docs/performance.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from measure import Timing

from tiip_writer.foundation.fileio import write_atomic

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
    check: Timing   # as users run it: through the server when there is one
    build: Timing
    check_alone: Timing | None  # in a process of its own (None: no server, check is that)
    build_alone: Timing | None
    pandoc: Timing | None

    @property
    def served(self) -> bool:
        """Return whether check and build went through the resident server."""
        return self.build_alone is not None

    def own_process(self, name: str) -> Timing:
        """Return the timing of `name` ("check", "build") in a process of its own."""
        return getattr(self, f"{name}_alone") or getattr(self, name)


def render_table(rows: list[Row]) -> str:
    """Return the results as a Markdown table (readable as printed text too)."""
    base = next((r for r in rows if r.scale == 1), None)
    served = any(row.served for row in rows)
    head = ["scale", "YAML", "Markdown", ".docx", "tiip check", "tiip build", "pandoc",
            "build ÷ pandoc"]
    if served:
        head += ["own process: check / build", "own process: build ÷ pandoc"]
    head += ["peak MB, own process: check / build / pandoc"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for row in rows:
        pandoc = row.pandoc
        own_check, own_build = row.own_process("check"), row.own_process("build")
        cells = [f"{row.scale}×{' (draft)' if row.draft else ''}", _size(row.yaml_bytes),
                 _size(row.markdown_bytes), _size(row.docx_bytes),
                 _time(row.check, base and base.check), _time(row.build, base and base.build),
                 _time(pandoc, base and base.pandoc), _ratio(row.build, pandoc)]
        if served:
            cells += [(f"{_time(own_check, base and base.own_process('check'))} / "
                      f"{_time(own_build, base and base.own_process('build'))}"),
                      _ratio(own_build, pandoc)]
        cells.append(" / ".join(f"{t.peak_mb:.0f}" if t else "—"
                                for t in (own_check, own_build, pandoc)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def check_targets(rows: list[Row]) -> list[str]:
    """Return one line per target of issue 7: the figure, the limit, met or not. The targets
    are judged on tiip as users run it (with the server when there is one); the figures of
    tiip in a process of its own follow, marked "own process"."""
    by_scale = {row.scale: row for row in rows}
    one, ten, hundred = by_scale.get(1), by_scale.get(10), by_scale.get(100)
    lines = []
    modes = [("", lambda row, name: getattr(row, name))]
    if any(row.served for row in rows):
        modes = [(" (server)", modes[0][1]),
                 (" (own process)", lambda row, name: row.own_process(name))]
    for label, timing in modes:
        if one:
            seconds = timing(one, "check").seconds
            lines.append(_verdict(seconds <= CHECK_LIMIT,
                                  f"tiip check 1×{label}: {seconds:.3f} s (≤ {CHECK_LIMIT} s)"))
            if one.pandoc:
                limit = BUILD_VS_PANDOC * one.pandoc.seconds
                seconds = timing(one, "build").seconds
                lines.append(_verdict(seconds <= limit,
                                      f"tiip build 1×{label}: {seconds:.3f} s (≤ "
                                      f"{BUILD_VS_PANDOC} × pandoc {one.pandoc.seconds:.3f} s "
                                      f"= {limit:.3f} s)"))
        if one and ten:
            for name in ("check", "build"):
                growth = timing(ten, name).seconds / timing(one, name).seconds
                lines.append(_verdict(growth <= GROWTH_LIMIT,
                                      f"tiip {name} 10× / 1×{label}: {growth:.1f}× "
                                      f"(≤ {GROWTH_LIMIT}×)"))
    if hundred:
        for name in ("check", "build"):
            peak = hundred.own_process(name).peak_mb
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
         f"run; (n×) is the time relative to 1×. tiip check and tiip build run as users run "
         f"them, through the resident server (started for the run when the system has one); "
         f"\"own process\" is the same command with TIIP_SERVER=off."),
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


def _ratio(timing: Timing, pandoc: Timing | None) -> str:
    return f"{timing.seconds / pandoc.seconds:.2f}" if pandoc else "—"


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
