"""One entry point: a document in any format, with its media type and file name."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bargaining.documents.docx import to_docx
from bargaining.documents.html import to_html
from bargaining.documents.model import EXTENSIONS, FORMATS, MEDIA_TYPES, Document
from bargaining.documents.pdf import to_pdf
from bargaining.documents.text import to_markdown, to_text

RENDERED_FORMATS = tuple(f for f in FORMATS if f != "json")
_RENDERERS: dict[str, Callable[[Document], str | bytes]] = {
    "html": to_html,
    "md": to_markdown,
    "text": to_text,
    "docx": to_docx,
    "pdf": to_pdf,
}


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered document: its bytes, media type and file name."""

    body: bytes
    media_type: str
    filename: str

    @property
    def disposition(self) -> str:
        """Content-Disposition: readable formats inline, Word and PDF as attachments."""
        kind = "inline" if self.media_type.startswith("text/") else "attachment"
        return f'{kind}; filename="{self.filename}"'


def render(doc: Document, fmt: str) -> Rendered:
    """Render a document as html, md, text, docx or pdf (json is the API's own)."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}: give one of {', '.join(RENDERED_FORMATS)}")
    body = _RENDERERS[fmt](doc)
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Rendered(data, MEDIA_TYPES[fmt], f"{doc.filename}.{EXTENSIONS[fmt]}")
