"""An incoming document as text: what was read, from which format, and how (pages, OCR, changes)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bargaining.domain.errors import DomainError, Invalid

FORMATS = ("text", "markdown", "docx", "pdf")
_FIELD_ERRORS = re.compile(
    r"\s*Error!\s+(?:Bookmark not defined|Reference source not found|No text of specified style in document"
    r"|Main Document Only|Not a valid bookmark self-reference)\.?",
    re.I,
)


class Unreadable(Invalid):
    """The uploaded file cannot be read as a contract (422)."""

    code = "unreadable_file"


class TooLarge(DomainError):
    """The upload, or what it unpacks to, is larger than the limit (413)."""

    code = "payload_too_large"
    status = 413


@dataclass
class Extracted:
    """The text read from an upload, with how it was read."""

    text: str
    format: str
    pages: int = 0
    ocr_pages: list[int] = field(default_factory=list)
    ocr_confidence: float | None = None
    tracked_changes: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> bool:
        """Tell whether each line of the text is a whole paragraph (Word), never to be reflowed."""
        return self.format == "docx"

    def source(self) -> dict[str, Any]:
        """Return the JSON description of how the document was read."""
        return {
            "format": self.format,
            "pages": self.pages,
            "ocr_pages": self.ocr_pages,
            "ocr_confidence": self.ocr_confidence,
            "tracked_changes": self.tracked_changes,
            "notes": self.notes,
            "chars": len(self.text),
        }


def drop_field_errors(text: str) -> str:
    """Remove Word's field error results ('Error! Bookmark not defined.') from text."""
    return _FIELD_ERRORS.sub("", text)


def decode_text(data: bytes, fmt: str) -> Extracted:
    """Read a plain-text or Markdown upload (UTF-8, UTF-16 with a byte-order mark, or Windows-1252)."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data[:4096] and not utf16:
        raise Unreadable("The file is binary, not text, Word (.docx) or PDF.", field="file")
    notes: list[str] = []
    try:
        text = data.decode("utf-16") if utf16 else data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, notes = _windows_text(data), ["The text was not UTF-8; it was read as Windows-1252."]
    if not text.strip():
        raise Unreadable("The document is empty.", field="file")
    return Extracted(drop_field_errors(text), fmt, notes=notes)


def _windows_text(data: bytes) -> str:
    """Read text saved by Windows (cp1252); refuse bytes that are not text in that encoding either."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise Unreadable("The file is neither text, Word (.docx) nor PDF.", field="file") from exc
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > len(text) // 100:
        raise Unreadable("The file is binary, not text, Word (.docx) or PDF.", field="file")
    return text
