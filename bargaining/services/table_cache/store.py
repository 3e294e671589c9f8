"""A bounded in-process store of encoded views (with their gzip and brotli forms) and their ETags.

A view's key names everything its body depends on: the kind of view, the table, the table's
revision (from the database, see revision.py) and the caller's view class (seat, audience,
filters). Entries never go stale (a change moves the revision, so the next read asks under a new
key); keeping a view drops the same view at an older revision, so memory stays at one body per
(table, view class) however many changes the day brings, within the LRU's byte bound. Each app in
each process (gunicorn worker) has its own store, shared by its threads under a lock; the view is
computed outside the lock.

Bodies are compressed once per coding (the first time a client asks for it), not per request: a
6 MB summary takes 30-240 ms to compress, which a warm read must not pay (flask-compress
compresses every response unless given its own cache backend and per-request key function).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar, cast

import brotli
from cachetools import LRUCache

MAX_BYTES = 256_000_000
COMPRESS_OVER = 1400  # bytes: smaller bodies fit a packet and are sent as they are
GZIP_LEVEL = 1  # 6 MB of JSON: level 1 in 47 ms to 19%, level 6 in 240 ms to 15% (docs/notes/perf.md)
BROTLI_QUALITY = 1  # 31 ms to 17%; quality 5 took 206 ms


def _gzip(body: bytes) -> bytes:
    """gzip at the fast level, with no timestamp (the same body gives the same bytes)."""
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)


def _brotli(body: bytes) -> bytes:
    """brotli at the fast quality."""
    return bytes(brotli.compress(body, quality=BROTLI_QUALITY))


CODERS: dict[str, Callable[[bytes], bytes]] = {"br": _brotli, "gzip": _gzip}


class Kept(Protocol):
    """What the store keeps: anything that says how many bytes it holds."""

    @property
    def size(self) -> int:
        """The bytes held."""
        ...


K = TypeVar("K", bound=Kept)


@dataclass(slots=True)
class Encoded:
    """A view's body as sent, and its compressed forms, each made the first time a client wants it."""

    body: bytes
    content_type: str
    etag: str
    forms: dict[str, bytes] = field(default_factory=dict)
    making: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def size(self) -> int:
        """The bytes held."""
        return len(self.body) + sum(len(form) for form in self.forms.values())

    def coding_for(self, accepted: Callable[[str], float]) -> str | None:
        """The Content-Encoding to send for a client's Accept-Encoding quality function."""
        if len(self.body) < COMPRESS_OVER:
            return None
        return next((coding for coding in CODERS if accepted(coding) > 0), None)

    def form(self, coding: str | None) -> tuple[bytes, bool]:
        """The body in that coding, and whether it was made just now."""
        if coding is None:
            return self.body, False
        found = self.forms.get(coding)
        if found is not None:
            return found, False
        with self.making:  # threads wanting the same new form wait for the first to make it
            found = self.forms.get(coding)
            if found is not None:
                return found, False
            made = self.forms[coding] = CODERS[coding](self.body)
            return made, True


def etag_for(key: Hashable) -> str:
    """A strong ETag naming a view's key (kind, table, revision, view class), quoted."""
    digest = hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
    return f'"{key[0] if isinstance(key, tuple) else "view"}-{digest}"'


class ViewStore:
    """A thread-safe LRU of encoded views bounded by the bytes it holds."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        """Start empty."""
        self._items: LRUCache[Hashable, Kept] = LRUCache(maxsize=max_bytes, getsizeof=_weight)
        self._newest: dict[Hashable, tuple[Any, Hashable]] = {}
        self._making: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Kept | None:
        """The kept view under key, if any."""
        with self._lock:
            found: Kept | None = self._items.get(key)
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
            return found

    def get_or_make(self, key: Hashable, make: Callable[[], K]) -> K:
        """The kept view under key, or made by one thread while the others missing on it wait.

        Right after a change every reader misses at once; each making its own copy of a
        multi-megabyte view cost CPU and raised each worker's memory high-water mark for good
        (docs/notes/perf.md, session 6).
        """
        found = self.get(key)
        if found is not None:
            return cast(K, found)  # a key names one kind of view, always made by the same make
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        try:
            with making:
                with self._lock:
                    found = self._items.get(key)
                if found is None:
                    found = make()
                    self.keep(key, found)
                return cast(K, found)
        finally:
            with self._lock:
                if self._making.get(key) is making:
                    del self._making[key]

    def keep(self, key: Hashable, view: Kept) -> None:
        """Keep a view, dropping the same view at an older revision (nobody asks for it again)."""
        if _weight(view) > self._items.maxsize:
            return
        slot, revision = _slot(key)
        with self._lock:
            held = self._newest.get(slot)
            if held is not None and held[0] > revision:
                return  # a slow request finishing an older revision: keep the newer one
            if held is not None and held[1] != key:
                self._items.pop(held[1], None)
            self._newest[slot] = (revision, key)
            self._items[key] = view

    def clear(self) -> None:
        """Forget every view and reset the counters."""
        with self._lock:
            self._items.clear()
            self._newest.clear()
            self.hits = self.misses = 0


def _slot(key: Hashable) -> tuple[Hashable, Any]:
    """A key (kind, table, revision, *view) as its slot (kind, table, *view) and its revision."""
    if isinstance(key, tuple) and len(key) >= 3:
        return (key[0], key[1], *key[3:]), key[2]
    return key, 0


def _weight(view: Kept) -> int:
    """The bytes a kept view holds (counted again when a compressed form is added)."""
    return view.size or 1
