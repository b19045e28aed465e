"""Benchmark `tiip check` and `tiip build` against pandoc on the same content, at 1×, 10×, 100×.

    python bench/run.py                      # 1×, 10×, 100×; median of 7 runs (3 at 100×)
    python bench/run.py --scales 1,10 --runs 9
    python bench/run.py --quick --scales 1 --no-write   # CI smoke test: one run, no timing claims

Each figure is a whole process, as a user runs it, cold: Python starts, imports, reads, checks,
builds and writes (tiip keeps no process between commands). Beside it, on the same turns, the
floor no tiip command can go under: Python alone, and Python importing the five libraries tiip
is built on (jinja2, python-docx, markdown-it-py, PyYAML, click). The proposals are the largest
sample scaled by bench/scale.py; pandoc converts the same proposal written out as Markdown
(bench/same_content.py) with the official reference .docx and a table of contents. Results
and the machine go into docs/performance.md between the bench markers (unless --no-write).
Standard library and the project only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(1, str(ROOT))  # a checkout runs without installing (its dependencies must be)

# Only light modules here: the proposals are prepared in a child process (see prepare.py).
from measure import Command, ProcessFailed, machine, measure, pandoc_version
from report import Row, check_targets, render_table, write_docs

DOCS = ROOT / "docs" / "performance.md"
REFERENCE = ROOT / "templates" / "official" / "reference.docx"
BIG_SCALE_RUNS = 3  # a 100× pandoc run takes seconds; three give a median
LIBRARIES = "jinja2, docx, markdown_it, yaml, click"  # what a build cannot do without


@dataclass(frozen=True)
class Options:
    scales: tuple[int, ...]
    runs: int
    warm_up: bool
    write: bool
    sample: Path
    keep: Path | None


def main(argv: list[str] | None = None) -> int:
    options = _parse(argv)
    tiip = _tiip_command()
    has_pandoc = pandoc_version() is not None
    host = machine()  # before the runs: the load average is the other programs' share
    print(f"sample: {options.sample.name}; tiip: {' '.join(tiip)}; runs: {options.runs}; "
          f"load average: {host['load average at start']}"
          + ("" if has_pandoc else "; pandoc not found: its column stays empty"), flush=True)
    work = options.keep or Path(tempfile.mkdtemp(prefix="tiip-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    try:
        for scale in options.scales:
            rows.append(_bench_scale(scale, options, tiip, has_pandoc, work))
            print(f"  {scale}× done", flush=True)
    except (ProcessFailed, ValueError) as exc:
        print(f"bench failed: {exc}", file=sys.stderr)
        return 2
    finally:
        if options.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    table = render_table(rows)
    verdicts = check_targets(rows)
    print()
    print(table)
    print()
    for line in verdicts:
        print(line)
    if options.write:
        write_docs(DOCS, table, verdicts, host, options.sample.name, options.runs)
        print(f"\nwrote {DOCS.relative_to(ROOT)}")
    return 0


def _bench_scale(scale: int, options: Options, tiip: list[str], has_pandoc: bool,
                 work: Path) -> Row:
    """Generate the scaled proposal and time check, build and pandoc on it (at 1× the floor
    too: Python alone and with the libraries imported)."""
    prepared = subprocess.run([sys.executable, str(BENCH / "prepare.py"), str(options.sample),
                               str(scale), str(work)], capture_output=True, text=True,
                              check=False)
    if prepared.returncode != 0:
        raise ValueError(f"preparing the {scale}× proposal failed:\n{prepared.stderr.strip()}")
    draft = ["--draft"] if json.loads(prepared.stdout)["draft"] else []
    proposal, markdown = work / f"proposal-{scale}x.yaml", work / f"proposal-{scale}x.md"
    built, converted = work / f"tiip-{scale}x.docx", work / f"pandoc-{scale}x.docx"
    check = tiip + ["check", str(proposal)]
    # The .docx alone, as pandoc makes it: the LibreOffice layout for page numbers is timed
    # by bench/pages.py.
    build = tiip + ["build", str(proposal), "-o", str(built), "--no-page-numbers", *draft]
    commands = {"check": Command(check, (0, 1)), "build": Command(build, (0,))}
    if scale == 1:
        commands["python"] = Command([sys.executable, "-c", "pass"])
        commands["libraries"] = Command([sys.executable, "-c", f"import {LIBRARIES}"])
    if has_pandoc:
        commands["pandoc"] = Command(["pandoc", str(markdown), "--toc", "--reference-doc",
                                      str(REFERENCE), "-o", str(converted)])
    runs = min(options.runs, BIG_SCALE_RUNS) if scale >= 100 else options.runs
    if options.warm_up:
        measure(commands, 1)  # fills the OS file cache and tiip's template and bytecode caches
    timings = measure(commands, runs)
    return Row(scale=scale, yaml_bytes=proposal.stat().st_size,
               markdown_bytes=markdown.stat().st_size, docx_bytes=built.stat().st_size,
               draft=bool(draft), check=timings["check"], build=timings["build"],
               pandoc=timings.get("pandoc"), python=timings.get("python"),
               libraries=timings.get("libraries"))


def _tiip_command() -> list[str]:
    """Return how to start tiip: the console script next to this Python, else `-m`."""
    script = Path(sys.executable).parent / "tiip"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "tiip_writer"]


def _parse(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,100",
                        help="comma-separated multiples of the sample (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median; default 7)")
    parser.add_argument("--quick", action="store_true",
                        help="one run per figure and no warm-up: proves the benchmark works")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/performance.md")
    parser.add_argument("--sample", type=Path, help="the proposal to scale (default: the largest sample)")
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    args = parser.parse_args(argv)
    try:
        scales = tuple(int(s) for s in args.scales.replace(" ", ",").split(",") if s)
    except ValueError:
        parser.error("--scales takes whole numbers, e.g. 1,10,100")
    if not scales or min(scales) < 1 or args.runs < 1:
        parser.error("scales and runs must be at least 1")
    sample = args.sample or max((ROOT / "samples").glob("*.yaml"), key=lambda p: p.stat().st_size)
    return Options(scales=scales, runs=1 if args.quick else args.runs, warm_up=not args.quick,
                   write=not args.no_write, sample=sample, keep=args.keep)


if __name__ == "__main__":
    sys.exit(main())
