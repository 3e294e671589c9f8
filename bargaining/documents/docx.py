"""The DOCX rendering: Word tracked changes (w:ins / w:del), heading styles, header and page numbers.

The package is written as WordprocessingML directly (a handful of XML parts in a zip): one string
join, so a 300 KB contract takes a fraction of a second. Articles are Heading 1 and clauses
Heading 2 (Word's navigation pane lists them). Every insertion is a <w:ins> and every deletion a
<w:del> (its text in <w:delText>) carrying w:author (the party at the table with its proposal or TA
label) and w:date (when that language was passed or signed), so accepting every change gives the
new text and rejecting every change the old. A line break is a <w:br/> inside the run it belongs
to, so a break that was inserted or deleted is tracked with it.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from bargaining.documents.html import byline
from bargaining.documents.model import LEGEND, Block, Document
from bargaining.documents.segments import block_parts
from bargaining.domain.redlines.engine import Op
from bargaining.domain.redlines.tables import CellDiff, TableDiff

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# XML 1.0 forbids most C0 controls; a form feed (page break in extracted text) becomes a line break.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffe\uffff]")
_PIECES = re.compile(r"(\n|\t|\f)")

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_OVERRIDES = {
    "/word/document.xml": f"{_WML}.document.main+xml",
    "/word/styles.xml": f"{_WML}.styles+xml",
    "/word/settings.xml": f"{_WML}.settings+xml",
    "/word/header1.xml": f"{_WML}.header+xml",
    "/word/footer1.xml": f"{_WML}.footer+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
}
CONTENT_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in _OVERRIDES.items())
    + "</Types>"
)

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}/relationships">
<Relationship Id="rId1" Type="{_DOC_REL}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{_PKG}/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_PKG}/relationships">
<Relationship Id="rId1" Type="{_DOC_REL}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_DOC_REL}/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="{_DOC_REL}/header" Target="header1.xml"/>
<Relationship Id="rId4" Type="{_DOC_REL}/footer" Target="footer1.xml"/>
</Relationships>"""

SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="720"/><w:compat>
<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>
</w:compat></w:settings>"""


def _style(style_id: str, name: str, ppr: str = "", rpr: str = "", kind: str = "paragraph") -> str:
    """One style definition based on Normal."""
    based = '<w:basedOn w:val="Normal"/>' if style_id != "Normal" else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}'
        f"<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Serif" w:hAnsi="DejaVu Serif" '
    'w:cs="DejaVu Serif" w:eastAsia="DejaVu Serif"/><w:sz w:val="21"/><w:lang w:val="en-US"/></w:rPr>'
    '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    + _style("Normal", "Normal")
    + _style("Title", "Title", '<w:spacing w:after="160"/>', '<w:b/><w:sz w:val="36"/>')
    + _style(
        "Heading1",
        "heading 1",
        '<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/>',
        '<w:b/><w:sz w:val="28"/>',
    )
    + _style(
        "Heading2",
        "heading 2",
        '<w:keepNext/><w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="1"/>',
        '<w:b/><w:sz w:val="22"/>',
    )
    + _style("BodyText", "Body Text")
    + _style("Note", "Note", "", '<w:b/><w:color w:val="1E3A8A"/>')
    + _style("ContentsEntry", "Contents Entry", '<w:spacing w:after="0"/>')
    + _style("Meta", "Meta", "", '<w:color w:val="444444"/><w:sz w:val="18"/>')
    + _style("Header", "header", "", '<w:sz w:val="16"/>')
    + _style("Footer", "footer", '<w:jc w:val="center"/>', '<w:sz w:val="16"/>')
    + "</w:styles>"
)


def _clean(text: str) -> str:
    """Text safe in XML."""
    return escape(_ILLEGAL.sub("", text))


def _runs(text: str, deleted: bool = False) -> str:
    """Run content for text: <w:t> (or <w:delText>) pieces, <w:br/> for breaks, <w:tab/> for tabs."""
    tag = "w:delText" if deleted else "w:t"
    out = []
    for piece in _PIECES.split(text):
        if piece in ("\n", "\f"):
            out.append("<w:br/>")
        elif piece == "\t":
            out.append("<w:tab/>")
        elif piece:
            out.append(f'<{tag} xml:space="preserve">{_clean(piece)}</{tag}>')
    return f"<w:r>{''.join(out)}</w:r>" if out else ""


class _Ids:
    """Numbers every tracked change uniquely."""

    def __init__(self) -> None:
        self.next = 1

    def take(self) -> int:
        """The next id."""
        self.next += 1
        return self.next


def _mark(block: Block) -> str:
    """The w:author and w:date attributes of a block's changes."""
    author = block.author.name if block.author else "Unknown"
    out = f" w:author={quoteattr(_ILLEGAL.sub('', author))}"
    at = block.author.at if block.author else None
    if isinstance(at, datetime):
        out += f' w:date="{at:%Y-%m-%dT%H:%M:%SZ}"'
    return out


