"""The PDF rendering: the HTML page and its stylesheet laid out by WeasyPrint."""

from __future__ import annotations

from bargaining.documents.html import to_html
from bargaining.documents.model import Document


def to_pdf(doc: Document) -> bytes:
    """The document as PDF, from exactly the HTML and stylesheet of the HTML rendering."""
    from weasyprint import HTML  # imported on first use: it loads Pango and its fonts

    pdf = HTML(string=to_html(doc)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
