"""Which reader an upload needs, told by its bytes (not its name): PDF, Word, or text."""

from __future__ import annotations

from bargaining.domain.intake.document import Extracted, Unreadable, decode_text
from bargaining.domain.intake.docx_reader import TRACKED, read_docx
from bargaining.domain.intake.ocr import ocr_page
from bargaining.domain.intake.pdf_reader import read_pdf

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MARKDOWN_TYPES = ("text/markdown", "text/x-markdown")


def sniff(data: bytes, filename: str = "", content_type: str = "") -> str:
    """Name an upload's format from its first bytes (and, for text, its type or name)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(_OLE):
        return "ole"
    if content_type in MARKDOWN_TYPES or filename.lower().endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def read_upload(
    data: bytes, *, filename: str = "", content_type: str = "", tracked: str = "accept", ocr: bool = True
) -> Extracted:
    """Read an uploaded contract into text, whatever its format."""
    if not data.strip():
        raise Unreadable("The document is empty.", field="file")
    if tracked not in TRACKED:
        raise Unreadable(f"Give tracked_changes as one of {', '.join(TRACKED)}.", field="tracked_changes")
    fmt = sniff(data, filename, content_type)
    if fmt == "pdf":
        return read_pdf(data, ocr_page if ocr else None)
    if fmt == "docx":
        return read_docx(data, tracked)
    if fmt == "ole":
        raise Unreadable(
            "This is an old Word (.doc) or a password-protected Office file; save it as an unlocked .docx.",
            field="file",
            code="unsupported_format",
        )
    return decode_text(data, fmt)
