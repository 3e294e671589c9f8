"""PDFs come from the HTML page printed by headless Chromium: header, page numbers, text, a fresh browser."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from bargaining.documents import chromium, pdf
from bargaining.documents.html import css_string
from bargaining.documents.model import Block, Document, Section
from bargaining.documents.render import render
from bargaining.domain.redlines.engine import Op


def _doc() -> Document:
    ops = (Op("equal", "The officers "), Op("delete", "shall"), Op("insert", "may"), Op("equal", " file."))
    return Document(
        title="Redline of the contract",
        table='Caseload "talks" </style>',
        old_label="Current contract",
        new_label="Union position",
        sections=(Section("Article 1 – Rights", (Block("1.1 Filing", ops),), anchor="article-1"),),
        filename="t",
    )


def _text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_css_strings_cannot_end_the_string_or_the_style_element():
    quoted = css_string('a"b\\c</style>\n')
    assert quoted.startswith('"') and quoted.endswith('"') and '"' not in quoted[1:-1]
    assert "<" not in quoted and "\n" not in quoted and "\\22 " in quoted and "\\3c " in quoted


def test_the_pdf_is_the_html_page_with_a_running_header_and_page_numbers():
    pdf.clear()
    page = render(_doc(), "html").body.decode()
    assert "@top-left { content: " in page and page.count("</style>") == 1
    text = _text(render(_doc(), "pdf").body)
    assert 'Caseload "talks" </style> — Current contract compared with Union position' in text
    assert "Page 1 of 1" in text
    # Ligatures are off: the words extract as typed ("officers", not "oﬀicers").
    assert "The officers shall may file." in text and "Article 1 – Rights" in text


def test_a_browser_that_died_is_replaced():
    first = chromium.html_to_pdf("<p>one</p>")
    browser = chromium._BROWSER
    assert browser is not None and first.startswith(b"%PDF")
    browser.proc.kill()
    browser.proc.wait(timeout=10)
    assert "two" in _text(chromium.html_to_pdf("<p>two</p>"))
    assert chromium._BROWSER is not browser and chromium._BROWSER is not None and chromium._BROWSER.alive()


def test_one_tab_prints_each_page_alone():
    chromium.html_to_pdf("<h1>Employer draft: wage freeze</h1><p>secret</p>")
    second = _text(chromium.html_to_pdf("<p>Union summary</p>"))
    assert "Union summary" in second and "wage freeze" not in second and "secret" not in second
