"""bargaining/documents renders any document safely: text escaped, no scripts, open clauses flagged."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from bargaining.documents.model import Author, Block, Document, Section
from bargaining.documents.render import render
from bargaining.domain.contract_render import OPEN_NOTE, md_escape
from bargaining.domain.redlines.engine import Op

HOSTILE = "First <b>para</b>.\nSecond line.\n\n# Not a heading\n- not a list\n12. no"


def _doc(redline: bool) -> Document:
    ops = (
        (Op("equal", HOSTILE),)
        if not redline
        else (Op("delete", "<old> & "), Op("insert", "new"), Op("equal", HOSTILE))
    )
    block = Block(
        "1.1 A_B", ops, Author("Union <U> (U-1)", datetime(2026, 3, 2, tzinfo=UTC)), note=OPEN_NOTE, open=True
    )
    return Document(
        title="Title <x>",
        table="T <script>",
        old_label="Old <a>" if redline else None,
        new_label="New & improved",
        sections=(Section("Article 1 – <Rights> & *Duties*", (block,), anchor="article-1"),),
        filename="t",
        contents=True,
    )


def test_html_escapes_every_text_and_flags_open_clauses():
    for redline in (False, True):
        page = render(_doc(redline), "html").body.decode()
        assert (
            "<b>" not in page
            and "&lt;b&gt;para&lt;/b&gt;" in page
            and "<title>Title &lt;x&gt;</title>" in page
        )
        assert "<h2>Article 1 – &lt;Rights&gt; &amp; *Duties*</h2>" in page
        assert "<script" not in page and 'src="' not in page and 'class="clause open"' in page
    assert "<del>&lt;old&gt; &amp; </del><ins>new</ins>" in render(_doc(True), "html").body.decode()


def test_markdown_and_text_escape_and_keep_the_open_flag():
    md = render(_doc(False), "md").body.decode()
    assert "## Article 1 – \\<Rights\\> \\& \\*Duties\\*" in md and "### 1.1 A\\_B" in md
    assert "\\# Not a heading\n\\- not a list\n12\\. no" in md and "**OPEN: not yet agreed" in md
    text = render(_doc(False), "text").body.decode()
    assert "1.1 A_B\nFirst <b>para</b>." in text and "[OPEN: not yet agreed" in text
    assert md_escape("  [link](x) `code` | ~") == "\\[link\\](x) \\`code\\` \\| \\~"


def test_docx_escapes_xml_and_drops_control_characters():
    doc = _doc(True)
    doc = Document(
        doc.title,
        doc.table,
        doc.new_label,
        (Section("S", (Block("h", (Op("insert", "a\x01b\fc <&>"),), doc.sections[0].blocks[0].author),)),),
        "t",
        "old",
    )
    data = render(doc, "docx").body
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    assert '<w:t xml:space="preserve">ab</w:t><w:br/><w:t xml:space="preserve">c &lt;&amp;&gt;</w:t>' in xml
    assert "&lt;&amp;&gt;" in xml and "\x01" not in xml and "\x0c" not in xml
    assert 'w:author="Union &lt;U&gt; (U-1)"' in xml and 'w:date="2026-03-02T00:00:00Z"' in xml
