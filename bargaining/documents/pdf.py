"""The PDF rendering: the HTML page and its stylesheet laid out by WeasyPrint, kept by content.

Laying out a 130-page contract takes WeasyPrint seconds of CPU, so PDFs are kept in a per-process
LRU keyed by the SHA-256 of the HTML they were made from (at most MAX_BYTES in all): the same
document asked for again is served at once, and a changed document (any change at the table changes
its HTML) is laid out afresh. The key is the content, so a cached PDF is never stale and is only
ever served for exactly the HTML the caller was allowed to see.
"""

from __future__ import annotations

import hashlib
import threading

from cachetools import LRUCache

from bargaining.documents.html import to_html
from bargaining.documents.model import Document

MAX_BYTES = 64 * 1024 * 1024
_KEPT: LRUCache[str, bytes] = LRUCache(maxsize=MAX_BYTES, getsizeof=len)
_LOCK = threading.Lock()


def html_to_pdf(html: str) -> bytes:
    """Lay out an HTML page as PDF (WeasyPrint, imported on first use: it loads Pango and fonts)."""
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def to_pdf(doc: Document) -> bytes:
    """The document as PDF, from exactly the HTML and stylesheet of the HTML rendering."""
    html = to_html(doc)
    key = hashlib.sha256(html.encode("utf-8")).hexdigest()
    with _LOCK:
        found = _KEPT.get(key)
    if found is not None:
        return found
    pdf = html_to_pdf(html)
    if len(pdf) <= MAX_BYTES:
        with _LOCK:
            _KEPT[key] = pdf
    return pdf


def clear() -> None:
    """Forget every kept PDF."""
    with _LOCK:
        _KEPT.clear()
