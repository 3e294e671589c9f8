"""Helpers the costing blueprints share: 304s on If-None-Match, Location on 201, documents by format."""

from __future__ import annotations

from typing import Any

from flask import Response, request, url_for

from bargaining.api.etags import etag_of


def not_modified(etag: str) -> Response | None:
    """A 304 when the caller already holds this ETag."""
    held = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",") if tag.strip()]
    if etag in held or etag.strip('"') in (h.strip('"').removeprefix("W/").strip('"') for h in held):
        return Response(status=304, headers={"ETag": etag})
    return None


def created(endpoint: str, obj: Any, kind: str, **values: Any) -> dict[str, str]:
    """Location and ETag headers of a new object."""
    headers = {"Location": url_for(endpoint, **values)}
    if getattr(obj, "version", None) is not None:
        headers["ETag"] = etag_of(kind, obj)
    return headers
