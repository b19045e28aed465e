"""Write examples/templates/consultant-demo/reference.docx: the official styles, other headings.

The example consultant library shows how a library changes fonts: its reference .docx is the
official one with headings 1–3 in 微軟正黑體 and dark blue, plus its own ConsultantNote style
for the cover. Run `python tools/make_example_reference_docx.py` after changing this file and
commit both; a test rebuilds it and compares bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

import make_reference_docx as official

from tiip_writer.foundation.fileio import write_atomic
from tiip_writer.render.save import zip_bytes

OUTPUT = ROOT / "examples" / "templates" / "consultant-demo" / "reference.docx"
HEADING_FONT = "微軟正黑體"
HEADING_COLOUR = "1F3864"
# (level, half-points, space before, space after, page break) as the official headings have.
HEADINGS = [(1, 32, 0, 240, True), (2, 28, 240, 120, False), (3, 26, 180, 60, False)]


def demo_heading(level: int, half_points: int, before: int, after: int, page_break: bool) -> str:
    """Return an official heading style restyled: sans-serif East Asian font, dark blue."""
    style = official.heading(level, half_points, before, after, page_break)
    return style.replace('<w:color w:val="000000"/>',
                         official.fonts(HEADING_FONT) + f'<w:color w:val="{HEADING_COLOUR}"/>')


CONSULTANT_NOTE = official.paragraph_style(
    "ConsultantNote", "Consultant Note",
    '<w:spacing w:before="480" w:after="120"/><w:jc w:val="center"/>',
    f'<w:i/><w:color w:val="{HEADING_COLOUR}"/>{official.size(24)}')


def styles() -> str:
    """Return the official styles part with the demo headings and the ConsultantNote style."""
    text = official.STYLES
    for spec in HEADINGS:
        original = official.heading(*spec)
        assert original in text, f"heading {spec[0]} not found in the official styles"
        text = text.replace(original, demo_heading(*spec))
    return text.replace("</w:styles>", CONSULTANT_NOTE + "</w:styles>")


def font_table() -> str:
    """Return the official font table with the heading font added."""
    entry = (f'<w:font w:name="{HEADING_FONT}"><w:altName w:val="Microsoft JhengHei"/>'
             '<w:charset w:val="88"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>')
    return official.FONT_TABLE.replace("</w:fonts>", entry + "</w:fonts>")


def reference_docx() -> bytes:
    """Return the bytes of the example library's reference .docx."""
    replaced = {"word/styles.xml": styles(), "word/fontTable.xml": font_table()}
    return zip_bytes((name, replaced.get(name, text).encode("utf-8"))
                     for name, text in official.PARTS)


def main(argv: list[str]) -> int:
    """Write the reference .docx to argv[0] (default: the example library's) and return 0."""
    target = Path(argv[0]) if argv else OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, reference_docx())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
