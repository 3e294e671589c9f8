"""The PDF rendering: the HTML page and its stylesheet laid out by headless Chromium, kept by content.

Every PDF the package makes (redlines, the contract, the chronology, the TA summary) is an HTML
page printed by ``bargaining.documents.chromium``. A 112-page contract still costs about a second
of CPU, so PDFs are kept in a per-process LRU keyed by the SHA-256 of the HTML they were made from
(at most MAX_BYTES in all): the same document asked for again is served at once, and a changed
document (any change at the table changes its HTML) is laid out afresh. The key is the content, so
a cached PDF is never stale and is only ever served for exactly the HTML the caller was allowed to
see.
"""

from __future__ import annotations

import hashlib
import threading

from cachetools import LRUCache

from bargaining.documents.chromium import html_to_pdf
from bargaining.documents.html import to_html
from bargaining.documents.model import Document

MAX_BYTES = 64 * 1024 * 1024
_KEPT: LRUCache[str, bytes] = LRUCache(maxsize=MAX_BYTES, getsizeof=len)
_LOCK = threading.Lock()


def to_pdf(doc: Document) -> bytes:
    """The document as PDF, from exactly the HTML and stylesheet of the HTML rendering."""
    return page_pdf(to_html(doc))


def page_pdf(html: str) -> bytes:
    """A self-contained HTML page as PDF, kept by the hash of the page."""
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
