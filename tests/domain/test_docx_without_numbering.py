"""A Word file without a numbering part (no lists anywhere) still reads."""

import io
import re
import zipfile

import docx

from bargaining.domain.intake.docx_reader import read_docx


def _without_numbering(data: bytes) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename == "word/numbering.xml":
                continue
            part = source.read(info.filename)
            if info.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                part = re.sub(rb"<(Relationship|Override) [^>]*numbering[^>]*/>", b"", part)
            target.writestr(info, part)
    return out.getvalue()


def test_a_docx_without_a_numbering_part_reads_as_its_text() -> None:
    document = docx.Document()
    document.add_paragraph("ARTICLE 1 - RECOGNITION")
    document.add_paragraph("1.1 The employer recognizes the union.")
    saved = io.BytesIO()
    document.save(saved)
    stripped = _without_numbering(saved.getvalue())
    assert "word/numbering.xml" not in zipfile.ZipFile(io.BytesIO(stripped)).namelist()
    expected = ["ARTICLE 1 - RECOGNITION", "1.1 The employer recognizes the union."]
    assert read_docx(stripped).text.split("\n\n") == expected
