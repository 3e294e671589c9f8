"""Answering in a document format: chosen by ?format= or the Accept header, sent with its file name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import Response, request

from bargaining.documents.model import MEDIA_TYPES, Document
from bargaining.documents.render import Rendered, render

_BY_MEDIA = {MEDIA_TYPES[fmt].split(";")[0]: fmt for fmt in MEDIA_TYPES}
_BINARY = {"schema": {"type": "string", "format": "binary"}}
_TEXT = {"schema": {"type": "string"}}


def chosen_format(args: Mapping[str, Any]) -> str:
    """?format= if given, else the best match of the Accept header (JSON when nothing better fits)."""
    fmt = args.get("format")
    if fmt:
        return str(fmt)
    best = request.accept_mimetypes.best_match(list(_BY_MEDIA), default="application/json")
    return _BY_MEDIA[best]


def rendered_response(rendered: Rendered) -> Response:
    """A rendered document with its media type and a Content-Disposition naming the file."""
    response = Response(rendered.body, status=200, content_type=rendered.media_type)
    response.headers["Content-Disposition"] = rendered.disposition
    response.headers["Vary"] = "Accept"
    return response


def document_response(doc: Document, fmt: str) -> Response:
    """Render a document in a format other than JSON and answer with it."""
    return rendered_response(render(doc, fmt))


def memo_render(
    memo: Callable[[str, Callable[[Any], Any]], Any], build: Callable[[], Document], fmt: str
) -> Response:
    """Answer with a rendering kept by ``memo`` under the format (an object that never changes)."""
    return rendered_response(memo(f"document:{fmt}", lambda _obj: render(build(), fmt)))


def formats_doc(json_schema: Any, description: str) -> dict[str, Any]:
    """The OpenAPI 200 response of a route answering in every document format."""
    content: dict[str, Any] = {"application/json": {"schema": json_schema}}
    for fmt, media in MEDIA_TYPES.items():
        if fmt != "json":
            content[media.split(";")[0]] = _TEXT if media.startswith("text/") else _BINARY
    return {"responses": {"200": {"description": description, "content": content}}}
