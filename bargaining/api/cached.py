"""Answering a read from the table-revision cache: 304 before any work, else the kept body, compressed.

For GETs whose body depends only on (table revision, caller's view class): the view passes the
key (bargaining.services.table_cache) and a function that computes the body. The ETag names the
key, so an If-None-Match that still matches is answered 304 with no body before anything is
derived; otherwise the body comes from the store, or is computed, encoded, compressed once and
kept. Clients that accept br or gzip get the compressed form (Vary: Accept-Encoding). A page
that differs between readers only in a slot (the members' summary names its reader) is kept
once and spliced per request (``slotted_response``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from flask import Response, current_app, request

from bargaining.jsonio import json_bytes
from bargaining.services.table_cache.slotted import SlottedPage
from bargaining.services.table_cache.store import COMPRESS_OVER, Encoded, ViewStore, etag_for

JSON = "application/json"
HTML = "text/html; charset=utf-8"
_SUFFIXES = ("", "-br", "-gzip")


def _still_fresh(etag: str) -> str | None:
    """The ETag (of any encoding of this view) the caller already holds, if any."""
    if not request.if_none_match:
        return None
    bare = etag.strip('"')
    for suffix in _SUFFIXES:
        if request.if_none_match.contains_weak(bare + suffix):
            return f'"{bare}{suffix}"'
    return None


def view_store() -> ViewStore:
    """This app's store of views (one per app: tests make many apps, each with its own database)."""
    store: ViewStore = current_app.extensions.setdefault("table_cache", ViewStore())
    return store


def cached_response(key: Hashable, compute: Callable[[], bytes], content_type: str = JSON) -> Response:
    """Answer a read of a view under key: 304, or the kept (or freshly computed) body."""
    etag = etag_for(key)
    held = _still_fresh(etag)
    if held is not None:
        return Response(status=304, headers={"ETag": held, "Vary": "Accept-Encoding"})
    store = view_store()
    view = store.get_or_make(key, lambda: Encoded(compute(), content_type, etag))
    coding = view.coding_for(request.accept_encodings.quality)
    body, made = view.form(coding)
    if made:
        store.keep(key, view)  # count the new form against the store's bound
    return _answer(body, view.content_type, etag, coding)


def _answer(body: bytes, content_type: str, etag: str, coding: str | None) -> Response:
    """A 200 with the body in its coding, and the ETag of that coding (Vary: Accept-Encoding)."""
    response = Response(body, 200, content_type=content_type)
    response.headers["ETag"] = etag if coding is None else f'"{etag.strip(chr(34))}-{coding}"'
    response.vary.add("Accept-Encoding")
    if coding is not None:
        response.headers["Content-Encoding"] = coding
    return response


def slotted_response(
    shared: Hashable, reader: Hashable, render: Callable[[], bytes], slot: Callable[[], bytes]
) -> Response:
    """Answer a page every reader shares but for its slot: 304 by the reader's ETag, else the
    shared page (kept once under ``shared``) with this reader's slot spliced in, gzipped if wanted.

    ``reader`` names everything the whole answer depends on (the shared key's parts and the
    slot's), so an ETag never matches another reader's page. No brotli: its stream cannot be
    spliced, and every browser that sends br sends gzip too.
    """
    etag = etag_for(reader)
    held = _still_fresh(etag)
    if held is not None:
        return Response(status=304, headers={"ETag": held, "Vary": "Accept-Encoding"})
    page = view_store().get_or_make(shared, lambda: SlottedPage.split(render()))
    piece = slot()
    if request.accept_encodings.quality("gzip") > 0 and page.size >= COMPRESS_OVER:
        return _answer(page.gzipped(piece), HTML, etag, "gzip")
    return _answer(page.body(piece), HTML, etag, None)


def encode_json(data: object) -> bytes:
    """Encode as the app's JSON provider does (orjson, sorted keys), straight to bytes."""
    return json_bytes(data)
