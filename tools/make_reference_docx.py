"""Write templates/official/reference.docx: the official library's Word styles, page and footer.

Run `python tools/make_reference_docx.py` after changing this file and commit both; a test
rebuilds it and compares bytes, so the committed .docx always matches this script.

Written part by part (not from python-docx's default template, which is US Letter, Cambria,
theme fonts and 270 unused styles): A4, 2 cm side margins, 標楷體 in the East Asian font slot
with Times New Roman for Latin, zh-TW language, headings without theme colours, table text,
TOC levels with dot leaders, list numbering and a 「第 N 頁」 footer.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tiip_writer.foundation.fileio import write_atomic
from tiip_writer.render.save import zip_bytes

OUTPUT = ROOT / "templates" / "official" / "reference.docx"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

EAST_ASIAN_FONT = "標楷體"
LATIN_FONT = "Times New Roman"
# A4 in twips (1/1440 inch) and the margins; the text width 9638 is used for the TOC tab.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = 1418, 1418, 1134
TEXT_W = PAGE_W - 2 * MARGIN_SIDE

CONTENT_TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Default Extension="jpeg" ContentType="image/jpeg"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '</Types>')

PACKAGE_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>')

DOCUMENT_RELS = HEAD + (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{R}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{R}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId4" Type="{R}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId5" Type="{R}/footer" Target="footer1.xml"/>'
    '</Relationships>')

# The cover page (first page of the first section) carries no page number: titlePg.
DOCUMENT = HEAD + (
    f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>'
    '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>參考文件（樣式）</w:t></w:r></w:p>'
    '<w:sectPr>'
    '<w:footerReference w:type="default" r:id="rId5"/>'
    f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
    f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_BOTTOM}" '
    f'w:left="{MARGIN_SIDE}" w:header="851" w:footer="851" w:gutter="0"/>'
    '<w:cols w:space="425"/><w:titlePg/><w:docGrid w:type="lines" w:linePitch="360"/>'
    '</w:sectPr></w:body></w:document>')

FOOTER = HEAD + (
    f'<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>'
    '<w:r><w:t xml:space="preserve">第 </w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    '<w:r><w:t xml:space="preserve"> 頁</w:t></w:r></w:p></w:ftr>')


def fonts(east_asian: str = EAST_ASIAN_FONT) -> str:
    """Return an rFonts element: Latin slots Times New Roman, East Asian slot `east_asian`."""
    return (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
            f'w:eastAsia="{east_asian}" w:cs="{LATIN_FONT}"/>')


def size(half_points: int) -> str:
    """Return the size elements for `half_points` (24 = 12 pt)."""
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def paragraph_style(style_id: str, name: str, ppr: str = "", rpr: str = "",
                    based_on: str | None = "Normal", next_style: str | None = None,
                    extra: str = "") -> str:
    """Return a paragraph <w:style> element."""
    parts = [f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    parts.append(extra or '<w:qFormat/>')
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append("</w:style>")
    return "".join(parts)


def heading(level: int, half_points: int, before: int, after: int, page_break: bool) -> str:
    """Return the Heading `level` style (bold, black, kept with the next paragraph)."""
    ppr = ('<w:keepNext/><w:keepLines/>' + ('<w:pageBreakBefore/>' if page_break else '')
           + f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
           + '<w:jc w:val="left"/>' + f'<w:outlineLvl w:val="{level - 1}"/>')
    return paragraph_style(f"Heading{level}", f"heading {level}", ppr,
                           f'<w:b/><w:bCs/><w:color w:val="000000"/>{size(half_points)}',
                           next_style="BodyText")


def toc_level(level: int) -> str:
    """Return the TOC `level` style: indented, page number at the right margin after dots."""
    ppr = (f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
           f'<w:spacing w:before="0" w:after="60"/><w:ind w:left="{(level - 1) * 480}"/>'
           '<w:jc w:val="left"/>')
    return paragraph_style(f"TOC{level}", f"toc {level}", ppr, extra="<w:uiPriority w:val=\"39\"/>")


STYLES = HEAD + (
    f'<w:styles xmlns:w="{W}" xmlns:r="{R}">'
    '<w:docDefaults><w:rPrDefault><w:rPr>'
    f'{fonts()}{size(24)}<w:kern w:val="2"/>'
    '<w:lang w:val="en-US" w:eastAsia="zh-TW" w:bidi="ar-SA"/>'
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    '</w:pPr></w:pPrDefault></w:docDefaults>'
    # Normal: 12 pt, 1.25 lines, justified (Chinese text fills the line).
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
    '<w:pPr><w:widowControl/><w:spacing w:after="60" w:line="300" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr>'
    f'<w:rPr>{fonts()}{size(24)}<w:lang w:val="en-US" w:eastAsia="zh-TW"/></w:rPr></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
    '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
    '</w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>'
    # Body text: prose paragraphs, first line indented by two characters.
    + paragraph_style("BodyText", "Body Text",
                      '<w:ind w:firstLineChars="200" w:firstLine="480"/>')
    + heading(1, 32, 0, 240, page_break=True)
    + heading(2, 28, 240, 120, page_break=False)
    + heading(3, 26, 180, 60, page_break=False)
    + heading(4, 24, 120, 60, page_break=False)
    + heading(5, 24, 120, 60, page_break=False)
    + heading(6, 24, 120, 60, page_break=False)
    + paragraph_style("Title", "Title",
                      '<w:keepNext/><w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/>',
                      f'<w:b/><w:bCs/>{size(36)}')
    + paragraph_style("Caption", "caption",
                      '<w:spacing w:before="60" w:after="120"/><w:jc w:val="center"/>',
                      size(22), next_style="BodyText")
    + paragraph_style("Quote", "Quote",
                      '<w:ind w:left="480" w:right="480"/>', '<w:color w:val="404040"/>')
    + paragraph_style("ListBullet", "List Bullet",
                      '<w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="40"/>')
    + paragraph_style("ListNumber", "List Number",
                      '<w:numPr><w:numId w:val="2"/></w:numPr><w:spacing w:after="40"/>')
    + paragraph_style("TableText", "Table Text",
                      '<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>'
                      '<w:jc w:val="left"/>', size(21))
    + paragraph_style("TableHeading", "Table Heading",
                      '<w:keepNext/><w:jc w:val="center"/>', '<w:b/><w:bCs/>',
                      based_on="TableText")
    + toc_level(1) + toc_level(2) + toc_level(3)
    + paragraph_style("Header", "header", '<w:jc w:val="right"/>', size(20),
                      extra='<w:uiPriority w:val="99"/>')
    + paragraph_style("Footer", "footer", '<w:jc w:val="center"/>', size(20),
                      extra='<w:uiPriority w:val="99"/>')
    + paragraph_style("CoverMark", "Cover Mark", '<w:jc w:val="right"/>',
                      f'<w:b/><w:bCs/>{size(28)}')
    + paragraph_style("CoverProgramme", "Cover Programme",
                      '<w:spacing w:before="600" w:after="240" w:line="360" w:lineRule="auto"/>'
                      '<w:jc w:val="center"/>', f'<w:b/><w:bCs/>{size(32)}')
    + paragraph_style("CoverTitle", "Cover Title",
                      '<w:spacing w:before="600" w:after="600" w:line="400" w:lineRule="auto"/>'
                      '<w:jc w:val="center"/>', f'<w:b/><w:bCs/>{size(40)}')
    + paragraph_style("CoverText", "Cover Text",
                      '<w:spacing w:after="120" w:line="360" w:lineRule="auto"/><w:jc w:val="center"/>',
                      size(28))
    # Table Grid: single borders; the table builder sets widths and header rows itself.
    + '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:tblPr><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
    '</w:tblCellMar></w:tblPr></w:style>'
    '</w:styles>')


def list_levels(kind: str) -> str:
    """Return three <w:lvl> definitions for a bullet or decimal list."""
    formats = {"bullet": [("bullet", "•"), ("bullet", "–"), ("bullet", "•")],
               "decimal": [("decimal", "%1."), ("decimal", "(%2)"), ("lowerLetter", "%3.")]}[kind]
    levels = []
    for index, (num_fmt, text) in enumerate(formats):
        left = 480 * (index + 1)
        levels.append(
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr>'
            f'<w:rPr>{fonts()}</w:rPr></w:lvl>')
    return "".join(levels)


NUMBERING = HEAD + (
    f'<w:numbering xmlns:w="{W}">'
    f'<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>{list_levels("bullet")}</w:abstractNum>'
    f'<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="hybridMultilevel"/>{list_levels("decimal")}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    '</w:numbering>')

SETTINGS = HEAD + (
    f'<w:settings xmlns:w="{W}">'
    '<w:defaultTabStop w:val="480"/><w:characterSpacingControl w:val="compressPunctuation"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-TW"/>'
    '</w:settings>')

FONT_TABLE = HEAD + (
    f'<w:fonts xmlns:w="{W}">'
    f'<w:font w:name="{LATIN_FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    f'<w:font w:name="{EAST_ASIAN_FONT}"><w:altName w:val="DFKai-SB"/>'
    '<w:panose1 w:val="03000509000000000000"/><w:charset w:val="88"/>'
    '<w:family w:val="script"/><w:pitch w:val="fixed"/></w:font>'
    '<w:font w:name="新細明體"><w:altName w:val="PMingLiU"/>'
    '<w:panose1 w:val="02020500000000000000"/><w:charset w:val="88"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    '</w:fonts>')

CORE = HEAD + (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:title>TIIP 計畫書參考樣式</dc:title><dc:creator>tiip-writer</dc:creator>'
    '<cp:lastModifiedBy>tiip-writer</cp:lastModifiedBy><cp:revision>1</cp:revision>'
    '<dc:language>zh-TW</dc:language>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2016-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2016-01-01T00:00:00Z</dcterms:modified>'
    '</cp:coreProperties>')

APP = HEAD + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Application>tiip-writer</Application></Properties>')

PARTS = [
    ("[Content_Types].xml", CONTENT_TYPES),
    ("_rels/.rels", PACKAGE_RELS),
    ("docProps/core.xml", CORE),
    ("docProps/app.xml", APP),
    ("word/document.xml", DOCUMENT),
    ("word/_rels/document.xml.rels", DOCUMENT_RELS),
    ("word/styles.xml", STYLES),
    ("word/numbering.xml", NUMBERING),
    ("word/settings.xml", SETTINGS),
    ("word/fontTable.xml", FONT_TABLE),
    ("word/footer1.xml", FOOTER),
]


def reference_docx() -> bytes:
    """Return the bytes of the official reference .docx."""
    return zip_bytes((name, text.encode("utf-8")) for name, text in PARTS)


def main(argv: list[str]) -> int:
    """Write the reference .docx to argv[0] (default: the official library's) and return 0."""
    target = Path(argv[0]) if argv else OUTPUT
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, reference_docx())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
