"""Contract files made in the test: Word (with automatic numbering and tracked changes), PDFs, bad files."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# An abstract list: level 0 shows "ARTICLE n", level 1 shows "Section n.m", level 2 "(a)".
HEADING_NUMBERING = f"""
<w:abstractNum {W} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="ARTICLE %1 -"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Section %1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
"""
NUM = f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _numbered(document: Any, text: str, level: int) -> None:
    """Add a paragraph numbered automatically by list 90 at a level (the number is not in the text)."""
    p = document.add_paragraph(text)
    p_pr = p._p.get_or_add_pPr()
    p_pr.append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
    )


def _tracked(document: Any, kept: str, inserted: str, deleted: str) -> None:
    """Add a paragraph with a tracked insertion and a tracked deletion."""
    p = document.add_paragraph(kept)
    p._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="1" w:author="E" w:date="2026-01-01T00:00:00Z">'
            f'<w:r><w:t xml:space="preserve">{inserted}</w:t></w:r></w:ins>'
        )
    )
    p._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="E" w:date="2026-01-01T00:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
        )
    )


def numbered_docx(wage: str = "$30.00", extra_article: bool = False) -> bytes:
    """A Word contract whose article and section numbers come from Word's automatic numbering."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(HEADING_NUMBERING))
    numbering.append(parse_xml(NUM))
    document.add_paragraph("TABLE OF CONTENTS", style="TOC Heading") if "TOC Heading" in [
        s.name for s in document.styles
    ] else None
    _numbered(document, "RECOGNITION", 0)
    _numbered(
        document, "Unit. The Employer recognizes the Union for all nurses. Error! Bookmark not defined.", 1
    )
    _numbered(document, "New Positions. New classifications join the unit.", 1)
    _numbered(document, "WAGES", 0)
    _numbered(document, f"Rates. Nurses are paid at least {wage} an hour.", 1)
    _numbered(document, "Steps. Nurses advance one step a year:", 1)
    _numbered(document, "on their anniversary date;", 2)
    _numbered(document, "after a satisfactory evaluation.", 2)
    table = document.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Step", (0, 1): "Rate", (1, 0): "1", (1, 1): wage}.items():
        table.cell(r, c).text = text
    if extra_article:
        _numbered(document, "PARKING", 0)
        _numbered(document, "Free parking. The Employer provides free parking.", 1)
    return _save(document)


def tracked_docx() -> bytes:
    """A Word contract with a tracked insertion and deletion in its one section."""
    document = docx.Document()
    document.add_heading("ARTICLE 1 - HOURS", 1)
    _tracked(document, "Section 1.1 Workday. The workday is ", "seven", "eight")
    document.paragraphs[-1].add_run(" hours.")
    return _save(document)


def _save(document: Any) -> bytes:
    """Return a document's bytes."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_pdf(pages: list[list[str]], footer: str = "Agreement 2025-2028") -> bytes:
    """A PDF with a text layer: each page's lines wrapped to the page, a running footer and page number."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=FONT)
    for n, paragraphs in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=10)
        pdf.cell(0, 6, "Sample County – Nurses Association", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        pdf.set_y(-18)
        pdf.cell(0, 5, f"{footer}        Page {n} of {len(pages)}", align="C")
    return bytes(pdf.output())


def scanned_pdf(lines: list[str]) -> bytes:
    """A PDF whose one page is an image of text (no text layer): it needs OCR."""
    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    y = 160
    for line in lines:
        draw.text((150, y), line, fill=0, font=font)
        y += 58
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(png, x=0, y=0, w=210)
    return bytes(pdf.output())


def encrypted_pdf() -> bytes:
    """A password-protected PDF."""
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "ARTICLE 1 - SECRET")
    return bytes(pdf.output())


def empty_pdf() -> bytes:
    """A PDF with one blank page and no text."""
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def zip_bomb_docx() -> bytes:
    """A .docx whose document part unpacks to 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                part.write(chunk)
    return out.getvalue()


def docx_text(data: bytes) -> str:
    """The text of every w:t of a .docx (to check a file holds no numbers of its own)."""
    document = docx.Document(io.BytesIO(data))
    return "\n".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def outline_docx(contract: Any) -> bytes:
    """A Word file written from a parsed contract: a Heading 1 per article, a paragraph a clause paragraph."""
    document = docx.Document()
    for article in contract.articles:
        number = article.number.split(" (")[0]  # a repeated number as the contract prints it
        if article.kind == "article":
            heading = f"ARTICLE {number} - {article.title}"
        elif article.kind == "appendix":
            heading = f"{number.upper()} - {article.title}"
        elif article.kind == "side_letter" and not number.startswith("LOA"):
            heading = f"{number.upper()}, {article.title}"
        else:
            heading = article.title
        document.add_heading(heading, 1)
        for clause in article.clauses:
            paragraphs = clause.text.split("\n\n") if clause.text else [""]
            lead = (
                f"Section {clause.number}. {clause.heading + '. ' if clause.heading else ''}"
                if clause.number
                else ""
            )
            document.add_paragraph((lead + paragraphs[0]).strip())
            for paragraph in paragraphs[1:]:
                document.add_paragraph(paragraph.replace("\n", " "))
    return _save(document)


MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def layout_pdf(text: str, lines_per_page: int = 60) -> bytes:
    """A PDF that sets a text contract line for line in a fixed-width font (form feeds start pages)."""
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.add_font("Mono", fname=MONO)
    pages: list[list[str]] = []
    for chunk in text.split("\f"):
        lines = chunk.split("\n")
        pages.extend(lines[i : i + lines_per_page] for i in range(0, max(len(lines), 1), lines_per_page))
    for page in pages:
        pdf.add_page()
        pdf.set_font("Mono", size=6.5)
        for n, line in enumerate(page):
            if line.strip():
                pdf.set_xy(6, 8 + n * 4.3)
                pdf.cell(0, 4, line.replace("\u200b", "").rstrip())
    return bytes(pdf.output())


def style_numbered_docx() -> bytes:
    """A Word contract whose Heading 1 and Heading 2 styles carry the numbering (as outline lists do)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(HEADING_NUMBERING))
    numbering.append(parse_xml(NUM))
    for name, level in (("Heading 1", 0), ("Heading 2", 1)):
        p_pr = document.styles[name].element.get_or_add_pPr()
        p_pr.append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    document.add_heading("HOURS", 1)
    document.add_heading("Workday", 2)
    document.add_paragraph("The workday is eight hours.")
    document.add_heading("Breaks", 2)
    document.add_paragraph("Employees get two paid breaks.")
    document.add_heading("HOLIDAYS", 1)
    document.add_heading("Paid Holidays", 2)
    document.add_paragraph("Employees get eleven holidays.")
    return _save(document)


def lines_pdf(lines: list[str], gutter: bool = False) -> bytes:
    """A PDF that sets each line as given (a hyphen at a line end stays), with a line-number gutter."""
    pdf = FPDF(format="Letter")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    for n, line in enumerate(lines, 1):
        y = 20 + n * 6
        if gutter:
            pdf.set_xy(8, y)
            pdf.cell(8, 5, str(n))
        pdf.set_xy(30, y)
        pdf.cell(0, 5, line)
    return bytes(pdf.output())
