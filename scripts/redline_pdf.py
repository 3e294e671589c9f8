"""The PDF redline (fpdf2): deletions struck through, insertions underlined, in a Unicode font.

Every page carries a header naming the table, the two texts compared and the date, and a footer
with the page number. The font is DejaVu Serif (regular and bold, both in the Debian package
fonts-dejavu-core), so en dashes, curly quotes and ½ print as themselves; --font-dir points
elsewhere.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fpdf import FPDF

if TYPE_CHECKING:
    from scripts.redline import Document, Progress, Section

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf"}
INK, MUTED = (29, 35, 43), (84, 94, 105)
DELETED, INSERTED = (155, 28, 28), (20, 83, 45)
LINE = 5.2
# A line break; a run of blanks; a word with the blanks after it.
_TOKENS = re.compile(r"\n|[^\S\n]+|\S+[^\S\n]*")


class RedlinePDF(FPDF):
    """Letter pages with the redline's header and page numbers."""

    def __init__(self, doc: Document) -> None:
        super().__init__(format="letter")
        self.doc = doc
        self.set_margins(20, 16, 20)
        self.set_auto_page_break(True, margin=18)
        self.widths: dict[str, float] = {}  # text widths in the body font, shared by every clause

    def header(self) -> None:
        """Table, the two texts and the date on every page."""
        self.set_font("body", "B", 9)
        self.set_text_color(*INK)
        table = f"{self.doc.table} — {self.doc.parties}"
        self.multi_cell(0, 4.5, table, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_font("body", "", 8.5)
        self.set_text_color(*MUTED)
        self.multi_cell(
            0,
            4,
            f"From: {self.doc.old_label}   To: {self.doc.new_label}",
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        self.cell(0, 4, self.doc.date, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*MUTED)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(4)

    def footer(self) -> None:
        """Page number."""
        self.set_y(-12)
        self.set_font("body", "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.doc.title} · page {self.page_no()} of {{nb}}", align="C")


def _fonts(pdf: FPDF, font_dir: Path | None) -> None:
    """Register DejaVu Serif (regular and bold) as 'body'."""
    directory = font_dir or FONT_DIR
    for style, name in FONT_FILES.items():
        path = directory / name
        if not path.is_file():
            message = f"font {path} not found (install fonts-dejavu-core, or give --font-dir)"
            raise FileNotFoundError(errno.ENOENT, message)
        pdf.add_font("body", style, str(path))


def _plain(text: str) -> str:
    """Tabs as spaces, line ends as \\n (fpdf2 writes both)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")


class _Flow:
    """Lays out runs of styled text line by line (fpdf2's own write() measures each line once per
    character, far too slow for a whole contract): a line's text of one style is one cell."""

    def __init__(self, pdf: RedlinePDF) -> None:
        self.pdf = pdf
        self.right = pdf.w - pdf.r_margin
        self.text = ""
        self.width = 0.0
        self.widths = pdf.widths

    def measure(self, text: str) -> float:
        """The width of text in the current font (all our styles share one width table)."""
        found = self.widths.get(text)
        if found is None:
            pdf = self.pdf
            font = pdf.current_font
            try:
                found = font.get_text_width(text, pdf.font_size_pt, None)[1] / pdf.k if font else None
            except (KeyError, IndexError):  # a character the font lacks: let fpdf2 measure it
                found = None
            found = pdf.get_string_width(text) if found is None else found
            self.widths[text] = found
        return found

    def flush(self) -> None:
        """Print the pending text of the current style."""
        if self.text:
            self.pdf.cell(self.width, LINE, self.text)
        self.text, self.width = "", 0.0

    def newline(self) -> None:
        """End the line."""
        self.flush()
        self.pdf.ln(LINE)

    def add(self, token: str) -> None:
        """Add a word with its trailing blanks, a run of blanks, or a line break."""
        pdf = self.pdf
        if token == "\n":
            self.newline()
            return
        width = self.measure(token)
        if pdf.get_x() + self.width + width <= self.right:
            self.text, self.width = self.text + token, self.width + width
            return
        word = token.rstrip()
        word_width = self.measure(word)
        if pdf.get_x() + self.width + word_width <= self.right:
            self.text, self.width = self.text + word, self.width + word_width
            self.newline()
            return
        self.flush()
        if pdf.get_x() > pdf.l_margin + 0.01:
            pdf.ln(LINE)
        if word_width > self.right - pdf.l_margin:
            pdf.write(LINE, token)  # a word longer than a line: fpdf2 breaks it
            return
        self.text, self.width = token, width


def write_ops(pdf: RedlinePDF, ops: list[dict[str, str]]) -> None:
    """Flow a clause's redline: deletions struck through in red, insertions underlined in green."""
    styles = {"equal": ("", INK), "delete": ("S", DELETED), "insert": ("U", INSERTED)}
    flow = _Flow(pdf)
    for op in ops:
        style, color = styles[op["kind"]]
        pdf.set_font("body", style, 10.5)
        pdf.set_text_color(*color)
        for token in _TOKENS.findall(_plain(op["text"])):
            flow.add(token)
        flow.flush()
    pdf.set_font("body", "", 10.5)
    pdf.set_text_color(*INK)
    pdf.ln(LINE)


def _section(pdf: RedlinePDF, section: Section) -> None:
    """A clause: heading with its change, who wrote the new text, the redline."""
    pdf.set_font("body", "B", 11)
    pdf.set_text_color(*INK)
    changed = section.change != "unchanged"
    title = section.title + (f"  [{section.change}]" if changed else "")
    if title:
        pdf.multi_cell(0, 5.5, title, align="L", new_x="LMARGIN", new_y="NEXT")
    if changed:
        pdf.set_font("body", "", 8.5)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 4.5, section.byline, new_x="LMARGIN", new_y="NEXT")
    write_ops(pdf, section.ops)
    pdf.ln(2.5)


def build(doc: Document, progress: Progress, font_dir: Path | None = None) -> RedlinePDF:
    """The PDF."""
    pdf = RedlinePDF(doc)
    _fonts(pdf, font_dir)
    pdf.set_title(doc.title)
    pdf.set_subject(f"{doc.old_label} → {doc.new_label}")
    pdf.set_creator("bargaining scripts/redline.py")
    pdf.add_page()
    pdf.set_font("body", "B", 15)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 7, doc.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 4.5, doc.summary, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "S", 9)
    pdf.set_text_color(*DELETED)
    pdf.write(4.5, "Deleted text is struck through")
    pdf.set_font("body", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.write(4.5, "; ")
    pdf.set_font("body", "U", 9)
    pdf.set_text_color(*INSERTED)
    pdf.write(4.5, "inserted text is underlined")
    pdf.set_font("body", "", 9)
    pdf.set_text_color(*MUTED)
    pdf.write(4.5, ".")
    pdf.ln(8)
    article = None
    for section in progress(doc.sections):
        if section.article != article:
            article = section.article
            pdf.set_font("body", "B", 13)
            pdf.set_text_color(*INK)
            pdf.ln(2)
            pdf.multi_cell(0, 6.5, article, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        _section(pdf, section)
    if not doc.sections:
        pdf.set_font("body", "", 10.5)
        pdf.cell(0, LINE, "No clauses.")
    return pdf


def write(doc: Document, path: Path, progress: Progress, *, font_dir: Path | None = None, **_: Any) -> None:
    """Write the .pdf file."""
    build(doc, progress, font_dir).output(str(path))