def _ops(ops: tuple[Op, ...], block: Block, ids: _Ids, tracked: bool) -> str:
    """The runs of a clause: equal text plain, insertions in <w:ins>, deletions in <w:del>."""
    out = []
    mark = _mark(block)
    for op in ops:
        if op.kind == "equal" or not tracked:
            out.append(_runs(op.new_text))
        elif op.kind == "insert":
            out.append(f'<w:ins w:id="{ids.take()}"{mark}>{_runs(op.text)}</w:ins>')
        else:
            out.append(f'<w:del w:id="{ids.take()}"{mark}>{_runs(op.text, deleted=True)}</w:del>')
    return "".join(out)


def _para(content: str, style: str = "") -> str:
    """A paragraph in a style."""
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{content}</w:p>"


def _body(doc: Document) -> list[str]:
    """Every paragraph of the document body."""
    ids = _Ids()
    out = [_para(_runs(doc.title), "Title"), _para(_runs(doc.table), "Meta")]
    if doc.is_redline:
        out.append(_para(_runs(f"From: {doc.old_label}   To: {doc.new_label}"), "Note"))
        out.append(_para(_runs(f"{LEGEND} (Word shows them as tracked changes.)"), "Meta"))
    out += [_para(_runs(line), "Meta") for line in (*doc.summary, *doc.notes)]
    if doc.contents:
        out.append(_para(_runs("Contents"), "Heading1"))
        out += [_para(_runs(s.heading), "ContentsEntry") for s in doc.sections if s.heading]
    for section in doc.sections:
        if section.heading:
            out.append(_para(_runs(section.heading), "Heading1"))
        for block in section.blocks:
            if block.heading:
                out.append(_para(_runs(block.heading), "Heading2"))
            if block.note:
                out.append(_para(_runs(block.note), "Note"))
            if doc.is_redline and block.changed and block.author is not None:
                out.append(_para(_runs(byline(block)), "Meta"))
            for part in block_parts(block, doc.is_redline):
                if isinstance(part, TableDiff):
                    out.append(_table(part, block, ids))
                else:
                    out.append(_para(_ops(part, block, ids, doc.is_redline), "BodyText"))
    return out


def _cell_xml(cell: CellDiff, block: Block, ids: _Ids) -> str:
    """A table cell: plain, or its old figure deleted and its new one inserted (tracked)."""
    mark = _mark(block)
    if not cell.changed:
        content = _runs(cell.new)
    else:
        deleted = (
            f'<w:del w:id="{ids.take()}"{mark}>{_runs(cell.old, deleted=True)}</w:del>' if cell.old else ""
        )
        inserted = f'<w:ins w:id="{ids.take()}"{mark}>{_runs(cell.new)}</w:ins>' if cell.new else ""
        content = deleted + inserted
    cell_props = '<w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>'
    return f'<w:tc>{cell_props}<w:p><w:pPr><w:jc w:val="right"/></w:pPr>{content}</w:p></w:tc>'


def _table(table: TableDiff, block: Block, ids: _Ids) -> str:
    """A compared table of figures as a Word table, changed cells tracked."""
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="999999"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    rows = "".join(
        f"<w:tr>{''.join(_cell_xml(c, block, ids) for c in row.cells)}</w:tr>" for row in table.rows
    )
    props = f'<w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
    return f"<w:tbl>{props}{rows}</w:tbl>"


def _part(root: str, content: str) -> str:
    """A header or footer part."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:{root} xmlns:w="{W}" xmlns:r="{R}">{content}</w:{root}>'
    )


def _field(instr: str) -> str:
    """A simple field (PAGE, NUMPAGES) showing 1 until Word updates it."""
    return f'<w:fldSimple w:instr=" {instr} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'


def _core(doc: Document) -> str:
    """docProps/core.xml: the title."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_clean(doc.title)}</dc:title><dc:creator>bargaining</dc:creator></cp:coreProperties>"
    )


def to_docx(doc: Document) -> bytes:
    """The document as a .docx package."""
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId3"/>'
        '<w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="12240" w:h="15840"/>'
        '<w:pgMar w:top="1440" w:right="1300" w:bottom="1440" w:left="1300" w:header="600" '
        'w:footer="600" w:gutter="0"/></w:sectPr>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
        f'xmlns:r="{R}"><w:body>{"".join(_body(doc))}{sect}</w:body></w:document>'
    )
    header = _para(_runs(f"{doc.table} — {doc.comparison}"), "Header")
    footer = _para(f"{_runs('Page ')}{_field('PAGE')}{_runs(' of ')}{_field('NUMPAGES')}", "Footer")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", ROOT_RELS)
        package.writestr("docProps/core.xml", _core(doc))
        package.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        package.writestr("word/document.xml", document)
        package.writestr("word/styles.xml", STYLES)
        package.writestr("word/settings.xml", SETTINGS)
        package.writestr("word/header1.xml", _part("hdr", header))
        package.writestr("word/footer1.xml", _part("ftr", footer))
    return buffer.getvalue()
