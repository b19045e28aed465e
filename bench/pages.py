"""Time the page layout of `tiip build` per sample: .docx without and with page numbers, PDF.

    python bench/pages.py              # every sample in samples/, median of 3 runs each
    python bench/pages.py --runs 1

Each figure is a whole `tiip build` process as a user runs it; the layout
runs LibreOffice headless with a fresh private profile each time (tiip_writer/layout), so the
figures include LibreOffice's start. Prints a Markdown table for docs/performance.md, with
the pages and the number of layouts each build took. Standard library and the project only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tiip_writer.checking.pipeline import check_file
from tiip_writer.layout.office import Office
from tiip_writer.layout.paginate import paginate
from tiip_writer.render import build_document

VARIANTS = {"docx, no page numbers": ("a.docx", ["--no-page-numbers"]),
            "docx with page numbers": ("b.docx", []), "pdf": ("c.pdf", [])}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    tiip = [sys.executable, "-m", "tiip_writer", "build"]
    env = {k: v for k, v in os.environ.items() if k != "TIIP_PAGE_NUMBERS"}
    print("| sample | pages | layouts | " + " | ".join(VARIANTS) + " |")
    print("|---|---:|---:|" + "---:|" * len(VARIANTS))
    for sample in sorted((ROOT / "samples").glob("*.yaml")):
        figures = []
        with tempfile.TemporaryDirectory() as folder:
            for name, extra in VARIANTS.values():
                seconds = []
                for _ in range(runs):
                    start = time.perf_counter()
                    subprocess.run([*tiip, str(sample), "-o", str(Path(folder) / name), *extra],
                                   env=env, check=True, capture_output=True)
                    seconds.append(time.perf_counter() - start)
                figures.append(statistics.median(seconds))
        built = build_document(check_file(sample))
        with Office() as office:
            laid = paginate(built.docx or b"", office, check_file(sample).proposal.submission_date)
        print(f"| {sample.stem} | {laid.pages.count} | {laid.layouts} | "
              + " | ".join(f"{s:.2f} s" for s in figures) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
