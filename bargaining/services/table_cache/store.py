"""A bounded in-process store of encoded views (with their gzip and brotli forms) and their ETags.

A view's key names everything its body depends on: the kind of view, the table, the table's
revision (from the database, see revision.py) and the caller's view class (seat, audience,
filters). Entries never go stale (a change moves the revision, so the next read asks under a new
key); old revisions fall out of the LRU. Each app in each process (gunicorn worker) has its own store, shared
by its threads under a lock; the view is computed outside the lock.

Bodies are compressed once when kept, not per request: a 3 MB summary takes tens of milliseconds
to gzip, which is what a warm read must not pay (flask-compress compresses every response unless
given its own cache backend and key function, and would then key by request, not by revision).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

import brotli
from cachetools import LRUCache

MAX_BYTES = 256_000_000
COMPRESS_OVER = 1400  # bytes: smaller bodies fit a packet and are sent as they are
GZIP_LEVEL = 6
BROTLI_QUALITY = 5  # about gzip's speed with a smaller result


@dataclass(frozen=True, slots=True)
class Encoded:
    """A view's body as sent: plain, gzip and brotli (empty when too small to compress)."""

    body: bytes
    content_type: str
    etag: str
    gzip: bytes = b""
    br: bytes = b""
    size: int = field(default=0)

    def for_encoding(self, accepted: Callable[[str], float]) -> tuple[bytes, str | None]:
        """The body and its Content-Encoding for a client's Accept-Encoding quality function."""
        if self.br and accepted("br") > 0:
            return self.br, "br"
        if self.gzip and accepted("gzip") > 0:
            return self.gzip, "gzip"
        return self.body, None


def etag_for(key: Hashable) -> str:
    """A strong ETag naming a view's key (kind, table, revision, view class), quoted."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
    return f'"{key[0] if isinstance(key, tuple) else "view"}-{digest}"'


def encode(body: bytes, content_type: str, etag: str) -> Encoded:
    """Keep a body with its compressed forms (computed once here)."""
    if len(body) < COMPRESS_OVER:
        return Encoded(body, content_type, etag, size=len(body))
    zipped = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
    squeezed = brotli.compress(body, quality=BROTLI_QUALITY)
    return Encoded(body, content_type, etag, zipped, squeezed, len(body) + len(zipped) + len(squeezed))


class ViewStore:
    """A thread-safe LRU of encoded views bounded by the bytes it holds."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        """Start empty."""
        self._items: LRUCache[Hashable, Encoded] = LRUCache(maxsize=max_bytes, getsizeof=_weight)
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Encoded | None:
        """The kept view under key, if any."""
        with self._lock:
            found: Encoded | None = self._items.get(key)
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
            return found

    def keep(self, key: Hashable, view: Encoded) -> None:
        """Keep a view (one larger than the whole store is not kept)."""
        if _weight(view) > self._items.maxsize:
            return
        with self._lock:
            self._items[key] = view

    def clear(self) -> None:
        """Forget every view and reset the counters."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


def _weight(view: Encoded) -> int:
    """The bytes a kept view holds."""
    return view.size or 1
