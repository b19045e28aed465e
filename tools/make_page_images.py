"""Write docs/pages/*.png: pages of one sample's PDF, so a reader of the README sees the output.

Builds the sample with `tiip build -o x.pdf` (LibreOffice; page numbers filled) and renders
the cover, the summary sheet, the table of contents and the pages where a few chosen tables
begin with pdftoppm (poppler-utils). Run after a change to the templates or the layout:

    .venv/bin/python tools/make_page_images.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "topdown-joint-two-companies.yaml"
OUTPUT = ROOT / "docs" / "pages"
RESOLUTION = 50  # dots per inch: an A4 page about 410 × 585 pixels
# (image name, text that marks the page; None: a fixed page number)
PAGES = [
    ("01-cover", 1), ("02-summary", 2), ("03-toc", 3),
    ("04-plan-tree", "計畫／分項計畫／工作項目"),
    ("05-gantt", "累計進度（%）"),
    ("06-budget", "經費需求總表"),
]


def main() -> int:
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install poppler-utils", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "sample.pdf"
        built = subprocess.run([sys.executable, "-m", "tiip_writer", "build", str(SAMPLE),
                                "-o", str(pdf)], capture_output=True, text=True, check=False)
        if built.returncode != 0:
            print(built.stderr, file=sys.stderr)
            return built.returncode
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        pages = text.split("\f")
        OUTPUT.mkdir(parents=True, exist_ok=True)
        for old in OUTPUT.glob("*.png"):
            old.unlink()
        for name, where in PAGES:
            number = where if isinstance(where, int) else next(
                i for i, page in enumerate(pages, start=1) if where in page)
            stem = Path(folder) / name
            subprocess.run(["pdftoppm", "-r", str(RESOLUTION), "-png", "-singlefile", "-f",
                            str(number), "-l", str(number), str(pdf), str(stem)], check=True)
            shutil.copyfile(stem.with_suffix(".png"), OUTPUT / f"{name}.png")
            print(f"wrote {OUTPUT / name}.png (page {number})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
